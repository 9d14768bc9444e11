import { generateKeyPairSync, type KeyObject } from 'node:crypto';
import jwt from 'jsonwebtoken';
import { getMe } from '../support/http';
import { useLoggedInUser, useTestApp } from '../support/suite';
import { forgeToken, sessionIdOf, unsignedToken } from '../support/tokens';

/** RFC 8725 (JWT best current practice) attacks against the HS256 default configuration. */
describe('security: JWT attacks (HS256)', () => {
  const t = useTestApp();
  const user = useLoggedInUser(t);

  const now = () => Math.floor(Date.now() / 1000);
  /** Signs exactly these claims (no defaults added), for tokens forgeToken's options cannot express. */
  const signExactly = (claims: Record<string, unknown>) =>
    jwt.sign(
      {
        sub: user.id,
        jti: 'j',
        iat: now(),
        exp: now() + 60,
        iss: t.config.jwt.issuer,
        aud: t.config.jwt.audience,
        ver: 0,
        token_use: 'access',
        sid: sessionIdOf(user.accessToken),
        ...claims,
      },
      t.config.jwt.secret,
      { algorithm: 'HS256' },
    );
  /** A well-formed token for the user, signed with `key` under exactly `header` (its alg included). */
  const signWithHeader = (key: KeyObject | string, header: { alg: jwt.Algorithm; [field: string]: unknown }) =>
    jwt.sign({ ver: 0, token_use: 'access' }, key, {
      algorithm: header.alg,
      header: header as unknown as jwt.JwtHeader,
      subject: user.id,
      issuer: t.config.jwt.issuer,
      audience: t.config.jwt.audience,
      jwtid: 'x',
      expiresIn: 60,
    });
  const expectRefused = async (token: string, code = 'token_invalid') => {
    const res = await getMe(t, token).expect(401);
    expect(res.headers['content-type']).toMatch(/application\/problem\+json/);
    expect(res.body).toMatchObject({ status: 401, code });
  };

  it('accepts a well-formed forged token (the baseline the attacks below depart from)', async () => {
    await getMe(t, forgeToken(t.config, user)).expect(200);
  });

  it('refuses alg "none"', async () => {
    await expectRefused(unsignedToken(t.config, user.id));
  });

  it('refuses a token whose payload was tampered with after signing', async () => {
    const [header, , signature] = user.accessToken.split('.');
    const claims = JSON.parse(Buffer.from(user.accessToken.split('.')[1]!, 'base64url').toString()) as Record<string, unknown>;
    const tampered = Buffer.from(JSON.stringify({ ...claims, roles: ['admin'], ver: 0 })).toString('base64url');
    await expectRefused(`${header}.${tampered}.${signature}`);
  });

  it('refuses a token signed with another secret', async () => {
    await expectRefused(forgeToken(t.config, user, {}, {}, 'another-secret-of-sufficient-length-0123456789'));
  });

  it('refuses a token of another algorithm family (HS512) with the right secret', async () => {
    await expectRefused(forgeToken(t.config, user, {}, { algorithm: 'HS512' }));
  });

  it('accepts a token expired by less than the clock-skew leeway', async () => {
    await getMe(t, signExactly({ exp: now() - 10 })).expect(200);
  });

  it('refuses a token expired beyond the leeway with token_expired', async () => {
    await expectRefused(signExactly({ exp: now() - t.config.jwt.clockSkewSeconds - 30 }), 'token_expired');
  });

  it('accepts a not-before within the leeway and refuses one beyond it', async () => {
    await getMe(t, forgeToken(t.config, user, { nbf: now() + 10 })).expect(200);
    await expectRefused(forgeToken(t.config, user, { nbf: now() + t.config.jwt.clockSkewSeconds + 60 }));
  });

  it('refuses a wrong issuer', async () => {
    await expectRefused(forgeToken(t.config, user, {}, { issuer: 'someone-else' }));
  });

  it('refuses a wrong audience', async () => {
    await expectRefused(forgeToken(t.config, user, {}, { audience: 'another-service' }));
  });

  it('refuses a token with no audience', async () => {
    await expectRefused(signExactly({ aud: undefined }));
  });

  it('refuses a token that is not an access token (token_use)', async () => {
    await expectRefused(forgeToken(t.config, user, { token_use: 'id' }));
    await expectRefused(forgeToken(t.config, user, { token_use: undefined }));
  });

  it('refuses a token whose header embeds its own key (jwk), ignoring the embedded key', async () => {
    const attacker = generateKeyPairSync('ec', { namedCurve: 'prime256v1' });
    const jwk = attacker.publicKey.export({ format: 'jwk' });
    const token = signWithHeader(attacker.privateKey, { alg: 'ES256', jwk });
    await expectRefused(token);
  });

  it('refuses tokens pointing at remote keys (jku, x5u) without fetching them', async () => {
    for (const header of [{ jku: 'https://attacker.test/jwks.json' }, { x5u: 'https://attacker.test/cert.pem' }]) {
      const attacker = generateKeyPairSync('ec', { namedCurve: 'prime256v1' });
      const token = signWithHeader(attacker.privateKey, { alg: 'ES256', ...header });
      await expectRefused(token);
    }
  });

  it('refuses kid injection (path traversal, query syntax, non-string kid) even with the right secret', async () => {
    for (const kid of ['../../../../dev/null', "' OR '1'='1", '{"$ne":null}']) {
      await expectRefused(forgeToken(t.config, user, {}, { keyid: kid }));
    }
    const numericKid = signWithHeader(t.config.jwt.secret, { alg: 'HS256', kid: 7 });
    await expectRefused(numericKid);
  });

  it('refuses a refresh token presented as an access token', async () => {
    await expectRefused(user.refreshToken);
  });

  it('refuses an access token presented as a refresh token', async () => {
    const res = await t.http.post('/auth/refresh').send({ refreshToken: user.accessToken }).expect(401);
    expect(res.body).toMatchObject({ code: 'refresh_invalid' });
  });

  it('refuses a token whose tokenVersion is stale, and one with a forged session id', async () => {
    await expectRefused(forgeToken(t.config, user, { ver: 1 }), 'token_revoked');
    await expectRefused(forgeToken(t.config, user, { sid: '0123456789abcdef01234567' }), 'token_revoked');
    await expectRefused(forgeToken(t.config, user, { sid: { $ne: null } }));
  });
});
