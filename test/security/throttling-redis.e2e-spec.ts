import { randomUUID } from 'node:crypto';
import { Redis } from 'ioredis';
import { RateLimiterFactory } from '../../src/common/rate-limit/rate-limiter.factory';
import { AppMetrics } from '../../src/metrics/app-metrics';
import { registerAndLogin } from '../fixtures/users';
import { startTestApp, type TestApp } from '../support/test-app';

/**
 * Needs the Redis at REDIS_URL (default redis://127.0.0.1:6379). Without it this file FAILS in
 * beforeAll, on purpose: shared counters are the point of the Redis store.
 */
const REDIS_URL = process.env.REDIS_URL ?? 'redis://127.0.0.1:6379';

describe('security: rate limits shared through Redis', () => {
  const prefix = `test-${randomUUID()}`;
  let redis: Redis;
  let t: TestApp;
  beforeAll(async () => {
    redis = new Redis(REDIS_URL, { lazyConnect: true, maxRetriesPerRequest: 0, retryStrategy: () => null });
    await redis.connect();
    expect(await redis.ping()).toBe('PONG');
    t = await startTestApp({ REDIS_URL, RATE_LIMIT_KEY_PREFIX: prefix, LOGIN_ACCOUNT_MAX_FAILURES: '2' });
  });
  afterAll(async () => {
    await t?.close();
    const keys = await redis.keys(`${prefix}:*`);
    if (keys.length > 0) await redis.del(...keys);
    redis.disconnect();
  });

  it('counts against one budget from two instances (two factories on the same Redis)', async () => {
    const config = { ...t.config, rateLimit: { ...t.config.rateLimit, keyPrefix: `${prefix}-shared` } };
    const instanceA = new RateLimiterFactory(config, t.app.logger, new AppMetrics());
    const instanceB = new RateLimiterFactory(config, t.app.logger, new AppMetrics());
    try {
      const a = instanceA.create({ name: 'probe', points: 3, durationSeconds: 60 });
      const b = instanceB.create({ name: 'probe', points: 3, durationSeconds: 60 });
      await a.consume('k');
      await a.consume('k');
      const seenByB = await b.consume('k');
      expect(seenByB.consumedPoints).toBe(3);
      await expect(b.consume('k')).rejects.toMatchObject({ remainingPoints: 0 });
    } finally {
      await Promise.all([instanceA.close(), instanceB.close()]);
      const keys = await redis.keys(`${prefix}-shared:*`);
      if (keys.length > 0) await redis.del(...keys);
    }
  });

  it('keeps the login backoff in Redis: a flood is throttled and the counters live there', async () => {
    const user = await registerAndLogin(t.http);
    for (let i = 0; i < 2; i += 1) await t.http.post('/auth/login').send({ email: user.email, password: 'wrong guess' }).expect(401);
    const res = await t.http.post('/auth/login').send({ email: user.email, password: user.password }).expect(429);
    expect(Number(res.headers['retry-after'])).toBeGreaterThanOrEqual(1);
    expect(await redis.keys(`${prefix}:login-account:attempts*`)).toHaveLength(1);
  });
});
