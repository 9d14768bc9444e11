import 'reflect-metadata';
import { provideMongo } from '../dev/mongo-provider';
import { startTestApp } from '../test/support/test-app';
import { benchAuthenticatedRequest } from './authenticated-request.bench';
import { benchLoginTiming } from './login-timing.bench';
import { benchPasswordHashing } from './password-hashing.bench';
import { printRows, type BenchRow } from './stats';

/** `npm run bench`: each row is a ratio against a baseline measured in the same run. */
async function main(): Promise<void> {
  const mongo = await provideMongo({ log: (message) => console.log(message) });
  process.env.TEST_MONGODB_URI = mongo.uri;
  // Throttling would turn the login samples into 429s; the bench measures the work, not the limiter.
  const t = await startTestApp(BENCH_ENV);
  const rows: BenchRow[] = [];
  try {
    rows.push(await benchPasswordHashing());
    rows.push(await benchLoginTiming(t));
    rows.push(await benchAuthenticatedRequest(t));
  } finally {
    await t.close();
    await mongo.stop();
  }
  console.log(`\nnode ${process.version}, database: ${mongo.source}`);
  printRows(rows);
}

const BENCH_ENV: Record<string, string> = {
  LOGIN_ACCOUNT_MAX_FAILURES: '1000000',
  LOGIN_IP_MAX_FAILURES: '1000000',
  REGISTER_RATE_LIMIT: '1000000',
};

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
