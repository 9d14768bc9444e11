import { randomBytes } from 'node:crypto';
import { registerAndLogin, type LoggedIn } from '../fixtures/users';
import { accountCache, revocationChannelDown, revocationChannelUp } from '../support/account-cache';
import { expectRefused, getMe } from '../support/http';
import { startPrivateRedis, type PrivateRedis } from '../support/redis';
import { startTestApp, type TestApp } from '../support/test-app';

/**
 * Two instances on a redis-server of this file's own, which the tests kill mid-way: a message
 * published while an instance's subscriber is gone is lost, so the cache must not answer from
 * then until it is subscribed again, and must start empty when it is.
 */
describe('security: the account cache while Redis is down', () => {
  let redis: PrivateRedis;
  let a: TestApp;
  let b: TestApp;
  let user: LoggedIn;

  beforeAll(async () => {
    redis = await startPrivateRedis();
    const env = { REDIS_URL: redis.url, JWT_SECRET: randomBytes(48).toString('base64') };
    a = await startTestApp(env);
    b = await startTestApp(env, { shareDatabaseWith: a });
  });
  afterAll(async () => {
    await b?.close();
    await a?.close();
    await redis?.stop();
  });
  beforeEach(async () => {
    await Promise.all([revocationChannelUp(a), revocationChannelUp(b)]);
    await a.wipe();
    accountCache(b).invalidateAll();
    user = await registerAndLogin(a.http);
    await getMe(b, user.accessToken).expect(200);
    expect(accountCache(b).has(user.id)).toBe(true);
  });
  afterEach(() => redis.start().catch(() => undefined));

  const stopRedis = async () => {
    const noticed = Promise.all([revocationChannelDown(a), revocationChannelDown(b)]);
    await redis.stop();
    await noticed;
  };

  it('refuses on B a token revoked on A while Redis is down, and answers every token from the database', async () => {
    await stopRedis();
    expect(accountCache(b).size).toBe(0);
    await a.http.post('/auth/logout').send({ refreshToken: user.refreshToken }).expect(204);
    await expectRefused(b, user.accessToken, 'token_revoked');

    const other = await registerAndLogin(a.http);
    await getMe(b, other.accessToken).expect(200);
    expect(accountCache(b).has(other.id)).toBe(false);
  });

  it('after Redis is back, still refuses on B a token whose revocation message was lost', async () => {
    await stopRedis();
    await a.http.post('/auth/logout').send({ refreshToken: user.refreshToken }).expect(204);
    await redis.start();
    await revocationChannelUp(b);
    await expectRefused(b, user.accessToken, 'token_revoked');

    // Subscribed again, the cache answers again.
    const other = await registerAndLogin(a.http);
    await getMe(b, other.accessToken).expect(200);
    expect(accountCache(b).has(other.id)).toBe(true);
  });
});
