import type { Response } from 'supertest';
import { aUser } from '../fixtures/users';
import { expectNoInternals, expectProblem } from '../support/problem';
import { useTestApp } from '../support/suite';

/** The parts of a response a client could tell apart, minus what differs on every request anyway. */
function observable(res: Response): { status: number; body: unknown; headers: Record<string, unknown> } {
  const { 'x-request-id': _id, date: _date, ...headers } = res.headers as Record<string, unknown>;
  return { status: res.status, body: res.body, headers };
}

describe('POST /auth/login', () => {
  const t = useTestApp();

  async function registered(overrides = {}) {
    const input = aUser(overrides);
    const res = await t.http.post('/users').send(input).expect(201);
    return { ...input, id: res.body.id as string };
  }

  it('returns 200 with a bearer access token, its lifetime and the public user', async () => {
    const user = await registered();
    const res = await t.http.post('/auth/login').send({ email: user.email, password: user.password }).expect(200);
    expect(res.headers['content-type']).toMatch(/^application\/json/);
    // toMatchObject: other fields (a refresh token) may join this response.
    expect(res.body).toMatchObject({
      accessToken: expect.stringMatching(/^[\w-]+\.[\w-]+\.[\w-]+$/),
      tokenType: 'Bearer',
      expiresIn: t.config.jwt.accessTtlSeconds,
      user: { id: user.id, email: user.email, displayName: user.displayName, roles: ['user'], createdAt: expect.any(String) },
    });
    expect(Object.keys(res.body.user as object).sort()).toEqual(['createdAt', 'displayName', 'email', 'id', 'roles']);
    expectNoInternals(res);
  });

  it('issues a token that GET /users/me accepts', async () => {
    const user = await registered();
    const login = await t.http.post('/auth/login').send({ email: user.email, password: user.password }).expect(200);
    const me = await t.http.get('/users/me').set('Authorization', `Bearer ${login.body.accessToken}`).expect(200);
    expect(me.body.id).toBe(user.id);
  });

  it.each([
    ['upper case', (email: string) => email.toUpperCase()],
    ['surrounding spaces', (email: string) => `  ${email}  `],
  ])('finds the account whatever the email case or spacing (%s)', async (_label, variant) => {
    const user = await registered();
    const res = await t.http
      .post('/auth/login')
      .send({ email: variant(user.email), password: user.password })
      .expect(200);
    expect(res.body.user.id).toBe(user.id);
  });

  it('returns 401 invalid_credentials for a wrong password', async () => {
    const user = await registered();
    const res = await t.http.post('/auth/login').send({ email: user.email, password: `${user.password}!` });
    expectProblem(res, 401, 'invalid_credentials');
    expect(res.body.accessToken).toBeUndefined();
  });

  it('returns 401 invalid_credentials for an unknown email', async () => {
    const res = await t.http.post('/auth/login').send({ email: 'nobody@example.test', password: 'whatever-password' });
    expectProblem(res, 401, 'invalid_credentials');
  });

  it('answers an unknown email exactly as a wrong password', async () => {
    const user = await registered();
    const wrongPassword = await t.http.post('/auth/login').send({ email: user.email, password: 'wrong-password-123' });
    const unknownEmail = await t.http.post('/auth/login').send({ email: `x${user.email}`, password: 'wrong-password-123' });
    expect(wrongPassword.status).toBe(401);
    expect(observable(unknownEmail)).toEqual(observable(wrongPassword));
  });

  it('is case-sensitive about the password', async () => {
    const user = await registered({ password: 'Case-Sensitive-Password' });
    const res = await t.http.post('/auth/login').send({ email: user.email, password: 'case-sensitive-password' });
    expectProblem(res, 401, 'invalid_credentials');
  });

  it.each([
    ['a missing password', { email: 'a@example.test' }],
    ['a missing email', { password: 'some-password' }],
    ['an empty password', { email: 'a@example.test', password: '' }],
    ['an unknown field', { email: 'a@example.test', password: 'some-password', remember: true }],
  ])('returns 400 validation_failed for %s', async (_label, body) => {
    expectProblem(await t.http.post('/auth/login').send(body), 400, 'validation_failed');
  });
});
