import type { KeyObject } from 'node:crypto';
import { LRUCache } from 'lru-cache';
import jwt, { type GetPublicKeyOrSecret, type JwtHeader, type VerifyOptions } from 'jsonwebtoken';
import { Inject, Service } from 'typedi';
import type { AppConfig } from '../../config/app-config';
import { APP_CONFIG } from '../../config/app-config.token';
import { accountStanding } from '../../users/account-status';
import type { Principal } from '../../users/principal';
import { ACCESS_TOKEN_USE, type AccessTokenClaims } from '../access-token';
import { TokenError } from '../auth.errors';
import { AccountCache } from '../account-cache/account-cache';
import { JwtKeyRing } from '../jwt-key-ring';

/**
 * The JWT access-token check, called (only) by the AuthorizationChecker. jsonwebtoken verifies
 * the signature with the key the key ring picks for the token's header (the algorithm belongs to
 * the key), the issuer, the audience and the expiry (with the configured clock skew); then the
 * claims must be those of an access token of a live user whose tokenVersion has not moved on
 * since it was issued, and whose session (sid) is still live, so logout and
 * DELETE /auth/sessions/:id end that device's access tokens at once.
 *
 * jsonwebtoken is called directly, not through passport-jwt: the strategy object and callbacks
 * passport makes per call, and the header decoded a second time to pick the key, were a quarter
 * of the verification's cost on GET /users/me (--cpu-prof). passport still runs the login.
 *
 * A client sends the same token on every request until it expires, so the claims of tokens that
 * passed are kept, by their exact text (VERIFIED_TOKENS_MAX, least recently used out): the same
 * bytes cannot verify differently later, as keys are fixed for the life of the process. Expiry is
 * checked on every use, as are the claims, the account and the session; a token that failed is
 * never kept, so a forged one always pays for the full check.
 */
/** Tokens whose verified claims are kept; ~1 KB each, so about 10 MB at most. */
export const VERIFIED_TOKENS_MAX = 10_000;

@Service()
export class JwtVerifier {
  private readonly options: VerifyOptions & { complete?: false };
  private readonly clockSkewSeconds: number;
  private readonly verified = new LRUCache<string, Partial<AccessTokenClaims>>({ max: VERIFIED_TOKENS_MAX });

  constructor(
    @Inject(APP_CONFIG) config: AppConfig,
    private readonly keys: JwtKeyRing,
    private readonly accounts: AccountCache,
  ) {
    this.clockSkewSeconds = config.jwt.clockSkewSeconds;
    this.options = {
      algorithms: keys.algorithms,
      issuer: config.jwt.issuer,
      audience: config.jwt.audience,
      clockTolerance: config.jwt.clockSkewSeconds,
    };
  }

  /** The principal a raw access token speaks for; throws a TokenError (token_invalid/expired/revoked...). */
  async verify(rawToken: string): Promise<Principal> {
    return toPrincipal(this.verifiedClaims(rawToken), this.accounts);
  }

  /** jsonwebtoken decodes the header once and hands it here: a kid and alg we do not hold get no key. */
  private readonly keyFor: GetPublicKeyOrSecret = (header: JwtHeader, callback) => {
    const key: KeyObject | undefined = this.keys.verificationKey(header);
    // @types/jsonwebtoken's Secret predates KeyObject; jsonwebtoken takes one (and skips parsing it).
    if (key) callback(null, key as unknown as string);
    else callback(new TokenError('token_invalid'));
  };

  private verifiedClaims(rawToken: string): Partial<AccessTokenClaims> {
    const known = this.verified.get(rawToken);
    // The same expiry rule as jsonwebtoken's (exp is a number: it passed once). Once expired, the
    // full check runs again and answers token_expired.
    if (known && Math.floor(Date.now() / 1000) < (known.exp as number) + this.clockSkewSeconds) return known;
    const claims = this.checkedClaims(rawToken);
    // Only tokens that can pass the claim checks below are worth keeping (ours always carry exp).
    if (typeof claims.exp === 'number') this.verified.set(rawToken, Object.freeze(claims));
    return claims;
  }

  private checkedClaims(rawToken: string): Partial<AccessTokenClaims> {
    let outcome: { error: unknown; claims?: unknown } | undefined;
    try {
      // With a key callback jsonwebtoken wants a result callback too; both run before verify() returns.
      jwt.verify(rawToken, this.keyFor, this.options, (error, claims) => (outcome = { error, claims }));
    } catch (error) {
      // A correctly signed `null` payload makes jsonwebtoken throw a TypeError (reading null.nbf)
      // instead of refusing it: that, too, is a token we cannot accept.
      outcome = { error };
    }
    if (!outcome) throw new Error('jsonwebtoken verified asynchronously'); // a 500, loud: never a silent pass
    if (outcome.error) throw new TokenError((outcome.error as Error).name === 'TokenExpiredError' ? 'token_expired' : 'token_invalid');
    const { claims } = outcome;
    if (typeof claims !== 'object' || claims === null || Array.isArray(claims)) throw new TokenError('token_invalid');
    return claims as Partial<AccessTokenClaims>;
  }
}

async function toPrincipal(claims: Partial<AccessTokenClaims>, accounts: AccountCache): Promise<Principal> {
  const { sub, jti, exp, ver, token_use, sid } = claims;
  if (
    token_use !== ACCESS_TOKEN_USE ||
    typeof sub !== 'string' ||
    typeof jti !== 'string' ||
    typeof exp !== 'number' ||
    typeof ver !== 'number' ||
    // Every token we issue belongs to a session; one without is not ours to accept.
    typeof sid !== 'string'
  ) {
    throw new TokenError('token_invalid');
  }
  // From memory on the common case; the cache reads the database on a miss (see AccountCache).
  const { user, sessionLive } = await accounts.lookup(sub, sid);
  const standing = accountStanding(user);
  // Before the version check: disabling also bumps tokenVersion, and the client deserves the real reason.
  if (!standing.mayAct) throw new TokenError(standing.refusal === 'account_disabled' ? 'account_disabled' : 'token_revoked');
  if (ver !== standing.user.tokenVersion || !sessionLive) throw new TokenError('token_revoked');
  return { user: standing.user, token: { id: jti, expiresAt: new Date(exp * 1000), sessionId: sid } };
}
