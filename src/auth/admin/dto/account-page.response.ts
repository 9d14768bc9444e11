import { Type } from 'class-transformer';
import { IsArray, IsIn, IsInt, IsISO8601, IsMongoId, IsString, Min, ValidateNested } from 'class-validator';
import type { AccountSummary } from '../../../users/user-record';
import { ACCOUNT_STATUSES, ROLES, type AccountStatus, type Role } from '../../../users/user.model';

/**
 * Response shapes of the admin routes. Never validated at run time: the decorators describe the
 * fields for the OpenAPI document (class-validator-jsonschema reads them), like the request DTOs.
 */
export class AccountSummaryResponse implements AccountSummary {
  @IsMongoId()
  id!: string;

  @IsString()
  email!: string;

  @IsString()
  displayName!: string;

  @IsArray()
  @IsIn(ROLES, { each: true })
  roles!: Role[];

  /** `disabled`: refused at login, refresh and on every token with `account_disabled`. */
  @IsIn(ACCOUNT_STATUSES)
  status!: AccountStatus;

  @IsISO8601()
  createdAt!: string;
}

/** GET /admin/users: one page of accounts in creation order and the total of the search. */
export class AccountPageResponse {
  @ValidateNested({ each: true })
  @Type(() => AccountSummaryResponse)
  users!: AccountSummaryResponse[];

  @IsInt()
  @Min(1)
  page!: number;

  @IsInt()
  @Min(1)
  limit!: number;

  /** How many accounts match the query, over all pages. */
  @IsInt()
  @Min(0)
  total!: number;
}
