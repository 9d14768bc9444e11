import type { mongo, Types } from 'mongoose';
import { isDuplicateKeyError } from '../database/duplicate-key';
import { EmailClaimModel } from './email-claim.model';
import { EmailClaimsRepository } from './email-claims.repository';
import { MigrationMarkerModel } from './migration-marker.model';
import { UserModel } from './user.model';

/** The marker's `_id` in the migrations collection. */
export const EMAIL_CLAIMS_MIGRATION = 'user_emails.backfill';

const BATCH = 500;

/** What one run did. Ids only, as the email renormalisation reports. */
export interface EmailClaimsReport {
  scanned: number;
  /** Claims written for accounts that had none. */
  claimed: number;
  /** Accounts whose email another account's live claim holds: left for a human (should not happen). */
  conflicts: { id: string; conflictsWith: string }[];
}

/**
 * Gives every account a claim on its stored email (user_emails, email-claim.model.ts), so the
 * accounts stored before claims existed can log in. Idempotent and safe to run from several
 * instances at once, and while the service runs: claims are inserted, never overwritten, an
 * existing one is only taken over when stale (EmailClaimsRepository.claim).
 */
export async function backfillEmailClaims(): Promise<EmailClaimsReport> {
  const report: EmailClaimsReport = { scanned: 0, claimed: 0, conflicts: [] };
  const users = UserModel.find({}, { email: 1 }).lean<{ _id: Types.ObjectId; email: string }[]>().cursor();
  let batch: { _id: Types.ObjectId; email: string }[] = [];
  for await (const user of users) {
    report.scanned += 1;
    batch.push(user);
    if (batch.length < BATCH) continue;
    await claimBatch(batch, report);
    batch = [];
  }
  if (batch.length > 0) await claimBatch(batch, report);
  return report;
}

/**
 * Start-up (main.ts) and the operator's commands: backfills once per database, then costs one
 * primary-key read. Instances starting together may each run it, which the backfill allows.
 * Returns the report when it ran, undefined when the marker says it already has.
 */
export async function ensureEmailClaims(): Promise<EmailClaimsReport | undefined> {
  if (await MigrationMarkerModel.exists({ _id: EMAIL_CLAIMS_MIGRATION })) return undefined;
  const report = await backfillEmailClaims();
  try {
    await MigrationMarkerModel.create({ _id: EMAIL_CLAIMS_MIGRATION, completedAt: new Date() });
  } catch (error) {
    if (!isDuplicateKeyError(error)) throw error; // another instance finished first
  }
  return report;
}

/** One insert for the batch; each email already claimed is then settled one by one. */
async function claimBatch(users: { _id: Types.ObjectId; email: string }[], report: EmailClaimsReport): Promise<void> {
  const claimedAt = new Date();
  const docs = users.map((user) => ({ _id: user.email, userId: user._id, claimedAt }));
  let refused = new Set<number>();
  try {
    await EmailClaimModel.insertMany(docs, { ordered: false, lean: true });
  } catch (error) {
    refused = duplicateIndexes(error);
  }
  report.claimed += users.length - refused.size;
  const claims = new EmailClaimsRepository();
  for (const index of refused) {
    const user = users[index]!;
    // Usually this account's own claim (an earlier or concurrent run); otherwise a stale one to take over.
    if (await claims.claim(user.email, user._id)) continue;
    report.conflicts.push({ id: user._id.toHexString(), conflictsWith: (await claims.holderOf(user.email)) ?? 'unknown' });
  }
}

/** The positions refused as duplicates; any other failure is rethrown. */
function duplicateIndexes(error: unknown): Set<number> {
  const writeErrors = (error as Partial<mongo.MongoBulkWriteError> | null)?.writeErrors;
  if (writeErrors === undefined) throw error;
  const list = Array.isArray(writeErrors) ? writeErrors : [writeErrors];
  if (list.some((writeError) => !isDuplicateKeyError(writeError))) throw error;
  return new Set(list.map((writeError) => writeError.index));
}
