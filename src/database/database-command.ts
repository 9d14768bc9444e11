import { connectDatabase, disconnectDatabase } from './connect-database';

/** What an operator's one-off command found: its JSON report, and whether a human must look. */
export interface CommandOutcome {
  report: object;
  needsHuman: boolean;
}

/**
 * Runs an operator's one-off command (`npm run migrate:*`) against $MONGODB_URI: prints its report
 * as JSON and sets the exit code, 0 done, 1 done but a human must look, 2 failed (the message
 * only, never a stack or the URI).
 */
export function runDatabaseCommand(label: string, work: () => Promise<CommandOutcome>): void {
  const run = async () => {
    const uri = process.env.MONGODB_URI;
    if (!uri) throw new Error('MONGODB_URI is required');
    await connectDatabase(uri);
    try {
      const { report, needsHuman } = await work();
      console.log(JSON.stringify(report, null, 2));
      process.exitCode = needsHuman ? 1 : 0;
    } finally {
      await disconnectDatabase();
    }
  };
  run().catch((error: unknown) => {
    console.error(`${label} failed:`, error instanceof Error ? error.message : error);
    process.exitCode = 2;
  });
}
