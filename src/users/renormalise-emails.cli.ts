import 'reflect-metadata';
import { connectDatabase, disconnectDatabase } from '../database/connect-database';
import { renormaliseStoredEmails } from './email-renormalisation';

/**
 * `MONGODB_URI=... npm run migrate:emails`: re-normalises stored emails once after upgrading
 * (safe to run again, and while the service runs). Prints a JSON report; exits 1 when some
 * accounts collide and need a human, 0 otherwise.
 */
async function run(): Promise<void> {
  const uri = process.env.MONGODB_URI;
  if (!uri) throw new Error('MONGODB_URI is required');
  await connectDatabase(uri);
  try {
    const report = await renormaliseStoredEmails();
    console.log(JSON.stringify(report, null, 2));
    process.exitCode = report.collisions.length > 0 ? 1 : 0;
  } finally {
    await disconnectDatabase();
  }
}

run().catch((error: unknown) => {
  console.error('email migration failed:', error instanceof Error ? error.message : error);
  process.exitCode = 2;
});
