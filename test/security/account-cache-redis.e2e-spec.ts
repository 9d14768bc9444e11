import { randomBytes, randomUUID } from 'node:crypto';
import { registerAndLogin, type LoggedIn } from '../fixtures/users';
import { accountCache, revocationChannelUp } from '../support/account-cache';
import { expectRefused, getMe } from '../support/http';
import { requireRedis, TEST_REDIS_URL } from '../support/redis';
import { REVOCATION_PATHS } from '../support/revocation-paths';
import { startTestApp, type TestApp } from '../support/test-app';

/**
 * Two instances sharing the database, the JWT secret and Redis, as two replicas behind a load
 * balancer. A revocation on A must reach B's account cache before B answers the next request.
 * A channel of its own keeps other test runs on the shared Redis out.
 */
describe('security: the account cache across two instances (revocation channel)', () => {
  let a: TestApp;
  let b: TestApp;
  let user: LoggedIn;

  beforeAll(async () => {
    await requireRedis();
    // Reuse must be theft at once here: outside the multi-tab grace (tested in refresh-grace).
    const env = {
      REDIS_URL: TEST_REDIS_URL,
      REVOCATION_CHANNEL: `test:${randomUUID()}`,
      JWT_SECRET: randomBytes(48).toString('base64'),
      REFRESH_REUSE_GRACE_SECONDS: '0',
    };
    a = await startTestApp(env);
    b = await startTestApp(env, { shareDatabaseWith: a });
    await Promise.all([revocationChannelUp(a), revocationChannelUp(b)]);
  });
  afterAll(async () => {
    await b?.close();
    await a?.close();
  });
  beforeEach(async () => {
    await a.wipe();
    accountCache(b).invalidateAll();
    user = await registerAndLogin(a.http);
  });

  it.each(REVOCATION_PATHS)('refuses on B, on the next request, a token cached there and revoked on A by $name', async (path) => {
    await getMe(b, user.accessToken).expect(200);
    expect(accountCache(b).has(user.id)).toBe(true);
    await path.revoke(a.http, user);
    await expectRefused(b, user.accessToken, 'token_revoked');
  });

  it('shows on B, on the next request, a display name changed on A', async () => {
    await getMe(b, user.accessToken).expect(200);
    await a.http.patch('/users/me').set('Authorization', `Bearer ${user.accessToken}`).send({ displayName: 'Renamed on A' }).expect(200);
    expect((await getMe(b, user.accessToken).expect(200)).body.displayName).toBe('Renamed on A');
  });

  it("keeps B's entries for users nobody revoked", async () => {
    const other = await registerAndLogin(a.http);
    await Promise.all([getMe(b, user.accessToken).expect(200), getMe(b, other.accessToken).expect(200)]);
    await a.http.post('/auth/logout').send({ refreshToken: user.refreshToken }).expect(204);
    await expectRefused(b, user.accessToken, 'token_revoked');
    expect(accountCache(b).has(other.id)).toBe(true);
  });
});
