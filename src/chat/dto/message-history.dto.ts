import { Type } from 'class-transformer';
import { IsInt, IsOptional, IsString, Matches, Max, Min } from 'class-validator';
import { HISTORY_MAX_LIMIT } from '../chat.constants';
import { HISTORY_CURSOR_PATTERN } from '../history-cursor';
import { RoomDto } from './room.dto';

const CURSOR_MESSAGE = 'before must be a nextBefore value from an earlier page';

/** Payload of message:history. limit must be a JSON number here; the REST query converts strings. */
export class MessageHistoryDto extends RoomDto {
  @IsOptional()
  @IsString()
  @Matches(HISTORY_CURSOR_PATTERN, { message: CURSOR_MESSAGE })
  before?: string;

  @IsOptional()
  @IsInt()
  @Min(1)
  @Max(HISTORY_MAX_LIMIT)
  limit?: number;
}

/** Query of GET /rooms/:room/messages (the room comes from the path). */
export class HistoryQueryDto {
  @IsOptional()
  @IsString()
  @Matches(HISTORY_CURSOR_PATTERN, { message: CURSOR_MESSAGE })
  before?: string;

  @IsOptional()
  @Type(() => Number)
  @IsInt()
  @Min(1)
  @Max(HISTORY_MAX_LIMIT)
  limit?: number;
}
