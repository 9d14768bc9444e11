import { Types } from 'mongoose';
import { UserModel } from '../../src/users/user.model';
import { client, connectAs, tryConnect } from '../support/sockets';
import { useLoggedInUser, useTestApp } from '../support/suite';
import { forgeToken, unsignedToken } from '../support/tokens';

describe('chat handshake authentication', () => {
  const t = useTestApp({ sockets: true });
  const alice = useLoggedInUser(t);

  it('accepts the access token from /auth/login in auth.token and greets with the user', async () => {
    const socket = client(t.url, { auth: { token: alice.accessToken } });
    const greeting = new Promise((resolve) => socket.once('authenticated', resolve));
    expect(await tryConnect(socket)).toEqual({ connected: true });
    expect(await greeting).toEqual({ user: { id: alice.id, displayName: alice.displayName } });
  });

  it('accepts a Bearer Authorization header from non-browser clients', async () => {
    const socket = await connectAs(t.url, '', { auth: {}, extraHeaders: { Authorization: `Bearer ${alice.accessToken}` } });
    expect(socket.connected).toBe(true);
  });

  it('refuses a handshake without a token with token_missing', async () => {
    expect(await tryConnect(client(t.url))).toEqual({ connected: false, message: 'unauthorized', code: 'token_missing' });
  });

  it('refuses a token sent only in the query string (it would end up in logs)', async () => {
    const outcome = await tryConnect(client(t.url, { query: { token: alice.accessToken } }));
    expect(outcome).toEqual({ connected: false, message: 'unauthorized', code: 'token_missing' });
  });

  it('refuses an auth.token that is not a string with token_invalid', async () => {
    const outcome = await tryConnect(client(t.url, { auth: { token: { $ne: null } } }));
    expect(outcome).toEqual({ connected: false, message: 'unauthorized', code: 'token_invalid' });
  });

  it('refuses an Authorization header in another scheme with token_invalid', async () => {
    const outcome = await tryConnect(client(t.url, { extraHeaders: { Authorization: `Basic ${alice.accessToken}` } }));
    expect(outcome).toMatchObject({ connected: false, code: 'token_invalid' });
  });

  it.each([
    ['malformed', () => 'not.a.jwt', 'token_invalid'],
    [
      'signed with another secret',
      () => forgeToken(t.config, alice, {}, {}, 'another-secret-another-secret-another-secret'),
      'token_invalid',
    ],
    ['unsigned (alg none)', () => unsignedToken(t.config, alice.id), 'token_invalid'],
    ['expired', () => forgeToken(t.config, alice, {}, { expiresIn: -120 }), 'token_expired'],
    ['from another issuer', () => forgeToken(t.config, alice, {}, { issuer: 'someone-else' }), 'token_invalid'],
    ['for another audience', () => forgeToken(t.config, alice, {}, { audience: 'someone-else' }), 'token_invalid'],
    ['not an access token', () => forgeToken(t.config, alice, { token_use: 'refresh' }), 'token_invalid'],
    ['of a user that does not exist', () => forgeToken(t.config, new Types.ObjectId().toHexString()), 'token_revoked'],
  ])('refuses a token %s', async (_case, token, code) => {
    const outcome = await tryConnect(client(t.url, { auth: { token: token() } }));
    expect(outcome).toEqual({ connected: false, message: 'unauthorized', code });
  });

  it('refuses a token with an old tokenVersion (revoked) with token_revoked', async () => {
    await UserModel.updateOne({ _id: alice.id }, { $set: { tokenVersion: 1 } });
    const outcome = await tryConnect(client(t.url, { auth: { token: forgeToken(t.config, alice, { ver: 0 }) } }));
    expect(outcome).toEqual({ connected: false, message: 'unauthorized', code: 'token_revoked' });
  });

  it('refuses a handshake from a browser Origin outside CORS_ORIGINS', async () => {
    const outcome = await tryConnect(client(t.url, { auth: { token: alice.accessToken }, extraHeaders: { Origin: 'http://evil.test' } }));
    expect(outcome).toMatchObject({ connected: false, message: 'websocket error' });
  });

  it('accepts a handshake from an Origin in CORS_ORIGINS', async () => {
    const outcome = await tryConnect(
      client(t.url, { auth: { token: alice.accessToken }, extraHeaders: { Origin: 'http://allowed.test' } }),
    );
    expect(outcome).toEqual({ connected: true });
  });
});
