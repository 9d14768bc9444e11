import { IsEmail, IsIn, IsISO8601, IsString } from 'class-validator';
import { JSONSchema } from 'class-validator-jsonschema';
import { EMAIL_JSON_SCHEMA } from '../../common/identity/email-address';
import { ROLES, type Role } from '../user.model';
import type { PublicUser } from '../user-record';

/**
 * The schema of PublicUser in the OpenAPI document (never used to validate input). `implements`
 * keeps it in step with the type the controllers return.
 */
export class PublicUserDto implements PublicUser {
  @IsString()
  id!: string;

  @IsEmail()
  @JSONSchema(EMAIL_JSON_SCHEMA)
  email!: string;

  @IsString()
  displayName!: string;

  @IsIn(ROLES, { each: true })
  roles!: Role[];

  @IsISO8601()
  createdAt!: string;
}
