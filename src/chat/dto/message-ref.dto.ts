import { IsInt, Min } from 'class-validator';
import { RoomDto } from './room.dto';
import { MessageText } from './message-text';

/** Payload of message:delete: a message is (room, seq). */
export class MessageRefDto extends RoomDto {
  @IsInt()
  @Min(1)
  seq!: number;
}

/** Payload of message:edit. */
export class MessageEditDto extends MessageRefDto {
  @MessageText()
  text!: string;
}

/** Payload of room:read: the highest seq the reader has seen (0: nothing). */
export class RoomReadDto extends RoomDto {
  @IsInt()
  @Min(0)
  seq!: number;
}

/** Body of POST /rooms/:room/read. */
export class ReadBodyDto {
  @IsInt()
  @Min(0)
  seq!: number;
}
