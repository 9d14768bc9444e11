import jwt, { type JwtPayload } from 'jsonwebtoken';
import { expectRefused, getMe } from '../support/http';
import { expectProblem } from '../support/problem';
import { useLoggedInUser, useTestApp } from '../support/suite';
import {
  base64url,
  forgeToken,
  nowInSeconds,
  replacePart,
  signExactClaims,
  signRawPayload,
  unsignedToken,
  wellFormedClaims,
} from '../support/tokens';

describe('access tokens: issuing and cryptographic verification', () => {
  const t = useTestApp();
  const user = useLoggedInUser(t);

  describe('the issued token', () => {
    it('is HS256 with sub, iat, exp (15 minutes later), iss, aud, jti, ver, token_use and its session id', () => {
      const decoded = jwt.decode(user.accessToken, { complete: true });
      expect(decoded?.header).toMatchObject({ alg: 'HS256', typ: 'JWT' });
      const claims = decoded?.payload as JwtPayload;
      expect(claims).toEqual({
        sub: user.id,
        iat: expect.any(Number),
        exp: expect.any(Number),
        iss: t.config.jwt.issuer,
        aud: t.config.jwt.audience,
        jti: expect.stringMatching(/^[\w-]{16,}$/),
        ver: 0,
        token_use: 'access',
        sid: expect.stringMatching(/^[a-f0-9]{24}$/),
      });
      expect(claims.exp! - claims.iat!).toBe(900);
    });

    it('gets a fresh jti at every login', async () => {
      const again = await t.http.post('/auth/login').send({ email: user.email, password: user.password }).expect(200);
      expect((jwt.decode(again.body.accessToken as string) as JwtPayload).jti).not.toBe((jwt.decode(user.accessToken) as JwtPayload).jti);
    });

    it('is accepted when forged with the same secret and claims (the baseline of every refusal below)', async () => {
      await getMe(t, forgeToken(t.config, user)).expect(200);
    });
  });

  describe('refusals', () => {
    it('returns 401 token_missing without an Authorization header', async () => {
      expectProblem(await t.http.get('/users/me'), 401, 'token_missing');
    });

    it('returns 401 token_invalid for alg "none"', async () => {
      await expectRefused(t, unsignedToken(t.config, user.id), 'token_invalid');
    });

    it('returns 401 token_invalid for an HS512 token, even with the right secret', async () => {
      await expectRefused(t, forgeToken(t.config, user, {}, { algorithm: 'HS512' }), 'token_invalid');
    });

    it('returns 401 token_invalid when the payload was changed after signing', async () => {
      const tampered = replacePart(
        user.accessToken,
        1,
        base64url({ ...(jwt.decode(user.accessToken) as object), ver: 1, roles: ['admin'] }),
      );
      await expectRefused(t, tampered, 'token_invalid');
    });

    it('returns 401 token_invalid when the signature was changed', async () => {
      const signature = user.accessToken.split('.')[2]!;
      const flipped = (signature[0] === 'A' ? 'B' : 'A') + signature.slice(1);
      await expectRefused(t, replacePart(user.accessToken, 2, flipped), 'token_invalid');
    });

    it('returns 401 token_invalid when the signature is missing', async () => {
      await expectRefused(t, replacePart(user.accessToken, 2, ''), 'token_invalid');
    });

    it('returns 401 token_invalid for a token signed with another secret', async () => {
      await expectRefused(t, forgeToken(t.config, user, {}, {}, 'another-secret-of-enough-length-0123456789'), 'token_invalid');
    });

    it('returns 401 token_invalid for a string that is not a JWT', async () => {
      await expectRefused(t, 'not.a.jwt', 'token_invalid');
    });

    it('returns 401 token_expired for a token that expired a minute ago', async () => {
      await expectRefused(t, forgeToken(t.config, user, { iat: nowInSeconds() - 960 }, { expiresIn: 900 }), 'token_expired');
    });

    it('accepts a token that expired 5 s ago, within the 30 s clock skew', async () => {
      await getMe(t, forgeToken(t.config, user, { iat: nowInSeconds() - 905 }, { expiresIn: 900 })).expect(200);
    });

    it('accepts a not-before within the clock skew and returns 401 token_invalid beyond it', async () => {
      await getMe(t, forgeToken(t.config, user, { nbf: nowInSeconds() + 10 })).expect(200);
      await expectRefused(t, forgeToken(t.config, user, { nbf: nowInSeconds() + t.config.jwt.clockSkewSeconds + 60 }), 'token_invalid');
    });

    it('returns 401 token_invalid for a wrong issuer', async () => {
      await expectRefused(t, forgeToken(t.config, user, {}, { issuer: 'someone-else' }), 'token_invalid');
    });

    it('returns 401 token_invalid for a wrong audience', async () => {
      await expectRefused(t, forgeToken(t.config, user, {}, { audience: 'another-service' }), 'token_invalid');
    });

    it('returns 401 token_invalid for a token without an audience', async () => {
      const { aud: _aud, ...claims } = wellFormedClaims(t.config, user);
      await getMe(t, signExactClaims({ ...claims, aud: t.config.jwt.audience }, t.config.jwt.secret)).expect(200);
      await expectRefused(t, signExactClaims(claims, t.config.jwt.secret), 'token_invalid');
    });

    it.each(['null', '[]', '"a string"', '42'])(
      'returns 401 token_invalid for a correctly signed token whose payload is %s',
      async (payload) => {
        await expectRefused(t, signRawPayload(payload, t.config.jwt.secret), 'token_invalid');
      },
    );
  });
});
