import { Types } from 'mongoose';
import { Service } from 'typedi';
import { isDuplicateKeyError } from '../database/duplicate-key';
import { EmailClaimModel } from './email-claim.model';
import { UserModel } from './user.model';

/**
 * How long a claim whose account is missing (or holds another email) is presumed to be work in
 * flight: a registration between its claim and its user, a renormalisation between its claim and
 * its update. Both take a few database round trips, each bounded by DB_OPERATION_TIMEOUT_MS
 * (3 s by default); a minute leaves a wide margin. After it, the claim is stale and may be taken.
 */
export const STALE_CLAIM_AFTER_MS = 60_000;

interface ClaimDocument {
  _id: string;
  userId: Types.ObjectId;
  claimedAt: Date;
}

/**
 * All access to the user_emails collection (email-claim.model.ts). Every read is by `_id`, every
 * release and takeover is conditional on the account the caller saw, so a claim is never removed
 * or moved from under an account that holds it. Emails here are already in normal form.
 */
@Service()
export class EmailClaimsRepository {
  /** The id of the account that claims `email`, if any: one primary-key read. */
  async holderOf(email: string): Promise<string | undefined> {
    const claim = await EmailClaimModel.findById(email).lean<ClaimDocument>();
    return claim?.userId.toHexString();
  }

  /**
   * Claims `email` for `userId`. True when the claim is (now, or already) the account's; false
   * when a live account, or work in flight, holds it. A stale claim (its account gone, or holding
   * another email, for longer than STALE_CLAIM_AFTER_MS) is taken over, so a failed registration
   * or a deleted account never blocks the email for good.
   */
  async claim(email: string, userId: Types.ObjectId, attempts = 2): Promise<boolean> {
    try {
      await EmailClaimModel.create({ _id: email, userId, claimedAt: new Date() });
      return true;
    } catch (error) {
      if (!isDuplicateKeyError(error)) throw error;
    }
    const existing = await EmailClaimModel.findById(email).lean<ClaimDocument>();
    // Released between our insert and our read: try once more rather than report a conflict.
    if (!existing) return attempts > 1 ? this.claim(email, userId, attempts - 1) : false;
    if (existing.userId.equals(userId)) return true;
    if (!(await isStale(existing))) return false;
    // Conditional on the claim we judged stale: of two concurrent takeovers, one wins.
    const { modifiedCount } = await EmailClaimModel.updateOne(
      { _id: email, userId: existing.userId, claimedAt: existing.claimedAt },
      { $set: { userId, claimedAt: new Date() } },
    );
    return modifiedCount === 1;
  }

  /** Hands `email` from `from` to `to` (an account found holding it without a claim). */
  async handOver(email: string, from: Types.ObjectId, to: Types.ObjectId): Promise<void> {
    await EmailClaimModel.updateOne({ _id: email, userId: from }, { $set: { userId: to, claimedAt: new Date() } });
  }

  /** Removes the claim, only if `userId` still holds it. */
  async release(email: string, userId: Types.ObjectId): Promise<void> {
    await EmailClaimModel.deleteOne({ _id: email, userId });
  }
}

async function isStale(claim: ClaimDocument): Promise<boolean> {
  if (Date.now() - claim.claimedAt.getTime() < STALE_CLAIM_AFTER_MS) return false;
  const holder = await UserModel.findById(claim.userId, { email: 1 }).lean<{ email: string }>();
  return holder?.email !== claim._id;
}
