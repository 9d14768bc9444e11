import jwt from 'jsonwebtoken';
import type { AccountCache, AccountState } from '../../../src/auth/account-cache/account-cache';
import type { CredentialsService } from '../../../src/auth/credentials.service';
import { JwtKeyRing } from '../../../src/auth/jwt-key-ring';
import { PassportService } from '../../../src/auth/passport.service';
import { JwtVerifier } from '../../../src/auth/strategies/jwt.verifier';
import { aUserRecord } from '../../fixtures/fakes';
import { testConfig } from '../../support/config';
import { forgeToken, signRawPayload, unsignedToken } from '../../support/tokens';

const config = testConfig();
const user = aUserRecord();
const SESSION = 'a'.repeat(24);
const subject = { id: user.id, accessToken: forgeToken(config, user.id, { sid: SESSION }) };

/** A verifier over the test configuration's keys and an account cache that answers `state`. */
function verifierWith(state: AccountState = { user, sessionLive: true }) {
  const lookups: Array<[string, string]> = [];
  const accounts = {
    lookup: async (userId: string, sessionId: string) => {
      lookups.push([userId, sessionId]);
      return state;
    },
  } as unknown as AccountCache;
  // The login's strategy is never asked here; the JWT strategy is the real passport-jwt one.
  const passport = new PassportService(config, new JwtKeyRing(config), {} as CredentialsService);
  return { verifier: new JwtVerifier(config, passport, accounts), lookups };
}

describe('JwtVerifier', () => {
  it("returns the principal of a valid access token, looking up the token's user and session", async () => {
    const { verifier, lookups } = verifierWith();
    const principal = await verifier.verify(forgeToken(config, subject));
    expect(principal).toMatchObject({ user: { id: user.id }, token: { sessionId: SESSION, id: expect.any(String) } });
    expect(lookups).toEqual([[user.id, SESSION]]);
  });

  it('refuses an expired token as token_expired, past the clock skew only', async () => {
    const { verifier } = verifierWith();
    const skew = config.jwt.clockSkewSeconds;
    const expiredSecondsAgo = (seconds: number) => forgeToken(config, subject, {}, { expiresIn: -seconds });
    await expect(verifier.verify(expiredSecondsAgo(skew + 5))).rejects.toMatchObject({ status: 401, code: 'token_expired' });
    if (skew >= 2) await expect(verifier.verify(expiredSecondsAgo(1))).resolves.toBeDefined();
  });

  it.each([
    ['another secret', () => forgeToken(config, subject, {}, {}, 'x'.repeat(48))],
    ['another issuer', () => forgeToken(config, subject, {}, { issuer: 'someone-else' })],
    ['another audience', () => forgeToken(config, subject, {}, { audience: 'another-service' })],
    ['HS512 with the right secret', () => forgeToken(config, subject, {}, { algorithm: 'HS512' })],
    ['alg none', () => unsignedToken(config, user.id)],
    ['a refresh token', () => forgeToken(config, subject, { token_use: 'refresh' })],
    ['no session id', () => forgeToken(config, subject, { sid: undefined })],
    ['a signed null payload', () => signRawPayload('null', config.jwt.secret)],
    ['a signed array payload', () => signRawPayload('[]', config.jwt.secret)],
    ['garbage', () => 'not.a.token'],
  ])('refuses %s as token_invalid, without a lookup', async (_case, token) => {
    const { verifier, lookups } = verifierWith();
    await expect(verifier.verify(token())).rejects.toMatchObject({ status: 401, code: 'token_invalid' });
    expect(lookups).toEqual([]);
  });

  it.each([
    ['a stale tokenVersion', 'token_revoked', { user: { ...user, tokenVersion: 1 }, sessionLive: true }],
    ['a session that has ended', 'token_revoked', { user, sessionLive: false }],
    ['an unknown user', 'token_revoked', { user: undefined, sessionLive: false }],
    ['a disabled account', 'account_disabled', { user: { ...user, status: 'disabled' as const }, sessionLive: true }],
  ])('refuses %s as %s', async (_case, code, state) => {
    const { verifier } = verifierWith(state as AccountState);
    await expect(verifier.verify(forgeToken(config, subject))).rejects.toMatchObject({ code });
  });

  describe('tokens verified before', () => {
    afterEach(() => jest.restoreAllMocks());

    it("verifies a token it has not seen through passport's JWT strategy", async () => {
      const { verifier } = verifierWith();
      const authenticate = jest.spyOn(PassportService.prototype, 'authenticate');
      await verifier.verify(forgeToken(config, subject));
      expect(authenticate).toHaveBeenCalledWith('jwt', expect.objectContaining({ accessToken: expect.any(String) }));
    });

    it('checks a token it has seen pass without redoing the signature, and still checks its account each time', async () => {
      const { verifier, lookups } = verifierWith();
      const verify = jest.spyOn(jwt, 'verify');
      const token = forgeToken(config, subject);
      await verifier.verify(token);
      await verifier.verify(token);
      expect(verify).toHaveBeenCalledTimes(1);
      expect(lookups).toHaveLength(2);
    });

    it('still refuses it once it has expired', async () => {
      const { verifier } = verifierWith();
      const token = forgeToken(config, subject, {}, { expiresIn: 5 });
      await verifier.verify(token);
      const later = Date.now() + (5 + config.jwt.clockSkewSeconds + 1) * 1000;
      jest.spyOn(Date, 'now').mockReturnValue(later);
      await expect(verifier.verify(token)).rejects.toMatchObject({ code: 'token_expired' });
    });

    it('never keeps a token that failed: each attempt pays for the full check', async () => {
      const { verifier } = verifierWith();
      const verify = jest.spyOn(jwt, 'verify');
      const forged = forgeToken(config, subject, {}, {}, 'x'.repeat(48));
      await expect(verifier.verify(forged)).rejects.toMatchObject({ code: 'token_invalid' });
      await expect(verifier.verify(forged)).rejects.toMatchObject({ code: 'token_invalid' });
      expect(verify).toHaveBeenCalledTimes(2);
    });

    it('still refuses it when its account or session has been revoked since', async () => {
      const state: AccountState = { user, sessionLive: true };
      const { verifier } = verifierWith(state);
      const token = forgeToken(config, subject);
      await verifier.verify(token);
      state.sessionLive = false;
      await expect(verifier.verify(token)).rejects.toMatchObject({ code: 'token_revoked' });
    });
  });
});
