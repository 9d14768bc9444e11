import { aUser, registerAndLogin } from '../fixtures/users';
import { useLoggedInUser, useTestApp } from '../support/suite';
import { startTestApp, type TestApp } from '../support/test-app';

const BACKOFF_BASE = 30;

function expectThrottled(res: { status: number; headers: Record<string, string>; body: Record<string, unknown> }, code: string): void {
  expect(res.status).toBe(429);
  expect(res.headers['content-type']).toMatch(/application\/problem\+json/);
  expect(res.body).toEqual({ type: 'about:blank', title: 'Too Many Requests', status: 429, detail: expect.any(String), code });
  const retryAfter = Number(res.headers['retry-after']);
  expect(Number.isInteger(retryAfter)).toBe(true);
  expect(retryAfter).toBeGreaterThanOrEqual(1);
}

describe('security: login throttling per account', () => {
  const t = useTestApp({ env: { LOGIN_ACCOUNT_MAX_FAILURES: '3', LOGIN_BACKOFF_BASE_SECONDS: String(BACKOFF_BASE) } });
  const victim = useLoggedInUser(t);

  const login = (email: string, password: string) => t.http.post('/auth/login').send({ email, password });
  const fail = async (email: string, times: number) => {
    for (let i = 0; i < times; i += 1) await login(email, 'wrong password guess').expect(401);
  };

  it('throttles a flood against one account with 429 and Retry-After, even for the right password', async () => {
    await fail(victim.email, 3);
    const locked = await login(victim.email, victim.password);
    expectThrottled(locked, 'login_throttled');
    expect(Number(locked.headers['retry-after'])).toBeLessThanOrEqual(BACKOFF_BASE);
    // The right and the wrong password get the same answer while locked.
    const wrong = await login(victim.email, 'another guess');
    expect(wrong.status).toBe(429);
    expect(wrong.body).toEqual(locked.body);
  });

  it('keeps other users logging in normally during a flood against one account', async () => {
    const bystander = await registerAndLogin(t.http);
    const flood = await Promise.all(Array.from({ length: 8 }, () => login(victim.email, 'guess')));
    // Concurrent guesses cannot slip past the budget: points are taken before passwords are checked.
    expect(flood.filter((res) => res.status === 401)).toHaveLength(3);
    expect(flood.filter((res) => res.status === 429)).toHaveLength(5);
    await login(bystander.email, bystander.password).expect(200);
  });

  it('resets the account counter on a successful login', async () => {
    await fail(victim.email, 2);
    await login(victim.email, victim.password).expect(200);
    await fail(victim.email, 2);
    await login(victim.email, victim.password).expect(200);
  });

  it('throttles unknown accounts exactly like known ones', async () => {
    await fail('nobody@example.test', 3);
    expectThrottled(await login('nobody@example.test', 'whatever'), 'login_throttled');
    expectThrottled(await login('NOBODY@example.test ', 'whatever'), 'login_throttled');
  });

  it('throttles wrong current passwords on password change, so a stolen access token is no password oracle', async () => {
    const change = (currentPassword: string) =>
      t.http
        .post('/users/me/password')
        .set('Authorization', `Bearer ${victim.accessToken}`)
        .send({ currentPassword, newPassword: 'a brand new passphrase 42' });
    for (let i = 0; i < 3; i += 1) await change(`guess ${i}`).expect(400);
    expectThrottled(await change(victim.password), 'login_throttled');
  });

  it('applies the same throttle to the legacy POST /login', async () => {
    await fail(victim.email, 3);
    expectThrottled(await t.http.post('/login').send({ email: victim.email, password: victim.password }), 'login_throttled');
  });
});

describe('security: per-IP limits', () => {
  // Each contract gets its own app, so every one starts with untouched counters.
  const withApp = (env: Record<string, string>, body: (t: TestApp) => Promise<void>) => async () => {
    const t = await startTestApp(env);
    try {
      await body(t);
    } finally {
      await t.close();
    }
  };

  it(
    'throttles one IP guessing passwords across many accounts, even for a right password afterwards',
    withApp({ LOGIN_IP_MAX_FAILURES: '4' }, async (t) => {
      const user = await registerAndLogin(t.http);
      for (let i = 0; i < 4; i += 1) {
        await t.http
          .post('/auth/login')
          .send({ email: `spray${i}@example.test`, password: 'Summer2026!' })
          .expect(401);
      }
      expectThrottled(await t.http.post('/auth/login').send({ email: user.email, password: user.password }), 'login_throttled');
    }),
  );

  it(
    'limits refreshes per IP with 429 rate_limited and Retry-After',
    withApp({ REFRESH_RATE_LIMIT: '2' }, async (t) => {
      const first = await registerAndLogin(t.http);
      const second = await registerAndLogin(t.http);
      await t.http.post('/auth/refresh').send({ refreshToken: first.refreshToken }).expect(200);
      await t.http.post('/auth/refresh').send({ refreshToken: second.refreshToken }).expect(200);
      expectThrottled(await t.http.post('/auth/refresh').send({ refreshToken: second.refreshToken }), 'rate_limited');
    }),
  );

  it(
    'limits registrations per IP on both registration paths',
    withApp({ REGISTER_RATE_LIMIT: '2' }, async (t) => {
      await t.http.post('/users').send(aUser()).expect(201);
      await t.http.post('/user').send(aUser()).expect(201);
      expectThrottled(await t.http.post('/users').send(aUser()), 'rate_limited');
    }),
  );
});
