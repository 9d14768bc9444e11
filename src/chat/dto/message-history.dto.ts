import { Transform, Type } from 'class-transformer';
import { IsInt, IsOptional, IsString, Matches, Max, Min } from 'class-validator';
import { HISTORY_MAX_LIMIT } from '../chat.constants';
import { HISTORY_CURSOR_PATTERN } from '../history-cursor';
import { RoomDto } from './room.dto';

const CURSOR_MESSAGE = 'before must be a nextBefore value from an earlier page';

// `?before=` is how clients naturally write "no cursor" (an empty limit is refused by routing-controllers).
const emptyAsAbsent = ({ obj, key, value }: { obj: Record<string, unknown>; key: string; value: unknown }) =>
  obj[key] === '' ? undefined : value;

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
  @Transform(emptyAsAbsent)
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
