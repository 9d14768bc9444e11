import { aUser } from '../fixtures/users';
import { useTestApp } from '../support/suite';

const COOKIE_MODE = { 'X-Token-Delivery': 'cookie' };

/** The Set-Cookie lines of an answer. */
function cookiesOf(res: { headers: Record<string, unknown> }): string[] {
  const header = res.headers['set-cookie'];
  return Array.isArray(header) ? (header as string[]) : [];
}

/** The token value the answer set (every refresh cookie carries the same one). */
function tokenIn(res: { headers: Record<string, unknown> }): string {
  const values = new Set(cookiesOf(res).map((line) => /^refresh_token=([^;]*)/.exec(line)?.[1]));
  expect(values.size).toBe(1);
  return [...values][0]!;
}

describe('the refresh token in an httpOnly cookie (browser clients)', () => {
  // Without the multi-tab grace, a replayed cookie is theft at once (REFRESH_REUSE_GRACE_SECONDS).
  const t = useTestApp({ env: { CORS_ORIGINS: 'http://allowed.test', REFRESH_REUSE_GRACE_SECONDS: '0' } });

  async function cookieLogin(): Promise<{ token: string; body: Record<string, unknown>; cookies: string[] }> {
    const input = aUser();
    await t.http.post('/users').send(input).expect(201);
    const res = await t.http.post('/auth/login').set(COOKIE_MODE).send({ email: input.email, password: input.password }).expect(200);
    return { token: tokenIn(res), body: res.body as Record<string, unknown>, cookies: cookiesOf(res) };
  }

  it('sets the token as an httpOnly SameSite=Strict cookie scoped to the refresh and logout paths, and leaves it out of the body', async () => {
    const { token, body, cookies } = await cookieLogin();
    expect(body.refreshToken).toBeUndefined();
    expect(body).toEqual(expect.objectContaining({ accessToken: expect.any(String), user: expect.any(Object) }));
    expect(token).toMatch(/^[0-9a-f]{24}\.[A-Za-z0-9_-]{43}$/);
    expect(cookies.map((line) => /Path=([^;]+)/.exec(line)?.[1]).sort()).toEqual(['/auth/logout', '/auth/refresh']);
    for (const line of cookies) {
      expect(line).toMatch(/; HttpOnly/);
      expect(line).toMatch(/; SameSite=Strict/);
      expect(line).toMatch(/; Max-Age=1209600/);
      // NODE_ENV=test runs over plain http; production adds Secure (unit test of RefreshCookie).
      expect(line).not.toMatch(/Secure/);
    }
  });

  it('rotates the cookie on refresh without a body, and the spent cookie is refused as reused', async () => {
    const { token } = await cookieLogin();
    const res = await t.http
      .post('/auth/refresh')
      .set(COOKIE_MODE)
      .set('Cookie', `refresh_token=${token}`)
      .set('Origin', t.url)
      .expect(200);
    expect(res.body.refreshToken).toBeUndefined();
    expect(res.body.accessToken).toEqual(expect.any(String));
    const next = tokenIn(res);
    expect(next).not.toBe(token);
    const again = await t.http.post('/auth/refresh').set(COOKIE_MODE).set('Cookie', `refresh_token=${token}`).expect(401);
    expect(again.body.code).toBe('refresh_reused');
    // The dead cookie is cleared so the page stops presenting it.
    expect(cookiesOf(again).every((line) => /^refresh_token=;/.test(line) && /Max-Age=0/.test(line))).toBe(true);
  });

  it('answers 401 refresh_invalid in cookie mode when there is no cookie', async () => {
    const res = await t.http.post('/auth/refresh').set(COOKIE_MODE).send({}).expect(401);
    expect(res.body.code).toBe('refresh_invalid');
  });

  it('accepts this site and CORS_ORIGINS as Origin, and refuses any other with 403 (CSRF defence beyond SameSite)', async () => {
    let { token } = await cookieLogin();
    for (const origin of [t.url, 'http://allowed.test']) {
      const res = await t.http
        .post('/auth/refresh')
        .set(COOKIE_MODE)
        .set('Cookie', `refresh_token=${token}`)
        .set('Origin', origin)
        .expect(200);
      token = tokenIn(res);
    }
    for (const origin of ['http://evil.test', 'null', t.url.replace('127.0.0.1', 'localhost')]) {
      const refused = await t.http
        .post('/auth/refresh')
        .set(COOKIE_MODE)
        .set('Cookie', `refresh_token=${token}`)
        .set('Origin', origin)
        .expect(403);
      expect(refused.body.code).toBe('origin_not_allowed');
      await t.http.post('/auth/logout').set(COOKIE_MODE).set('Cookie', `refresh_token=${token}`).set('Origin', origin).expect(403);
    }
    // Nothing was spent or revoked by the refused requests.
    await t.http.post('/auth/refresh').set(COOKIE_MODE).set('Cookie', `refresh_token=${token}`).expect(200);
  });

  it('logs out with the cookie: the session ends and the cookie is cleared', async () => {
    const { token } = await cookieLogin();
    const res = await t.http.post('/auth/logout').set(COOKIE_MODE).set('Cookie', `refresh_token=${token}`).set('Origin', t.url).expect(204);
    expect(cookiesOf(res)).toHaveLength(2);
    for (const line of cookiesOf(res)) expect(line).toMatch(/^refresh_token=; Path=\/auth\/(refresh|logout); Max-Age=0; HttpOnly/);
    const refused = await t.http.post('/auth/refresh').send({ refreshToken: token }).expect(401);
    expect(refused.body.code).toBe('refresh_invalid');
    // Without a cookie, logging out is still a harmless 204.
    await t.http.post('/auth/logout').set(COOKIE_MODE).expect(204);
  });

  it('clears the cookie on logout-all', async () => {
    const { token, body } = await cookieLogin();
    const res = await t.http
      .post('/auth/logout-all')
      .set('Authorization', `Bearer ${String(body.accessToken)}`)
      .expect(204);
    expect(cookiesOf(res).filter((line) => /^refresh_token=; .*Max-Age=0/.test(line))).toHaveLength(2);
    await t.http.post('/auth/refresh').send({ refreshToken: token }).expect(401);
  });

  it('keeps the JSON body flow for clients that do not ask for the cookie', async () => {
    const input = aUser();
    await t.http.post('/users').send(input).expect(201);
    const login = await t.http.post('/auth/login').send({ email: input.email, password: input.password }).expect(200);
    expect(cookiesOf(login)).toEqual([]);
    const refreshed = await t.http.post('/auth/refresh').send({ refreshToken: login.body.refreshToken }).expect(200);
    expect(refreshed.body.refreshToken).toEqual(expect.any(String));
    expect(cookiesOf(refreshed)).toEqual([]);
    // A cookie is ignored outside cookie mode: the body's token is the one that counts.
    const missing = await t.http
      .post('/auth/refresh')
      .set('Cookie', `refresh_token=${String(refreshed.body.refreshToken)}`)
      .send({})
      .expect(400);
    expect(missing.body.errors).toEqual([{ field: 'refreshToken', messages: ['refreshToken must be a string'] }]);
  });
});
