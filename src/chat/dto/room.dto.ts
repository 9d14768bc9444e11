import { IsString, Matches } from 'class-validator';
import { ROOM_NAME_PATTERN } from '../chat.constants';

const ROOM_MESSAGE = 'room must be 1-64 characters: a-z, 0-9, _ or -, starting with a letter or digit';

/** Payload of room:join, room:leave and typing. */
export class RoomDto {
  @IsString()
  @Matches(ROOM_NAME_PATTERN, { message: ROOM_MESSAGE })
  room!: string;
}

/** The same rule for the REST path parameter. */
export class RoomParamsDto extends RoomDto {}
