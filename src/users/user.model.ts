import { getModelForClass, index, modelOptions, prop } from '@typegoose/typegoose';

export const ROLES = ['user', 'admin'] as const;
export type Role = (typeof ROLES)[number];

@modelOptions({ schemaOptions: { collection: 'users', timestamps: true, versionKey: false } })
@index({ email: 1 }, { unique: true })
export class User {
  // Normalised here as well as in the DTO, so no code path can store a differently-cased duplicate.
  @prop({ required: true, trim: true, lowercase: true, maxlength: 254 })
  public email!: string;

  @prop({ required: true, trim: true, minlength: 1, maxlength: 64 })
  public displayName!: string;

  @prop({ required: true })
  public passwordHash!: string;

  @prop({ type: () => [String], enum: ROLES, default: ['user'] })
  public roles!: Role[];

  /** Bumped to revoke every access token issued before (logout-all, password change). */
  @prop({ required: true, default: 0 })
  public tokenVersion!: number;

  public createdAt!: Date;
  public updatedAt!: Date;
}

export const UserModel = getModelForClass(User);
