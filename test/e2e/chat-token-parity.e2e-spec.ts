import { Types } from 'mongoose';
import { UserModel } from '../../src/users/user.model';
import { registerAndLogin } from '../fixtures/users';
import { client, tryConnect } from '../support/sockets';
import { useTestApp } from '../support/suite';
import { forgeToken, unsignedToken } from '../support/tokens';

/**
 * HTTP and sockets share one authorization checker. This pins the consequence: for every token,
 * GET /users/me and the socket handshake accept or refuse alike, with the same code.
 */
describe('HTTP and socket.io agree on every token', () => {
  const t = useTestApp({ sockets: true });

  it('gives the same verdict and code for each token on both transports', async () => {
    const user = await registerAndLogin(t.http);
    const revoked = await registerAndLogin(t.http);
    const revokedToken = forgeToken(t.config, revoked, { ver: 0 });
    await UserModel.updateOne({ _id: revoked.id }, { $set: { tokenVersion: 1 } });

    const tokens: Record<string, string | undefined> = {
      missing: undefined,
      'from /auth/login': user.accessToken,
      forged: forgeToken(t.config, user),
      malformed: 'abc.def.ghi',
      'wrong signature': forgeToken(t.config, user, {}, {}, 'x'.repeat(48)),
      'alg none': unsignedToken(t.config, user.id),
      expired: forgeToken(t.config, user, {}, { expiresIn: -120 }),
      'wrong issuer': forgeToken(t.config, user, {}, { issuer: 'elsewhere' }),
      'wrong audience': forgeToken(t.config, user, {}, { audience: 'elsewhere' }),
      'refresh token_use': forgeToken(t.config, user, { token_use: 'refresh' }),
      'no ver claim': forgeToken(t.config, user, { ver: undefined }),
      'old ver (revoked)': revokedToken,
      'unknown user': forgeToken(t.config, new Types.ObjectId().toHexString()),
    };

    const httpVerdicts: Record<string, string> = {};
    const socketVerdicts: Record<string, string> = {};
    for (const [name, token] of Object.entries(tokens)) {
      const request = t.http.get('/users/me');
      const res = token === undefined ? await request : await request.set('Authorization', `Bearer ${token}`);
      const outcome = await tryConnect(client(t.url, token === undefined ? {} : { auth: { token } }));
      httpVerdicts[name] = res.status === 200 ? 'accepted' : `${res.status} ${res.body.code}`;
      // A refused handshake is the socket's 401; connect_error carries the code.
      socketVerdicts[name] = outcome.connected ? 'accepted' : `401 ${outcome.code}`;
    }

    expect(socketVerdicts).toEqual(httpVerdicts);
    // And the verdicts are the intended ones, not merely equal.
    expect(httpVerdicts).toMatchObject({
      missing: '401 token_missing',
      'from /auth/login': 'accepted',
      forged: 'accepted',
      'wrong signature': '401 token_invalid',
      expired: '401 token_expired',
      'old ver (revoked)': '401 token_revoked',
    });
  });

  it('normalises the raw credential the same way: surrounding space, empty, foreign characters', async () => {
    const user = await registerAndLogin(t.http);
    const cases: Record<string, string> = {
      padded: `  ${user.accessToken}  `,
      empty: '',
      'only spaces': '   ',
      'foreign characters': `${user.accessToken}%`,
    };
    const httpVerdicts: Record<string, string> = {};
    const socketVerdicts: Record<string, string> = {};
    for (const [name, token] of Object.entries(cases)) {
      const res = await t.http.get('/users/me').set('Authorization', `Bearer ${token}`);
      httpVerdicts[name] = res.status === 200 ? 'accepted' : `${res.status} ${res.body.code}`;
      const outcome = await tryConnect(client(t.url, { auth: { token } }));
      socketVerdicts[name] = outcome.connected ? 'accepted' : `401 ${outcome.code}`;
    }
    expect(socketVerdicts).toEqual(httpVerdicts);
    expect(httpVerdicts).toEqual({
      padded: 'accepted',
      empty: '401 token_missing',
      'only spaces': '401 token_missing',
      'foreign characters': '401 token_invalid',
    });
  });
});
