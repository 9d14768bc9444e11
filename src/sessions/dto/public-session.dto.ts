import { IsBoolean, IsISO8601, IsString } from 'class-validator';
import { JSONSchema } from 'class-validator-jsonschema';
import type { PublicSession } from '../session-record';

const NULLABLE_STRING: { type: ('string' | 'null')[] } = { type: ['string', 'null'] };

/** The schema of PublicSession (GET /auth/sessions) in the OpenAPI document. */
export class PublicSessionDto implements PublicSession {
  @IsString()
  id!: string;

  @IsISO8601()
  createdAt!: string;

  @IsISO8601()
  lastUsedAt!: string;

  @IsISO8601()
  expiresAt!: string;

  @IsString()
  @JSONSchema(NULLABLE_STRING)
  userAgent!: string | null;

  @IsString()
  @JSONSchema(NULLABLE_STRING)
  ip!: string | null;

  /** True for the session of the token that made the request. */
  @IsBoolean()
  current!: boolean;
}
