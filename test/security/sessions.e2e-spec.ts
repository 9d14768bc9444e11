import { registerAndLogin } from '../fixtures/users';
import { useLoggedInUser, useTestApp } from '../support/suite';

describe('security: session listing and ownership', () => {
  const t = useTestApp();
  const user = useLoggedInUser(t);

  const list = (token: string) => t.http.get('/auth/sessions').set('Authorization', `Bearer ${token}`);
  const loginFrom = (userAgent: string) =>
    t.http.post('/auth/login').set('User-Agent', userAgent).send({ email: user.email, password: user.password }).expect(200);

  it("lists the caller's active sessions, marks the current one, and shows no token material", async () => {
    const phone = await loginFrom('Phone/1.0');
    const res = await list(phone.body.accessToken).expect(200);
    expect(res.body).toHaveLength(2);
    const current = (res.body as { current: boolean; userAgent: string }[]).filter((session) => session.current);
    expect(current).toEqual([expect.objectContaining({ userAgent: 'Phone/1.0' })]);
    for (const session of res.body as Record<string, unknown>[]) {
      expect(Object.keys(session).sort()).toEqual(['createdAt', 'current', 'expiresAt', 'id', 'ip', 'lastUsedAt', 'userAgent']);
      expect(session.ip).toEqual(expect.stringContaining('127.0.0.1'));
    }
    const text = JSON.stringify(res.body);
    for (const secret of [user.refreshToken, phone.body.refreshToken as string, 'tokenHash']) expect(text).not.toContain(secret);
  });

  it('does not list revoked sessions, nor the sessions of other users', async () => {
    const other = await registerAndLogin(t.http);
    const laptop = await loginFrom('Laptop/1.0');
    await t.http.post('/auth/logout').send({ refreshToken: laptop.body.refreshToken }).expect(204);
    const res = await list(user.accessToken).expect(200);
    expect(res.body).toHaveLength(1);
    expect((await list(other.accessToken).expect(200)).body).toHaveLength(1);
  });

  it("DELETE /auth/sessions/:id revokes one of the caller's sessions; that device's tokens stop at once", async () => {
    const phone = await loginFrom('Phone/1.0');
    const phoneSession = ((await list(phone.body.accessToken)).body as { id: string; current: boolean }[]).find((s) => s.current)!;
    await t.http.delete(`/auth/sessions/${phoneSession.id}`).set('Authorization', `Bearer ${user.accessToken}`).expect(204);
    expect((await t.http.get('/users/me').set('Authorization', `Bearer ${phone.body.accessToken}`).expect(401)).body.code).toBe(
      'token_revoked',
    );
    await t.http.post('/auth/refresh').send({ refreshToken: phone.body.refreshToken }).expect(401);
    await t.http.get('/users/me').set('Authorization', `Bearer ${user.accessToken}`).expect(200);
  });

  it("answers 404 for another user's session id, an unknown id and a malformed id, and revokes nothing", async () => {
    const other = await registerAndLogin(t.http);
    const otherSessionId = ((await list(other.accessToken)).body as { id: string }[])[0]!.id;
    for (const id of [otherSessionId, '0123456789abcdef01234567', 'not-an-id', '%7B%22%24ne%22%3Anull%7D']) {
      const res = await t.http.delete(`/auth/sessions/${id}`).set('Authorization', `Bearer ${user.accessToken}`).expect(404);
      expect(res.body.code).toBe('session_not_found');
    }
    await t.http.get('/users/me').set('Authorization', `Bearer ${other.accessToken}`).expect(200);
  });

  it('requires an access token', async () => {
    await t.http.get('/auth/sessions').expect(401);
    await t.http.delete('/auth/sessions/0123456789abcdef01234567').expect(401);
  });
});
