import type { Types } from 'mongoose';
import { displayNameProblem, normaliseDisplayName } from '../common/identity/display-name';
import { normaliseEmail } from '../common/identity/email-address';
import { isDuplicateKeyError } from '../database/duplicate-key';
import { EmailClaimsRepository } from './email-claims.repository';
import { UserModel } from './user.model';

/** What one run did. Ids only: the report goes to a terminal or a CI log, emails stay in the database. */
export interface RenormalisationReport {
  scanned: number;
  /** Emails rewritten to their normal form. */
  updated: number;
  /** Accounts whose normal form another account already holds: left as they are, for a human. */
  collisions: { id: string; conflictsWith: string }[];
  /** Stored display names today's rule would refuse: reported, never changed. */
  displayNamesToReview: string[];
}

/**
 * Rewrites stored emails into the normal form of common/identity/email-address.ts, so accounts
 * registered before it (when only trim + lower-case applied) stay reachable by login.
 * Idempotent: a second run updates nothing. Never merges: when two accounts share a normal form,
 * the one not already in normal form is reported and left untouched.
 * ASCII addresses are already in normal form, so only non-ASCII ones are ever rewritten.
 * The email's claim moves with it (email-claim.model.ts): the new one is taken before the
 * rewrite, the old one released after it, so login finds the account under one form throughout.
 */
export async function renormaliseStoredEmails(): Promise<RenormalisationReport> {
  const report: RenormalisationReport = { scanned: 0, updated: 0, collisions: [], displayNamesToReview: [] };
  const claims = new EmailClaimsRepository();
  const users = UserModel.find({}, { email: 1, displayName: 1 })
    .lean<{ _id: Types.ObjectId; email: string; displayName: string }[]>()
    .cursor();
  for await (const user of users) {
    report.scanned += 1;
    const id = user._id.toHexString();
    if (displayNameProblem(normaliseDisplayName(user.displayName))) report.displayNamesToReview.push(id);
    const normal = normaliseEmail(user.email);
    if (normal === user.email) continue;
    const holder = await UserModel.findOne({ email: normal }, { _id: 1 }).lean<{ _id: Types.ObjectId }>();
    if (holder) {
      report.collisions.push({ id, conflictsWith: holder._id.toHexString() });
      continue;
    }
    if (!(await claims.claim(normal, user._id))) {
      report.collisions.push({ id, conflictsWith: (await claims.holderOf(normal)) ?? 'unknown' });
      continue;
    }
    try {
      // Conditional on the old value: an email changed meanwhile is left to the next run.
      const { modifiedCount } = await UserModel.updateOne({ _id: user._id, email: user.email }, { $set: { email: normal } });
      report.updated += modifiedCount;
      await claims.release(modifiedCount === 1 ? user.email : normal, user._id);
    } catch (error) {
      // Someone registered the normal form between our check and our write: the index decides.
      if (!isDuplicateKeyError(error)) throw error;
      await claims.release(normal, user._id);
      const winner = await UserModel.findOne({ email: normal }, { _id: 1 }).lean<{ _id: Types.ObjectId }>();
      report.collisions.push({ id, conflictsWith: winner?._id.toHexString() ?? 'unknown' });
    }
  }
  return report;
}
