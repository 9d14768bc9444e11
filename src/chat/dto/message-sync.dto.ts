import { Type } from 'class-transformer';
import { IsInt, IsOptional, Max, Min } from 'class-validator';
import { SYNC_MAX_LIMIT } from '../chat.constants';
import { RoomDto } from './room.dto';

/** Payload of message:sync. Numbers must be JSON numbers here; the REST query converts strings. */
export class MessageSyncDto extends RoomDto {
  @IsInt()
  @Min(0)
  afterSeq!: number;

  @IsOptional()
  @IsInt()
  @Min(1)
  @Max(SYNC_MAX_LIMIT)
  limit?: number;
}

/** Query of GET /rooms/:room/sync. */
export class SyncQueryDto {
  @Type(() => Number)
  @IsInt()
  @Min(0)
  afterSeq!: number;

  @IsOptional()
  @Type(() => Number)
  @IsInt()
  @Min(1)
  @Max(SYNC_MAX_LIMIT)
  limit?: number;
}
