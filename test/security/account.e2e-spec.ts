import { RevocationEvents } from '../../src/security/revocation-events';
import { aUser } from '../fixtures/users';
import { useLoggedInUser, useTestApp } from '../support/suite';

describe('security: profile, password change and password policy', () => {
  const t = useTestApp();
  let revokedUsers: string[];
  beforeAll(() => {
    t.app.container.get(RevocationEvents).on('userRevoked', (userId) => revokedUsers.push(userId));
  });
  beforeEach(() => {
    revokedUsers = [];
  });
  const user = useLoggedInUser(t);

  const auth = (token: string) => ({ Authorization: `Bearer ${token}` });
  const newPassword = 'a brand new passphrase 42';

  it('PATCH /users/me changes the display name and returns the profile', async () => {
    const res = await t.http.patch('/users/me').set(auth(user.accessToken)).send({ displayName: '  Renamed  ' }).expect(200);
    expect(res.body).toMatchObject({ id: user.id, displayName: 'Renamed', roles: ['user'] });
  });

  it('refuses mass assignment through PATCH /users/me (roles, tokenVersion, email)', async () => {
    for (const extra of [{ roles: ['admin'] }, { tokenVersion: 0 }, { email: 'evil@example.test' }, { passwordHash: 'x' }]) {
      const res = await t.http
        .patch('/users/me')
        .set(auth(user.accessToken))
        .send({ displayName: 'X', ...extra })
        .expect(400);
      expect(res.body.code).toBe('validation_failed');
    }
    const me = await t.http.get('/users/me').set(auth(user.accessToken)).expect(200);
    expect(me.body).toMatchObject({ roles: ['user'], email: user.email, displayName: user.displayName });
  });

  it('password change: other sessions die, the caller keeps working with the returned access token', async () => {
    const other = await t.http.post('/auth/login').send({ email: user.email, password: user.password }).expect(200);
    const res = await t.http
      .post('/users/me/password')
      .set(auth(user.accessToken))
      .send({ currentPassword: user.password, newPassword })
      .expect(200);
    expect(res.body).toEqual({ accessToken: expect.any(String), tokenType: 'Bearer', expiresIn: 900 });

    await t.http.get('/users/me').set(auth(res.body.accessToken)).expect(200);
    expect((await t.http.get('/users/me').set(auth(user.accessToken)).expect(401)).body.code).toBe('token_revoked');
    expect((await t.http.get('/users/me').set(auth(other.body.accessToken)).expect(401)).body.code).toBe('token_revoked');
    await t.http.post('/auth/refresh').send({ refreshToken: other.body.refreshToken }).expect(401);
    // The caller's own refresh token still works.
    await t.http.post('/auth/refresh').send({ refreshToken: user.refreshToken }).expect(200);
    expect(revokedUsers).toEqual([user.id]);

    await t.http.post('/auth/login').send({ email: user.email, password: user.password }).expect(401);
    await t.http.post('/auth/login').send({ email: user.email, password: newPassword }).expect(200);
  });

  it('password change with a wrong current password: 400 invalid_current_password, nothing revoked', async () => {
    const res = await t.http
      .post('/users/me/password')
      .set(auth(user.accessToken))
      .send({ currentPassword: 'not the password', newPassword })
      .expect(400);
    expect(res.headers['content-type']).toMatch(/application\/problem\+json/);
    expect(res.body.code).toBe('invalid_current_password');
    await t.http.get('/users/me').set(auth(user.accessToken)).expect(200);
    expect(revokedUsers).toEqual([]);
  });

  it('password change refuses a common new password and the email as new password', async () => {
    for (const candidate of ['password123', user.email.toUpperCase()]) {
      const res = await t.http
        .post('/users/me/password')
        .set(auth(user.accessToken))
        .send({ currentPassword: user.password, newPassword: candidate })
        .expect(400);
      expect(res.body.errors).toEqual([{ field: 'newPassword', messages: [expect.any(String)] }]);
    }
  });

  it('registration refuses the most common passwords with a field error (and never echoes them)', async () => {
    for (const password of ['password1', 'iloveyou', 'QWERTYUIOP', 'baseball1']) {
      const res = await t.http.post('/users').send(aUser({ password })).expect(400);
      expect(res.body.errors).toEqual([{ field: 'password', messages: [expect.stringContaining('too common')] }]);
      expect(JSON.stringify(res.body)).not.toContain(password);
    }
  });

  it('registration refuses a password equal to the email, whatever its case', async () => {
    const input = aUser({ email: 'someone.long@example.test' });
    const res = await t.http
      .post('/users')
      .send({ ...input, password: 'SomeOne.Long@Example.TEST' })
      .expect(400);
    expect(res.body.errors).toEqual([{ field: 'password', messages: [expect.stringContaining('email')] }]);
  });

  it('refuses mass assignment at registration (roles, tokenVersion), on /users and legacy /user', async () => {
    for (const path of ['/users', '/user']) {
      for (const extra of [{ roles: ['admin'] }, { tokenVersion: -1 }, { _id: '0123456789abcdef01234567' }]) {
        const res = await t.http
          .post(path)
          .send({ ...aUser(), ...extra })
          .expect(400);
        expect(res.body.code).toBe('validation_failed');
      }
    }
  });
});
