import { getModelForClass, index, modelOptions, prop } from '@typegoose/typegoose';
import { Types } from 'mongoose';

/**
 * Refresh tokens that have been exchanged. The unique _id (the token's SHA-256) is the lock:
 * inserting it is how one refresh claims a token, and a duplicate key means another request
 * already spent it. A unique insert is atomic on MongoDB and FerretDB alike, unlike
 * read-then-update. Kept until the family's absolute expiry, to recognise replays (theft).
 * `successor` is the token this one was exchanged for, sealed under a key derived from this one
 * (refresh-successor.ts): within the grace window a second presenter gets that same successor.
 */
@modelOptions({ schemaOptions: { collection: 'spent_refresh_tokens', versionKey: false } })
@index({ expiresAt: 1 })
export class SpentRefreshToken {
  @prop({ required: true })
  public _id!: string;

  @prop({ required: true, type: () => Types.ObjectId })
  public sessionId!: Types.ObjectId;

  @prop({ required: true, type: () => Types.ObjectId })
  public userId!: Types.ObjectId;

  @prop({ required: true })
  public spentAt!: Date;

  @prop({ required: true })
  public expiresAt!: Date;

  /** Absent on tokens spent before the grace period existed: those never get a grace answer. */
  @prop({ type: String })
  public successor?: string;
}

export const SpentRefreshTokenModel = getModelForClass(SpentRefreshToken);
