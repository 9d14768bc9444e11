import { IsIn, Matches, ValidateIf } from 'class-validator';
import { PUBLIC_ROOM_ID_PATTERN } from '../room-ids';
import { RoomName } from './room-name';

/** Payload of room:create and body of POST /rooms. Direct rooms come from dm:open only. */
export class RoomCreateDto {
  // A public room's name becomes its id (its address), so it must be one.
  @ValidateIf((dto: RoomCreateDto) => dto.kind === 'public')
  @Matches(PUBLIC_ROOM_ID_PATTERN, {
    message: 'a public room name is its address: 1-64 characters a-z, 0-9, _ or -, starting with a letter or digit',
  })
  @RoomName()
  name!: string;

  @IsIn(['public', 'private'])
  kind!: 'public' | 'private';
}
