import { getModelForClass, index, modelOptions, prop } from '@typegoose/typegoose';
import { DISPLAY_NAME_MAX_UTF16_UNITS } from '../common/identity/display-name';

export const ROLES = ['user', 'admin'] as const;
export type Role = (typeof ROLES)[number];

/** `disabled`: refused by accountStanding() everywhere (users/account-status.ts); set by admins. */
export const ACCOUNT_STATUSES = ['active', 'disabled'] as const;
export type AccountStatus = (typeof ACCOUNT_STATUSES)[number];

@modelOptions({ schemaOptions: { collection: 'users', timestamps: true, versionKey: false } })
@index({ email: 1 }, { unique: true })
export class User {
  // Normalised here as well as in the DTO, so no code path can store a differently-cased duplicate.
  @prop({ required: true, trim: true, lowercase: true, maxlength: 254 })
  public email!: string;

  // The rule is the DTO's (src/common/identity/display-name.ts, 64 code points). mongoose counts
  // UTF-16 units, so its cap is the rule's worst case: the schema is a backstop, never the first
  // to refuse user input (33 emoji once passed the DTO and failed here as a 500).
  @prop({ required: true, trim: true, minlength: 1, maxlength: DISPLAY_NAME_MAX_UTF16_UNITS })
  public displayName!: string;

  @prop({ required: true })
  public passwordHash!: string;

  @prop({ type: () => [String], enum: ROLES, default: ['user'] })
  public roles!: Role[];

  /** Accounts stored before this field existed have none: the repository reads that as `active`. */
  @prop({ type: String, enum: ACCOUNT_STATUSES, default: 'active' })
  public status!: AccountStatus;

  /** Bumped to revoke every access token issued before (logout-all, password change). */
  @prop({ required: true, default: 0 })
  public tokenVersion!: number;

  public createdAt!: Date;
  public updatedAt!: Date;
}

export const UserModel = getModelForClass(User);
