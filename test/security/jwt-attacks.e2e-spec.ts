import { generateKeyPairSync } from 'node:crypto';
import { expectRefused } from '../support/http';
import { useLoggedInUser, useTestApp } from '../support/suite';
import { forgeToken, signWithHeader } from '../support/tokens';

/**
 * RFC 8725 (JWT best current practice) attacks against the HS256 default configuration, beyond
 * the cryptographic checks of test/e2e/tokens.e2e-spec.ts (alg none, other algorithms, tampering,
 * other secrets, expiry, issuer, audience): hostile headers and one token passed off as another.
 */
describe('security: JWT attacks (HS256)', () => {
  const t = useTestApp();
  const user = useLoggedInUser(t);

  it('refuses a token that is not an access token (token_use)', async () => {
    await expectRefused(t, forgeToken(t.config, user, { token_use: 'id' }), 'token_invalid');
    await expectRefused(t, forgeToken(t.config, user, { token_use: undefined }), 'token_invalid');
  });

  it('refuses a token whose header embeds its own key (jwk), ignoring the embedded key', async () => {
    const attacker = generateKeyPairSync('ec', { namedCurve: 'prime256v1' });
    const jwk = attacker.publicKey.export({ format: 'jwk' });
    await expectRefused(t, signWithHeader(t.config, user.id, attacker.privateKey, { alg: 'ES256', jwk }), 'token_invalid');
  });

  it('refuses tokens pointing at remote keys (jku, x5u) without fetching them', async () => {
    for (const header of [{ jku: 'https://attacker.test/jwks.json' }, { x5u: 'https://attacker.test/cert.pem' }]) {
      const attacker = generateKeyPairSync('ec', { namedCurve: 'prime256v1' });
      await expectRefused(t, signWithHeader(t.config, user.id, attacker.privateKey, { alg: 'ES256', ...header }), 'token_invalid');
    }
  });

  it('refuses kid injection (path traversal, query syntax, non-string kid) even with the right secret', async () => {
    for (const kid of ['../../../../dev/null', "' OR '1'='1", '{"$ne":null}']) {
      await expectRefused(t, forgeToken(t.config, user, {}, { keyid: kid }), 'token_invalid');
    }
    const numericKid = signWithHeader(t.config, user.id, t.config.jwt.secret, { alg: 'HS256', kid: 7 });
    await expectRefused(t, numericKid, 'token_invalid');
  });

  it('refuses a refresh token presented as an access token', async () => {
    await expectRefused(t, user.refreshToken, 'token_invalid');
  });

  it('refuses an access token presented as a refresh token', async () => {
    const res = await t.http.post('/auth/refresh').send({ refreshToken: user.accessToken }).expect(401);
    expect(res.body).toMatchObject({ code: 'refresh_invalid' });
  });

  it('refuses a token whose tokenVersion is stale, and one with a forged session id', async () => {
    await expectRefused(t, forgeToken(t.config, user, { ver: 1 }), 'token_revoked');
    await expectRefused(t, forgeToken(t.config, user, { sid: '0123456789abcdef01234567' }), 'token_revoked');
    await expectRefused(t, forgeToken(t.config, user, { sid: { $ne: null } }), 'token_invalid');
  });
});
