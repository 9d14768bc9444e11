/**
 * Revocation must reach live sockets, not only new requests. This pins the contract between the
 * auth features (logout, logout-all, refresh-token reuse) and the chat server:
 *   - a refused handshake gives connect_error with message 'unauthorized' and data.code;
 *   - a revoked user's (or session's) live socket is disconnected by the server;
 *   - the user's other sessions stay connected and working.
 */
import { join } from '../fixtures/chat';
import { client, connectAs, tryConnect, waitForEvent } from '../support/sockets';
import { useLoggedInUser, useTestApp } from '../support/suite';

describe('security: revocation reaches live sockets', () => {
  // No multi-tab grace: the immediate replay below must count as reuse.
  const t = useTestApp({ sockets: true, env: { REFRESH_REUSE_GRACE_SECONDS: '0' } });
  const user = useLoggedInUser(t);

  it('refuses a handshake with a revoked access token: connect_error unauthorized, code token_revoked', async () => {
    await t.http.post('/auth/logout').send({ refreshToken: user.refreshToken }).expect(204);
    expect(await tryConnect(client(t.url, { auth: { token: user.accessToken } }))).toEqual({
      connected: false,
      message: 'unauthorized',
      code: 'token_revoked',
    });
  });

  it('disconnects the live sockets of a user who logs out everywhere', async () => {
    const socket = await connectAs(t.url, user.accessToken);
    const disconnected = waitForEvent<string>(socket, 'disconnect');
    await t.http.post('/auth/logout-all').set('Authorization', `Bearer ${user.accessToken}`).expect(204);
    expect(await disconnected).toBe('io server disconnect');
  });

  it("disconnects the socket of a session revoked by logout, and leaves the user's other sessions connected", async () => {
    const other = await t.http.post('/auth/login').send({ email: user.email, password: user.password }).expect(200);
    const revoked = await connectAs(t.url, user.accessToken);
    const survivor = await connectAs(t.url, other.body.accessToken as string);
    const disconnected = waitForEvent<string>(revoked, 'disconnect');
    await t.http.post('/auth/logout').send({ refreshToken: user.refreshToken }).expect(204);
    expect(await disconnected).toBe('io server disconnect');
    // A round trip, not a look at survivor.connected: a disconnect of the survivor sent with the
    // other one would arrive before this ack.
    await expect(join(survivor, 'general')).resolves.toMatchObject({ ok: true });
    expect(survivor.connected).toBe(true);
  });

  it('disconnects the sockets of a family revoked for refresh-token reuse', async () => {
    const socket = await connectAs(t.url, user.accessToken);
    const disconnected = waitForEvent<string>(socket, 'disconnect');
    await t.http.post('/auth/refresh').send({ refreshToken: user.refreshToken }).expect(200);
    await t.http.post('/auth/refresh').send({ refreshToken: user.refreshToken }).expect(401);
    expect(await disconnected).toBe('io server disconnect');
  });
});
