import { IsString, Matches } from 'class-validator';
import { ROOM_ID_PATTERN } from '../room-ids';

const ROOM_MESSAGE =
  'room must be a room id: a public address (1-64 characters: a-z, 0-9, _ or -, starting with a letter or digit), prv:<id> or dm:<id>';

/** Payload of room:join, room:leave, room:delete and typing; the base of every payload naming a room. */
export class RoomDto {
  @IsString()
  @Matches(ROOM_ID_PATTERN, { message: ROOM_MESSAGE })
  room!: string;
}

/** The same rule for the REST path parameter. */
export class RoomParamsDto extends RoomDto {}
