import { aUser, registerAndLogin } from '../fixtures/users';
import { useTestApp } from '../support/suite';

describe('auth (HTTP)', () => {
  const t = useTestApp();

  it('registers a user and returns the public profile only', async () => {
    const input = aUser({ email: '  Mixed.Case@Example.TEST ' });
    const res = await t.http.post('/users').send(input).expect(201);
    expect(res.body).toEqual({
      id: expect.stringMatching(/^[a-f0-9]{24}$/),
      email: 'mixed.case@example.test',
      displayName: input.displayName,
      roles: ['user'],
      createdAt: expect.any(String),
    });
  });

  it('logs in and serves /users/me with the access token', async () => {
    const user = await registerAndLogin(t.http);
    const res = await t.http.get('/users/me').set('Authorization', `Bearer ${user.accessToken}`).expect(200);
    expect(res.body).toMatchObject({ id: user.id, email: user.email, displayName: user.displayName });
    expect(JSON.stringify(res.body)).not.toMatch(/passwordHash|tokenVersion|__v|argon2/);
  });

  it('returns 409 for a duplicate email, whatever its case', async () => {
    const input = aUser();
    await t.http.post('/users').send(input).expect(201);
    const res = await t.http
      .post('/users')
      .send({ ...input, email: input.email.toUpperCase() })
      .expect(409);
    expect(res.headers['content-type']).toMatch(/application\/problem\+json/);
    expect(res.body).toMatchObject({ status: 409, code: 'email_taken' });
  });
});
