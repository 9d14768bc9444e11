import { IsEmail, IsIn, IsISO8601, IsString } from 'class-validator';
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
  email!: string;

  @IsString()
  displayName!: string;

  @IsIn(ROLES, { each: true })
  roles!: Role[];

  @IsISO8601()
  createdAt!: string;
}
