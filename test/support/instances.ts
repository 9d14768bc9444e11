import { randomBytes } from 'node:crypto';
import Redis from 'ioredis';
import { startTestApp, type TestApp } from './test-app';

export const REDIS_URL = 'redis://127.0.0.1:6379';

/**
 * Two app instances in one process, sharing Redis (socket.io adapter), the database and the JWT
 * secret, as two replicas behind a load balancer would. Fails, never skips, without Redis.
 * Close `b` before `a` (a owns the database).
 */
export async function startTwoInstances(env: Record<string, string> = {}): Promise<[TestApp, TestApp]> {
  const probe = new Redis(REDIS_URL, { lazyConnect: true, maxRetriesPerRequest: 0, retryStrategy: () => null });
  await probe.connect().catch((error: unknown) => {
    throw new Error(`Redis is required at ${REDIS_URL} for this test: ${String(error)}`);
  });
  await probe.quit();
  const shared = { REDIS_URL, JWT_SECRET: randomBytes(48).toString('base64'), ...env };
  const a = await startTestApp(shared);
  const b = await startTestApp(shared, { shareDatabaseWith: a });
  return [a, b];
}
