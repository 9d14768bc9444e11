import { createHash, randomBytes } from 'node:crypto';

/** 32 random bytes = 256 bits, base64url without padding: always 43 characters. */
const REFRESH_TOKEN_BYTES = 32;
const WELL_FORMED = /^[A-Za-z0-9_-]{43}$/;

/** A new opaque refresh token. Never a JWT: it means nothing without the database. */
export function generateRefreshToken(): string {
  return randomBytes(REFRESH_TOKEN_BYTES).toString('base64url');
}

/** Only this hash is stored; a database leak does not yield usable refresh tokens. */
export function hashRefreshToken(token: string): string {
  return createHash('sha256').update(token, 'utf8').digest('hex');
}

/** Rejects anything we could not have issued (JWTs, operators, junk) before touching the database. */
export function isWellFormedRefreshToken(token: unknown): token is string {
  return typeof token === 'string' && WELL_FORMED.test(token);
}
