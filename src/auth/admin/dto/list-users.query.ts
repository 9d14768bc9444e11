import { Type } from 'class-transformer';
import { IsInt, IsOptional, IsString, Max, MaxLength, Min } from 'class-validator';
import { EMAIL_MAX_LENGTH } from '../../../common/identity/email-address';

export const USERS_PAGE_MAX_LIMIT = 100;
export const USERS_PAGE_DEFAULT_LIMIT = 20;

/** Query of GET /admin/users. `query` is plain text found anywhere in the email, never a pattern. */
export class ListUsersQuery {
  @IsOptional()
  @IsString()
  @MaxLength(EMAIL_MAX_LENGTH)
  query?: string;

  /** 1-based. */
  @IsOptional()
  @Type(() => Number)
  @IsInt()
  @Min(1)
  @Max(100_000)
  page?: number;

  @IsOptional()
  @Type(() => Number)
  @IsInt()
  @Min(1)
  @Max(USERS_PAGE_MAX_LIMIT)
  limit?: number;
}
