import { LRUCache } from 'lru-cache';
import { Inject, Service } from 'typedi';
import type { AppConfig } from '../../config/app-config';
import { APP_CONFIG } from '../../config/app-config.token';
import { accountStanding } from '../../users/account-status';
import type { Principal } from '../../users/principal';
import { ACCESS_TOKEN_USE, type AccessTokenClaims } from '../access-token';
import { TokenError } from '../auth.errors';
import { AccountCache } from '../account-cache/account-cache';
import { PassportService } from '../passport.service';
import type { TokenRequest } from './jwt.strategy';

/**
 * The JWT access-token check, called (only) by the AuthorizationChecker. The passport-jwt strategy
 * (jwt.strategy.ts) verifies the signature, algorithm, issuer, audience and expiry; then the
 * claims must be those of an access token of a live user whose tokenVersion has not moved on
 * since it was issued, and whose session (sid) is still live, so logout and
 * DELETE /auth/sessions/:id end that device's access tokens at once.
 *
 * A client sends the same token on every request until it expires, so the claims of tokens that
 * passed are kept, by their exact text (VERIFIED_TOKENS_MAX, least recently used out): the same
 * bytes cannot verify differently later, as keys are fixed for the life of the process. Expiry is
 * checked on every use, as are the claims, the account and the session; a token that failed is
 * never kept, so a forged one always pays for the full check. On GET /users/me the signature check
 * and passport's per-call strategy object were the largest share of a request (--cpu-prof).
 */
/** Tokens whose verified claims are kept; ~1 KB each, so about 10 MB at most. */
export const VERIFIED_TOKENS_MAX = 10_000;

@Service()
export class JwtVerifier {
  private readonly clockSkewSeconds: number;
  private readonly verified = new LRUCache<string, Partial<AccessTokenClaims>>({ max: VERIFIED_TOKENS_MAX });

  constructor(
    @Inject(APP_CONFIG) config: AppConfig,
    private readonly passport: PassportService,
    private readonly accounts: AccountCache,
  ) {
    this.clockSkewSeconds = config.jwt.clockSkewSeconds;
  }

  /** The principal a raw access token speaks for; throws a TokenError (token_invalid/expired/revoked...). */
  async verify(rawToken: string): Promise<Principal> {
    return toPrincipal(await this.verifiedClaims(rawToken), this.accounts);
  }

  private async verifiedClaims(rawToken: string): Promise<Partial<AccessTokenClaims>> {
    const known = this.verified.get(rawToken);
    // The same expiry rule as jsonwebtoken's (exp is a number: it passed once). Once expired, the
    // full check runs again and answers token_expired.
    if (known && Math.floor(Date.now() / 1000) < (known.exp as number) + this.clockSkewSeconds) return known;
    const claims = await this.checkedClaims(rawToken);
    // Only tokens that can pass the claim checks below are worth keeping (ours always carry exp).
    if (typeof claims.exp === 'number') this.verified.set(rawToken, Object.freeze(claims));
    return claims;
  }

  private async checkedClaims(rawToken: string): Promise<Partial<AccessTokenClaims>> {
    const request: TokenRequest = { accessToken: rawToken };
    const { result, reason } = await this.passport.authenticate<unknown>('jwt', request);
    if (reason instanceof TokenError) throw reason;
    // By name, not instanceof: passport-jwt may load its own copy of jsonwebtoken.
    if ((reason as Error | undefined)?.name === 'TokenExpiredError') throw new TokenError('token_expired');
    if (typeof result !== 'object' || result === null || Array.isArray(result)) throw new TokenError('token_invalid');
    return result as Partial<AccessTokenClaims>;
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
