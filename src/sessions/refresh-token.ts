import { createHash, randomBytes, timingSafeEqual } from 'node:crypto';
import { isLegacyRefreshToken } from './legacy-refresh-token';

/**
 * A refresh token is `<session id>.<secret>`: the session's ObjectId (24 lowercase hex) and 32
 * random bytes (256 bits) in base64url without padding (43 characters). The id is not secret; it
 * lets a refresh find its session by `_id`, the one lookup every database answers from an index
 * (FerretDB 1.x on SQLite pushes down nothing else). The secret alone is what proves possession.
 */
const SECRET_BYTES = 32;
const SESSION_ID_LENGTH = 24;
const WELL_FORMED = /^[0-9a-f]{24}\.[A-Za-z0-9_-]{43}$/;

/** The shape, for the OpenAPI document (token-pair.dto.ts). */
export const REFRESH_TOKEN_PATTERN = WELL_FORMED.source;

/** A presented refresh token, checked for shape and hashed once. */
export interface PresentedRefreshToken {
  token: string;
  hash: string;
  /** The session it names; undefined for a legacy token (legacy-refresh-token.ts). */
  sessionId?: string;
}

/** A new opaque refresh token for the session `sessionId`. Never a JWT: it means nothing without the database. */
export function generateRefreshToken(sessionId: string): string {
  return `${sessionId}.${randomBytes(SECRET_BYTES).toString('base64url')}`;
}

/** Only this hash (of the whole token) is stored; a database leak does not yield usable refresh tokens. */
export function hashRefreshToken(token: string): string {
  return createHash('sha256').update(token, 'utf8').digest('hex');
}

/** The presented value as a token we could have issued, now or before session ids (legacy), or undefined. */
export function parseRefreshToken(value: unknown): PresentedRefreshToken | undefined {
  if (typeof value !== 'string') return undefined;
  if (WELL_FORMED.test(value)) return { token: value, hash: hashRefreshToken(value), sessionId: value.slice(0, SESSION_ID_LENGTH) };
  return isLegacyRefreshToken(value) ? { token: value, hash: hashRefreshToken(value) } : undefined;
}

/**
 * Whether `storedHash` (a session's) is the hash of the presented token. Constant time: the
 * session id is public, so whoever names a session must not learn how much of its hash they hit.
 */
export function hashMatches(storedHash: string, presented: PresentedRefreshToken): boolean {
  const stored = Buffer.from(storedHash, 'hex');
  const given = Buffer.from(presented.hash, 'hex');
  return stored.length === given.length && timingSafeEqual(stored, given);
}
