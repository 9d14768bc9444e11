import 'reflect-metadata';
import { runDatabaseCommand } from '../database/database-command';
import { backfillEmailClaims, EMAIL_CLAIMS_MIGRATION } from './email-claims-backfill';
import { MigrationMarkerModel } from './migration-marker.model';

/**
 * `MONGODB_URI=... npm run migrate:email-claims`: gives every account without one a claim on its
 * email. The service does this by itself once, at its first start after the upgrade; this command
 * runs it again whatever the marker says, for accounts an instance of the previous release
 * registered during a rolling upgrade. Safe to run again, and while the service runs. Prints a
 * JSON report; exits 1 when some accounts conflict and need a human, 0 otherwise.
 */
runDatabaseCommand('email claims migration', async () => {
  const report = await backfillEmailClaims();
  await MigrationMarkerModel.updateOne({ _id: EMAIL_CLAIMS_MIGRATION }, { $set: { completedAt: new Date() } }, { upsert: true });
  return { report, needsHuman: report.conflicts.length > 0 };
});
