import Redis from 'ioredis';

/** The Redis every multi-instance test shares (started by .ci/run when the machine has none running). */
export const TEST_REDIS_URL = 'redis://127.0.0.1:6379';

/** Fails (never skips) when Redis does not answer. */
export async function requireRedis(url = TEST_REDIS_URL): Promise<void> {
  const probe = new Redis(url, { lazyConnect: true, maxRetriesPerRequest: 0, retryStrategy: () => null });
  try {
    await probe.connect();
    await probe.ping();
  } catch (error) {
    throw new Error(`Redis is required at ${url} for this test: ${String(error)}`);
  } finally {
    probe.disconnect();
  }
}
