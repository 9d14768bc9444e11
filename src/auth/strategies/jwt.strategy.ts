import type { KeyObject } from 'node:crypto';
import { Strategy as JwtStrategy } from 'passport-jwt';
import type { AppConfig } from '../../config/app-config';
import type { AccessTokenClaims } from '../access-token';
import { TokenError } from '../auth.errors';
import type { JwtKeyRing } from '../jwt-key-ring';

/** The transports extract the raw token (header, socket handshake); the strategy only verifies it. */
export interface TokenRequest {
  accessToken: string;
}

/**
 * passport-jwt verifies the signature with the key the key ring picks for the token's header (the
 * algorithm belongs to the key), the issuer, the audience and the expiry (with the configured clock
 * skew), and passes on the claims. What the claims must say, and whether the account and session
 * still stand, JwtVerifier decides on every use.
 */
export function createJwtStrategy(config: AppConfig, keys: JwtKeyRing): JwtStrategy {
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
    (claims: Partial<AccessTokenClaims>, done: (error: unknown, claims?: Partial<AccessTokenClaims>) => void) => done(null, claims),
  );
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
