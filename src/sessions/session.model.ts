import { getModelForClass, index, modelOptions, prop } from '@typegoose/typegoose';
import { Types } from 'mongoose';

/**
 * One login on one device = one refresh-token family. Only the SHA-256 of the current refresh
 * token is stored. Expiry is enforced by the application on every use and expired documents are
 * purged by SessionPurger: no TTL index, so the same code runs on MongoDB and FerretDB.
 */
@modelOptions({ schemaOptions: { collection: 'sessions', versionKey: false } })
@index({ tokenHash: 1 }, { unique: true })
@index({ userId: 1 })
@index({ idleExpiresAt: 1 })
export class Session {
  @prop({ required: true, type: () => Types.ObjectId })
  public userId!: Types.ObjectId;

  /** SHA-256 (hex) of the current refresh token; rotated on every refresh. */
  @prop({ required: true })
  public tokenHash!: string;

  @prop({ required: true })
  public createdAt!: Date;

  @prop({ required: true })
  public lastUsedAt!: Date;

  /** Never later than absoluteExpiresAt: moved forward on each refresh, up to that cap. */
  @prop({ required: true })
  public idleExpiresAt!: Date;

  @prop({ required: true })
  public absoluteExpiresAt!: Date;

  @prop({ type: Date, default: null })
  public revokedAt!: Date | null;

  @prop({ type: String, default: null })
  public revokedReason!: string | null;

  @prop({ type: String, maxlength: 256 })
  public userAgent?: string;

  @prop({ type: String, maxlength: 64 })
  public ip?: string;
}

export const SessionModel = getModelForClass(Session);
