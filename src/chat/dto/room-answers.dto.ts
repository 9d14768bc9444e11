import { Type } from 'class-transformer';
import { IsBoolean, IsIn, IsInt, IsISO8601, IsOptional, IsString, Min, ValidateNested } from 'class-validator';
import { JSONSchema } from 'class-validator-jsonschema';
import type { SchemaObject } from 'openapi3-ts';
import type { ReadState } from '../read-pointer.service';
import { ROOM_KINDS, type RoomKind } from '../room-ids';
import type { MyRoom, RoomMemberView } from '../room-list.service';
import type { RoomView } from '../room-record';
import type { RoomResult } from '../rooms.service';
import { ChatMessageDto, ChatUserDto } from './history-page.dto';

// Schemas of the /rooms answers for the OpenAPI document; `implements` ties each to its type.

// The nested message's $ref, or null (a $ref beside `type` would not allow null).
const nullable = (schema: SchemaObject): SchemaObject => ({ oneOf: [schema, { type: 'null' }] });

/** A room as clients see it (`info`). */
export class RoomViewDto implements RoomView {
  @IsString()
  id!: string;

  /** Display name; "" for direct rooms. */
  @IsString()
  name!: string;

  @IsIn(ROOM_KINDS)
  kind!: RoomKind;

  /** Null for unowned public rooms and direct rooms. */
  @IsString()
  @JSONSchema({ type: ['string', 'null'] })
  ownerId!: string | null;

  @IsISO8601()
  createdAt!: string;
}

/** One of the caller's rooms, with its read state. */
export class MyRoomDto extends RoomViewDto implements MyRoom {
  @IsInt()
  @Min(0)
  lastSeq!: number;

  @IsInt()
  @Min(0)
  lastReadSeq!: number;

  @IsInt()
  @Min(0)
  unread!: number;

  /** The newest message or tombstone; null in an empty room. */
  @ValidateNested()
  @Type(() => ChatMessageDto)
  @JSONSchema(nullable)
  lastMessage!: ChatMessageDto | null;

  /** Direct rooms: the other member. */
  @IsOptional()
  @ValidateNested()
  @Type(() => ChatUserDto)
  peer?: ChatUserDto;
}

/** GET /rooms. */
export class RoomListDto {
  @ValidateNested({ each: true })
  @Type(() => MyRoomDto)
  rooms!: MyRoomDto[];

  /** Public rooms the caller is not in, newest first (at most 100). */
  @ValidateNested({ each: true })
  @Type(() => RoomViewDto)
  discover!: RoomViewDto[];
}

/** POST /rooms. */
export class RoomResultDto implements RoomResult {
  @IsString()
  room!: string;

  @ValidateNested()
  @Type(() => RoomViewDto)
  info!: RoomViewDto;
}

export class RoomMemberViewDto extends ChatUserDto implements RoomMemberView {
  @IsISO8601()
  joinedAt!: string;

  /** Has a live connection, on any instance. */
  @IsBoolean()
  online!: boolean;
}

/** GET /rooms/:room/members. */
export class RoomMembersDto {
  @IsString()
  room!: string;

  @ValidateNested({ each: true })
  @Type(() => RoomMemberViewDto)
  members!: RoomMemberViewDto[];
}

/** POST /rooms/:room/read. */
export class ReadStateDto implements ReadState {
  @IsString()
  room!: string;

  @IsInt()
  @Min(0)
  lastReadSeq!: number;

  @IsInt()
  @Min(0)
  unread!: number;
}
