import { getModelForClass, modelOptions, prop } from '@typegoose/typegoose';
import { Types } from 'mongoose';

/**
 * One account's hold on one email, keyed by the email itself (its normal form, as stored in
 * users.email). Login and registration find an account through this `_id` instead of a query on
 * users.email: a key lookup is the one query FerretDB 1.x on SQLite answers without reading the
 * whole collection, so an unknown email costs what a known one costs (no timing oracle).
 * Written before the user it points to; users.email keeps its unique index as the backstop.
 */
@modelOptions({ schemaOptions: { collection: 'user_emails', versionKey: false } })
export class EmailClaim {
  @prop({ type: String, required: true })
  public _id!: string;

  @prop({ type: () => Types.ObjectId, required: true })
  public userId!: Types.ObjectId;

  /** When the claim was taken: a claim whose account never appeared is stale only after a grace period. */
  @prop({ required: true })
  public claimedAt!: Date;
}

export const EmailClaimModel = getModelForClass(EmailClaim);
