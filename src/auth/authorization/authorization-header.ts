import { TokenError } from '../auth.errors';
import { normaliseToken } from './token-normalisation';

// The article's clients send "JWT <token>"; RFC 6750 clients send "Bearer <token>".
const AUTHORIZATION_SCHEME = /^(?:Bearer|JWT)(?: +(.*))?$/i;

/** Reads the token from an Authorization header value; undefined when there is none. */
export function tokenFromHeader(header: string | undefined): string | undefined {
  if (!header) return undefined;
  const match = AUTHORIZATION_SCHEME.exec(header.trim());
  // A header in another scheme is not "missing": it is a token we cannot accept.
  if (!match) throw new TokenError('token_invalid');
  return normaliseToken(match[1] ?? '');
}
