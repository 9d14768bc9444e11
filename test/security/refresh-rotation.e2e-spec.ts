import { createHash } from 'node:crypto';
import jwt from 'jsonwebtoken';
import mongoose from 'mongoose';
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
  const TOKEN_SHAPE = /^[0-9a-f]{24}\.[A-Za-z0-9_-]{43}$/;

  it('login returns an opaque refresh token, its session id then 256 random bits, and the database keeps only its SHA-256', async () => {
    expect(user.refreshToken).toMatch(TOKEN_SHAPE);
    expect(user.refreshToken.startsWith(`${sidOf(user.accessToken)}.`)).toBe(true);
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
      refreshToken: expect.stringMatching(TOKEN_SHAPE),
    });
    expect(res.body.token).toBe(`JWT ${res.body.accessToken}`);
  });

  it('rotates: a refresh returns a new pair for the same session, and the old refresh token is spent', async () => {
    const res = await refresh(user.refreshToken).expect(200);
    expect(res.body).toEqual({ accessToken: expect.any(String), refreshToken: expect.any(String), tokenType: 'Bearer', expiresIn: 900 });
    expect(res.body.refreshToken).not.toBe(user.refreshToken);
    expect(sidOf(res.body.accessToken)).toBe(sidOf(user.accessToken));
    expect(res.body.refreshToken.startsWith(`${sidOf(user.accessToken)}.`)).toBe(true);
    await getMe(t, res.body.accessToken).expect(200);
    await refresh(res.body.refreshToken).expect(200);
  });

  it('asks the sessions and spent-token collections by _id only (all FerretDB 1.x finds by index)', async () => {
    const operations: { collection: string; method: string; filter: object }[] = [];
    mongoose.set('debug', (collection: string, method: string, filter: object) => {
      if (collection === 'sessions' || collection === 'spent_refresh_tokens') operations.push({ collection, method, filter });
    });
    try {
      const next = await refresh(user.refreshToken).expect(200);
      await refresh(next.body.refreshToken).expect(200);
    } finally {
      mongoose.set('debug', false);
    }
    const rotation = ['sessions.findOne', 'spent_refresh_tokens.insertOne', 'sessions.updateOne'];
    expect(operations.map(({ collection, method }) => `${collection}.${method}`)).toEqual([...rotation, ...rotation]);
    // The insert's uniqueness is its _id (the spent token's hash): that claim is the compare-and-swap.
    for (const { filter } of operations) expect(Object.keys(filter)[0]).toBe('_id');
    for (const { method, filter } of operations) if (method !== 'insertOne') expect(Object.keys(filter)).toEqual(['_id']);
  });

  it('refuses a token whose session id was changed, or whose secret belongs to another session, revoking nothing', async () => {
    const other = await registerAndLogin(t.http);
    const [mySession, mySecret] = user.refreshToken.split('.') as [string, string];
    const [otherSession] = other.refreshToken.split('.') as [string];
    expect((await refresh(`${otherSession}.${mySecret}`).expect(401)).body.code).toBe('refresh_invalid');
    expect((await refresh(`${mySession}.${'A'.repeat(43)}`).expect(401)).body.code).toBe('refresh_invalid');
    expect(events.sessionRevoked).toEqual([]);
    await refresh(user.refreshToken).expect(200);
    await refresh(other.refreshToken).expect(200);
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

  it('lets exactly one of concurrent refreshes with the same token win', async () => {
    const results = await Promise.all([1, 2, 3, 4].map(() => refresh(user.refreshToken)));
    const statuses = results.map((res) => res.status).sort();
    expect(statuses).toEqual([200, 401, 401, 401]);
    // The first loser revokes the family; a later one may find the session revoked before the winner moved it on.
    const losers = results.filter((res) => res.status === 401).map((res) => res.body.code as string);
    expect(losers).toContain('refresh_reused');
    for (const code of losers) expect(['refresh_reused', 'refresh_invalid']).toContain(code);
    // The winner moved the session to its token (and the losers then revoked that family).
    const [stored] = await SessionModel.find().lean();
    const winner = results.find((res) => res.status === 200)!;
    expect(stored!.tokenHash).toBe(createHash('sha256').update(winner.body.refreshToken).digest('hex'));
  });

  it('refuses unknown, malformed and operator-shaped refresh tokens with 401 refresh_invalid or 400', async () => {
    expect((await refresh('A'.repeat(43)).expect(401)).body.code).toBe('refresh_invalid');
    expect((await refresh(`${'a'.repeat(24)}.${'A'.repeat(43)}`).expect(401)).body.code).toBe('refresh_invalid');
    expect((await refresh(`${'a'.repeat(24)}.${'A'.repeat(44)}`).expect(401)).body.code).toBe('refresh_invalid');
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
