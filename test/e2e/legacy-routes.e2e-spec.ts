import { UserModel } from '../../src/users/user.model';
import { aUser, registerAndLogin } from '../fixtures/users';
import { expectNoInternals, expectProblem } from '../support/problem';
import { useTestApp } from '../support/suite';
import { forgeToken } from '../support/tokens';

describe("the article's paths: POST /user, POST /login, GET /custom", () => {
  const t = useTestApp();

  describe('POST /user', () => {
    it('registers like POST /users: 201 with exactly the public profile', async () => {
      const input = aUser({ email: ' Legacy@Example.TEST ' });
      const res = await t.http.post('/user').send(input).expect(201);
      expect(res.headers['content-type']).toMatch(/^application\/json/);
      expect(res.body).toEqual({
        id: expect.stringMatching(/^[a-f0-9]{24}$/),
        email: 'legacy@example.test',
        displayName: input.displayName,
        roles: ['user'],
        createdAt: expect.any(String),
      });
      expectNoInternals(res);
    });

    it('shares the validation of POST /users', async () => {
      const res = await t.http.post('/user').send(aUser({ password: 'short' }));
      expectProblem(res, 400, 'validation_failed');
      expect(res.body.errors).toEqual([{ field: 'password', messages: expect.any(Array) }]);
    });

    it('refuses unknown fields such as roles', async () => {
      expectProblem(await t.http.post('/user').send({ ...aUser(), roles: ['admin'] }), 400, 'validation_failed');
      expect(await UserModel.countDocuments()).toBe(0);
    });

    it('returns 409 email_taken for an email registered through POST /users', async () => {
      const input = aUser();
      await t.http.post('/users').send(input).expect(201);
      expectProblem(await t.http.post('/user').send(aUser({ email: input.email.toUpperCase() })), 409, 'email_taken');
    });
  });

  describe('POST /login', () => {
    it('logs in like POST /auth/login and adds token: "JWT <accessToken>"', async () => {
      const input = aUser();
      const { body: created } = await t.http.post('/user').send(input).expect(201);
      const res = await t.http.post('/login').send({ email: input.email, password: input.password }).expect(200);
      expect(res.headers['content-type']).toMatch(/^application\/json/);
      expect(res.body).toMatchObject({
        accessToken: expect.any(String),
        tokenType: 'Bearer',
        expiresIn: t.config.jwt.accessTtlSeconds,
        user: { id: created.id, email: input.email },
      });
      expect(res.body.token).toBe(`JWT ${res.body.accessToken}`);
      expectNoInternals(res);
    });

    it('returns the same 401 invalid_credentials for a wrong password and an unknown email', async () => {
      const input = aUser();
      await t.http.post('/user').send(input).expect(201);
      const wrong = await t.http.post('/login').send({ email: input.email, password: 'wrong-password' });
      const unknown = await t.http.post('/login').send({ email: 'nobody@example.test', password: 'wrong-password' });
      expectProblem(wrong, 401, 'invalid_credentials');
      expect(unknown.body).toEqual(wrong.body);
    });

    it('shares the validation of POST /auth/login', async () => {
      expectProblem(await t.http.post('/login').send({ email: { $gt: '' }, password: 'x' }), 400, 'validation_failed');
    });
  });

  describe('GET /custom', () => {
    it.each(['Bearer', 'JWT'])('returns 200 text/plain "hello <displayName>" with "Authorization: %s <token>"', async (scheme) => {
      const user = await registerAndLogin(t.http, { displayName: 'Grace Hopper' });
      const res = await t.http.get('/custom').set('Authorization', `${scheme} ${user.accessToken}`).expect(200);
      expect(res.headers['content-type']).toMatch(/^text\/plain/);
      expect(res.text).toBe('hello Grace Hopper');
    });

    it('accepts the token field of POST /login as the Authorization header, verbatim', async () => {
      const input = aUser({ displayName: 'Alan' });
      await t.http.post('/user').send(input).expect(201);
      const { body } = await t.http.post('/login').send({ email: input.email, password: input.password }).expect(200);
      const res = await t.http
        .get('/custom')
        .set('Authorization', body.token as string)
        .expect(200);
      expect(res.text).toBe('hello Alan');
    });

    it('serves a display name that looks like HTML as plain text that browsers may not sniff', async () => {
      const user = await registerAndLogin(t.http, { displayName: '<img src=x onerror=alert(1)>' });
      const res = await t.http.get('/custom').set('Authorization', `JWT ${user.accessToken}`).expect(200);
      expect(res.headers['content-type']).toMatch(/^text\/plain/);
      expect(res.headers['x-content-type-options']).toBe('nosniff');
    });

    it('returns 401 token_missing without a token', async () => {
      expectProblem(await t.http.get('/custom'), 401, 'token_missing');
    });

    it('returns 401 token_invalid for a token signed with another secret', async () => {
      const user = await registerAndLogin(t.http);
      const forged = forgeToken(t.config, user, {}, {}, 'another-secret-of-enough-length-0123456789');
      expectProblem(await t.http.get('/custom').set('Authorization', `JWT ${forged}`), 401, 'token_invalid');
    });

    it('returns 401 token_expired for an expired token', async () => {
      const user = await registerAndLogin(t.http);
      const expired = forgeToken(t.config, user, { iat: Math.floor(Date.now() / 1000) - 3600 }, { expiresIn: 900 });
      expectProblem(await t.http.get('/custom').set('Authorization', `JWT ${expired}`), 401, 'token_expired');
    });

    it('returns 401 token_revoked once the user is deleted', async () => {
      const user = await registerAndLogin(t.http);
      await UserModel.deleteOne({ _id: user.id });
      expectProblem(await t.http.get('/custom').set('Authorization', `JWT ${user.accessToken}`), 401, 'token_revoked');
    });
  });
});
