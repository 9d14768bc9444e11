import type { Socket } from 'socket.io';
import { TokenError } from '../auth/auth.errors';
import { tokenFromHeader } from '../auth/authorization/authorization-header';
import { normaliseToken } from '../auth/authorization/token-normalisation';

/**
 * The access token a socket presented at its handshake: `auth.token` (browsers) or an
 * Authorization header (other clients). A token in the query string is ignored on purpose, since
 * query strings end up in access logs. Normalised exactly as the HTTP header is.
 */
export function handshakeToken(socket: Socket): string | undefined {
  const auth: unknown = socket.handshake.auth;
  const token = typeof auth === 'object' && auth !== null ? (auth as { token?: unknown }).token : undefined;
  if (token !== undefined && token !== null) {
    // Anything but a string (a number, an object) is a token we cannot accept, not a missing one.
    if (typeof token !== 'string') throw new TokenError('token_invalid');
    return normaliseToken(token);
  }
  const header = socket.handshake.headers.authorization;
  return tokenFromHeader(typeof header === 'string' ? header : undefined);
}
