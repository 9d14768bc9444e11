import { registerAndLogin } from '../fixtures/users';
import { accountCache } from '../support/account-cache';
import { expectRefused, getMe } from '../support/http';
import { REVOCATION_PATHS } from '../support/revocation-paths';
import { useLoggedInUser, useTestApp } from '../support/suite';

/**
 * The authorization checker's account cache on one instance (no REDIS_URL): a known token is
 * answered from memory, every revocation path empties the user's entry before it answers, and
 * the cache holds no more users than AUTH_CACHE_MAX_USERS however many call.
 */
describe('security: the account cache on one instance', () => {
  // Reuse must be theft at once here: outside the multi-tab grace (tested in refresh-grace).
  const t = useTestApp({ env: { AUTH_CACHE_MAX_USERS: '3', REFRESH_REUSE_GRACE_SECONDS: '0' } });
  const user = useLoggedInUser(t);

  it('keeps the user in memory after an authenticated request', async () => {
    expect(accountCache(t).has(user.id)).toBe(false);
    await getMe(t, user.accessToken).expect(200);
    expect(accountCache(t).has(user.id)).toBe(true);
  });

  it.each(REVOCATION_PATHS)('refuses a cached token on the next request after $name', async (path) => {
    await getMe(t, user.accessToken).expect(200);
    expect(accountCache(t).has(user.id)).toBe(true);
    await path.revoke(t.http, user);
    await expectRefused(t, user.accessToken, 'token_revoked');
  });

  it('shows a new display name on the next request', async () => {
    await getMe(t, user.accessToken).expect(200);
    await t.http.patch('/users/me').set('Authorization', `Bearer ${user.accessToken}`).send({ displayName: 'Renamed' }).expect(200);
    expect((await getMe(t, user.accessToken).expect(200)).body.displayName).toBe('Renamed');
  });

  it('holds at most AUTH_CACHE_MAX_USERS users, and those it let go still get in', async () => {
    const users = [user];
    for (let i = 0; i < 9; i += 1) users.push(await registerAndLogin(t.http));
    for (const each of users) {
      await getMe(t, each.accessToken).expect(200);
      expect(accountCache(t).size).toBeLessThanOrEqual(3);
    }
    expect(accountCache(t).size).toBe(3);
    expect(accountCache(t).has(user.id)).toBe(false);
    expect((await getMe(t, user.accessToken).expect(200)).body.id).toBe(user.id);
  });
});
