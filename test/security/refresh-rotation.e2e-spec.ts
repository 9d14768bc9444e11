import { createHash } from 'node:crypto';
import jwt from 'jsonwebtoken';
import { RevocationEvents } from '../../src/security/revocation-events';
import { SessionModel } from '../../src/sessions/session.model';
import { registerAndLogin } from '../fixtures/users';
import { getMe } from '../support/http';
import { useLoggedInUser, useTestApp } from '../support/suite';

describe('security: refresh tokens, rotation, reuse, logout', () => {
  // No multi-tab grace here: these tests pin immediate reuse detection (refresh-grace.e2e-spec.ts has the grace).
  const t = useTestApp({ env: { REFRESH_REUSE_GRACE_SECONDS: '0' } });
  let events: { userRevoked: string[]; sessionRevoked: [string, string][] };
  beforeAll(() => {
    // The app's own emitter, from the app's own container.
    const emitter = t.app.container.get(RevocationEvents);
    emitter.on('userRevoked', (userId) => events.userRevoked.push(userId));
    emitter.on('sessionRevoked', (userId, sessionId) => events.sessionRevoked.push([userId, sessionId]));
  });
  beforeEach(() => {
    events = { userRevoked: [], sessionRevoked: [] };
  });
  const user = useLoggedInUser(t);

  const refresh = (refreshToken: string) => t.http.post('/auth/refresh').send({ refreshToken });
  const sidOf = (accessToken: string) => (jwt.decode(accessToken) as { sid: string }).sid;

  it('login returns an opaque 256-bit refresh token, and the database keeps only its SHA-256', async () => {
    expect(user.refreshToken).toMatch(/^[A-Za-z0-9_-]{43}$/);
    expect(jwt.decode(user.refreshToken)).toBeNull();
    const stored = await SessionModel.find().lean();
    expect(stored).toHaveLength(1);
    expect(stored[0]!.tokenHash).toBe(createHash('sha256').update(user.refreshToken).digest('hex'));
    expect(JSON.stringify(stored)).not.toContain(user.refreshToken);
    expect(String(stored[0]!._id)).toBe(sidOf(user.accessToken));
  });

  it('legacy POST /login returns the same token pair', async () => {
    const res = await t.http.post('/login').send({ email: user.email, password: user.password }).expect(200);
    expect(res.body).toMatchObject({
      tokenType: 'Bearer',
      expiresIn: expect.any(Number),
      refreshToken: expect.stringMatching(/^[\w-]{43}$/),
    });
    expect(res.body.token).toBe(`JWT ${res.body.accessToken}`);
  });

  it('rotates: a refresh returns a new pair for the same session, and the old refresh token is spent', async () => {
    const res = await refresh(user.refreshToken).expect(200);
    expect(res.body).toEqual({ accessToken: expect.any(String), refreshToken: expect.any(String), tokenType: 'Bearer', expiresIn: 900 });
    expect(res.body.refreshToken).not.toBe(user.refreshToken);
    expect(sidOf(res.body.accessToken)).toBe(sidOf(user.accessToken));
    await getMe(t, res.body.accessToken).expect(200);
    await refresh(res.body.refreshToken).expect(200);
  });

  it('detects a stolen refresh token used after its owner refreshed: 401 refresh_reused, family revoked, event emitted', async () => {
    const stolen = user.refreshToken;
    const owner = await refresh(user.refreshToken).expect(200);
    const attack = await refresh(stolen).expect(401);
    expect(attack.headers['content-type']).toMatch(/application\/problem\+json/);
    expect(attack.body).toMatchObject({ status: 401, code: 'refresh_reused' });
    // The whole family is dead: the owner's current refresh and access tokens too.
    expect((await refresh(owner.body.refreshToken).expect(401)).body.code).toBe('refresh_invalid');
    expect((await getMe(t, owner.body.accessToken).expect(401)).body.code).toBe('token_revoked');
    expect(events.sessionRevoked).toEqual([[user.id, sidOf(user.accessToken)]]);
  });

  it('lets exactly one of two concurrent refreshes with the same token win', async () => {
    const results = await Promise.all([refresh(user.refreshToken), refresh(user.refreshToken)]);
    const statuses = results.map((res) => res.status).sort();
    expect(statuses).toEqual([200, 401]);
    expect(results.find((res) => res.status === 401)!.body.code).toBe('refresh_reused');
  });

  it('refuses unknown, malformed and operator-shaped refresh tokens with 401 refresh_invalid or 400', async () => {
    expect((await refresh('A'.repeat(43)).expect(401)).body.code).toBe('refresh_invalid');
    expect((await refresh('not a token').expect(401)).body.code).toBe('refresh_invalid');
    await t.http
      .post('/auth/refresh')
      .send({ refreshToken: { $ne: null } })
      .expect(400);
    await t.http.post('/auth/refresh').send({}).expect(400);
  });

  it('refuses an expired session with refresh_expired, idle or absolute', async () => {
    await SessionModel.updateMany({}, { $set: { idleExpiresAt: new Date(Date.now() - 1000) } });
    expect((await refresh(user.refreshToken).expect(401)).body.code).toBe('refresh_expired');
    const other = await registerAndLogin(t.http);
    await SessionModel.updateOne(
      { tokenHash: createHash('sha256').update(other.refreshToken).digest('hex') },
      { $set: { absoluteExpiresAt: new Date(Date.now() - 1000) } },
    );
    expect((await refresh(other.refreshToken).expect(401)).body.code).toBe('refresh_expired');
  });

  it('logout revokes that session at once: its refresh and access tokens stop working, others do not', async () => {
    const otherDevice = await t.http.post('/auth/login').send({ email: user.email, password: user.password }).expect(200);
    await t.http.post('/auth/logout').send({ refreshToken: user.refreshToken }).expect(204);
    expect((await refresh(user.refreshToken).expect(401)).body.code).toBe('refresh_invalid');
    expect((await getMe(t, user.accessToken).expect(401)).body.code).toBe('token_revoked');
    await getMe(t, otherDevice.body.accessToken).expect(200);
    expect(events.sessionRevoked).toEqual([[user.id, sidOf(user.accessToken)]]);
  });

  it('logout with an unknown token is a harmless 204', async () => {
    await t.http
      .post('/auth/logout')
      .send({ refreshToken: 'B'.repeat(43) })
      .expect(204);
    await getMe(t, user.accessToken).expect(200);
  });

  it('logout-all ends every session and every access token of the user at once', async () => {
    const second = await t.http.post('/auth/login').send({ email: user.email, password: user.password }).expect(200);
    const bystander = await registerAndLogin(t.http);
    await t.http.post('/auth/logout-all').set('Authorization', `Bearer ${user.accessToken}`).expect(204);
    for (const token of [user.accessToken, second.body.accessToken as string]) {
      expect((await getMe(t, token).expect(401)).body.code).toBe('token_revoked');
    }
    for (const token of [user.refreshToken, second.body.refreshToken as string]) await refresh(token).expect(401);
    await getMe(t, bystander.accessToken).expect(200);
    expect(events.userRevoked).toEqual([user.id]);
    // A fresh login works again.
    const again = await t.http.post('/auth/login').send({ email: user.email, password: user.password }).expect(200);
    await getMe(t, again.body.accessToken).expect(200);
  });

  it('logout-all requires an access token', async () => {
    expect((await t.http.post('/auth/logout-all').expect(401)).body.code).toBe('token_missing');
  });
});
