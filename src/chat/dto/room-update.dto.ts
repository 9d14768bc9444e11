import { RoomDto } from './room.dto';
import { RoomName } from './room-name';

/** Payload of room:update: a new display name (the id never changes). */
export class RoomUpdateDto extends RoomDto {
  @RoomName()
  name!: string;
}
