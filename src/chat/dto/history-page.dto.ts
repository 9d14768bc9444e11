import { Type } from 'class-transformer';
import { Equals, IsBoolean, IsInt, IsISO8601, IsOptional, IsString, Min, ValidateNested } from 'class-validator';
import { JSONSchema } from 'class-validator-jsonschema';
import type { ChatMessage, HistoryPage, SyncPage } from '../chat-message';
import type { ChatUser } from '../chat-user';

// Schemas of the message answers for the OpenAPI document; `implements` ties each to its type.

export class ChatUserDto implements ChatUser {
  @IsString()
  id!: string;

  @IsString()
  displayName!: string;
}

/** A message, or its tombstone: `deleted` and `deletedAt`, no `text`. */
export class ChatMessageDto implements ChatMessage {
  @IsString()
  id!: string;

  @IsString()
  room!: string;

  /** Numbers the room's messages 1, 2, 3... with no gaps. */
  @IsInt()
  @Min(1)
  seq!: number;

  @IsOptional()
  @IsString()
  text?: string;

  @ValidateNested()
  @Type(() => ChatUserDto)
  author!: ChatUserDto;

  @IsISO8601()
  createdAt!: string;

  @IsOptional()
  @IsISO8601()
  editedAt?: string;

  @IsOptional()
  @Equals(true)
  deleted?: true;

  @IsOptional()
  @IsISO8601()
  deletedAt?: string;
}

/** GET /rooms/:room/messages: newest first; `nextBefore` is the cursor of the next, older page. */
export class HistoryPageDto implements HistoryPage {
  @ValidateNested({ each: true })
  @Type(() => ChatMessageDto)
  messages!: ChatMessageDto[];

  @IsString()
  @JSONSchema({ type: ['string', 'null'], description: 'Pass as `before` for the next (older) page; null when there is none.' })
  nextBefore!: string | null;
}

/** GET /rooms/:room/sync: the messages after `afterSeq`, oldest first. */
export class SyncPageDto implements SyncPage {
  @IsString()
  room!: string;

  @ValidateNested({ each: true })
  @Type(() => ChatMessageDto)
  messages!: ChatMessageDto[];

  @IsBoolean()
  hasMore!: boolean;

  /** Pass as afterSeq for the next page. */
  @IsInt()
  @Min(0)
  nextAfterSeq!: number;

  @IsInt()
  @Min(0)
  lastSeq!: number;
}
