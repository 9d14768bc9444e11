import { RevocationEvents } from '../../src/security/revocation-events';
import { UserModel } from '../../src/users/user.model';
import { aChatClient, anotherTab, join } from '../fixtures/chat';
import { registerAndLogin } from '../fixtures/users';
import { client, connectAs, request, tryConnect, waitForEvent } from '../support/sockets';
import { useTestApp } from '../support/suite';
import { forgeToken } from '../support/tokens';

// Tokens forged to live 2 s (exp has one-second resolution, so 1-2 s remain at connect time).
const SHORT_LIFE_SECONDS = 2;

/** A token's exp, in epoch milliseconds. */
const expiryOf = (token: string): number =>
  (JSON.parse(Buffer.from(token.split('.')[1]!, 'base64url').toString()) as { exp: number }).exp * 1000;

describe('chat session: token expiry, refresh, revocation', () => {
  // No clock skew, so a token stops working exactly at its exp.
  const t = useTestApp({ env: { JWT_CLOCK_SKEW: '0' }, sockets: true });

  it('emits auth:expired and disconnects when the token expires', async () => {
    const user = await registerAndLogin(t.http);
    const token = forgeToken(t.config, user, {}, { expiresIn: SHORT_LIFE_SECONDS });
    const socket = await connectAs(t.url, token);
    const disconnected = waitForEvent<string>(socket, 'disconnect', 4_000);
    expect(await waitForEvent(socket, 'auth:expired', 4_000)).toEqual({ expiredAt: new Date(expiryOf(token)).toISOString() });
    expect(await disconnected).toBe('io server disconnect');
  });

  it('moves the expiry to the new token after auth:refresh with another token of the same user', async () => {
    const user = await registerAndLogin(t.http);
    const shortToken = forgeToken(t.config, user, {}, { expiresIn: SHORT_LIFE_SECONDS });
    const shortExpiry = expiryOf(shortToken);

    // Longer: the ack reports the new token's expiry.
    const socket = await connectAs(t.url, shortToken);
    const ack = await request(socket, 'auth:refresh', { token: user.accessToken });
    expect(ack).toEqual({ ok: true, expiresAt: new Date(expiryOf(user.accessToken)).toISOString() });
    expect(Date.parse((ack as unknown as { expiresAt: string }).expiresAt)).toBeGreaterThan(shortExpiry + 60_000);

    // Shorter: the connection ends at the refreshed token's exp, so refresh re-arms the one timer.
    // (That a re-armed timer no longer fires at the old time is pinned in the TokenExpiryTimers unit test.)
    const long = await connectAs(t.url, user.accessToken);
    expect(await request(long, 'auth:refresh', { token: shortToken })).toMatchObject({ ok: true });
    const disconnected = waitForEvent<string>(long, 'disconnect', 4_000);
    expect(await waitForEvent(long, 'auth:expired', 4_000)).toEqual({ expiredAt: new Date(shortExpiry).toISOString() });
    expect(await disconnected).toBe('io server disconnect');
    // The first socket, refreshed to the long token, is past the short token's exp by now and works on.
    await expect(join(socket, 'general')).resolves.toMatchObject({ ok: true });
  });

  it('refuses auth:refresh with a token of another user, and with an invalid token', async () => {
    const alice = await aChatClient(t);
    const bob = await registerAndLogin(t.http);
    expect(await request(alice.socket, 'auth:refresh', { token: bob.accessToken })).toEqual({
      ok: false,
      error: { code: 'token_user_mismatch', message: expect.any(String) },
    });
    const expired = forgeToken(t.config, alice.user, {}, { expiresIn: -10 });
    expect(await request(alice.socket, 'auth:refresh', { token: expired })).toMatchObject({ ok: false, error: { code: 'token_expired' } });
    expect(await request(alice.socket, 'auth:refresh', { token: 'garbage' })).toMatchObject({
      ok: false,
      error: { code: 'token_invalid' },
    });
    expect(alice.socket.connected).toBe(true);
  });

  it('disconnects every socket of a user when RevocationEvents reports userRevoked, and only those', async () => {
    const alice = await aChatClient(t);
    const aliceTab2 = await anotherTab(t, alice);
    const bob = await aChatClient(t);
    const gone = [alice.socket, aliceTab2.socket].map((socket) => waitForEvent<string>(socket, 'disconnect'));

    // What logout-all does: bump tokenVersion, then announce it.
    await UserModel.updateOne({ _id: alice.user.id }, { $inc: { tokenVersion: 1 } });
    t.app.container.get(RevocationEvents).emit('userRevoked', alice.user.id);

    expect(await Promise.all(gone)).toEqual(['io server disconnect', 'io server disconnect']);
    await expect(join(bob.socket, 'general')).resolves.toMatchObject({ ok: true });
    // And the old token cannot simply reconnect.
    expect(await tryConnect(client(t.url, { auth: { token: alice.user.accessToken } }))).toMatchObject({
      connected: false,
      code: 'token_revoked',
    });
  });
});
