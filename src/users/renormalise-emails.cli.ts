import 'reflect-metadata';
import { runDatabaseCommand } from '../database/database-command';
import { renormaliseStoredEmails } from './email-renormalisation';

/**
 * `MONGODB_URI=... npm run migrate:emails`: re-normalises stored emails once after upgrading
 * (safe to run again, and while the service runs). Prints a JSON report; exits 1 when some
 * accounts collide and need a human, 0 otherwise.
 */
runDatabaseCommand('email migration', async () => {
  const report = await renormaliseStoredEmails();
  return { report, needsHuman: report.collisions.length > 0 };
});
