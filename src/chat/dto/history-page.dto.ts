import { Type } from 'class-transformer';
import { IsISO8601, IsString, ValidateNested } from 'class-validator';
import { JSONSchema } from 'class-validator-jsonschema';
import type { ChatMessage, HistoryPage } from '../chat-message';
import type { ChatUser } from '../chat-user';

// Schemas of the history answers for the OpenAPI document; `implements` ties each to its type.

export class ChatUserDto implements ChatUser {
  @IsString()
  id!: string;

  @IsString()
  displayName!: string;
}

export class ChatMessageDto implements ChatMessage {
  @IsString()
  id!: string;

  @IsString()
  room!: string;

  @IsString()
  text!: string;

  @ValidateNested()
  @Type(() => ChatUserDto)
  author!: ChatUserDto;

  @IsISO8601()
  createdAt!: string;
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
