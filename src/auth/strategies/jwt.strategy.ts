import type { KeyObject } from 'node:crypto';
import { Strategy as JwtStrategy } from 'passport-jwt';
import type { AppConfig } from '../../config/app-config';
import { accountStanding } from '../../users/account-status';
import type { Principal } from '../../users/principal';
import { ACCESS_TOKEN_USE, type AccessTokenClaims } from '../access-token';
import { TokenError } from '../auth.errors';
import type { AccountCache } from '../account-cache/account-cache';
import type { JwtKeyRing } from '../jwt-key-ring';

/** The transports extract the raw token (header, socket handshake); the strategy only verifies it. */
export interface TokenRequest {
  accessToken: string;
}

/**
 * passport-jwt verifies signature, algorithm, issuer, audience and expiry (with the configured
 * clock skew); the callback then checks that this is an access token of a live user whose
 * tokenVersion has not moved on since it was issued, and whose session (sid) is still live, so
 * logout and DELETE /auth/sessions/:id end that device's access tokens at once.
 */
export function createJwtStrategy(config: AppConfig, keys: JwtKeyRing, accounts: AccountCache): JwtStrategy {
  return new JwtStrategy(
    {
      jwtFromRequest: (req: TokenRequest) => req.accessToken,
      secretOrKeyProvider: (_req: unknown, rawToken: string, callback: (error: Error | null, key?: string) => void) => {
        // passport-jwt's types predate KeyObject; it hands the key straight to jsonwebtoken.verify, which takes one.
        const done = callback as unknown as (error: Error | null, key?: KeyObject) => void;
        // Header and payload only: JSON-parsing the signature (binary) threw on every request.
        const [header, payload] = rawToken.split('.', 2).map(decodeSegment);
        // jsonwebtoken throws a TypeError (a 500) on a correctly signed `null` payload; refuse it first.
        const key = isObject(payload) && isObject(header) ? keys.verificationKey(header) : undefined;
        if (key === undefined) done(new TokenError('token_invalid'));
        else done(null, key);
      },
      algorithms: keys.algorithms,
      issuer: config.jwt.issuer,
      audience: config.jwt.audience,
      jsonWebTokenOptions: { clockTolerance: config.jwt.clockSkewSeconds },
    },
    (claims: Partial<AccessTokenClaims>, done: (error: unknown, principal?: Principal | false, info?: unknown) => void) => {
      toPrincipal(claims, accounts).then(
        (principal) => done(null, principal),
        (error: unknown) => (error instanceof TokenError ? done(null, false, error) : done(error)),
      );
    },
  );
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

function decodeSegment(segment: string): unknown {
  try {
    return JSON.parse(Buffer.from(segment, 'base64url').toString('utf8'));
  } catch {
    return undefined;
  }
}

function isObject(value: unknown): value is { kid?: unknown; alg?: unknown } {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}
