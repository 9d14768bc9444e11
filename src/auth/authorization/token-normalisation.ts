import { TokenError } from '../auth.errors';

// The compact JWS alphabet (base64url and dots): anything else cannot be one of our tokens.
const TOKEN_CHARACTERS = /^[A-Za-z0-9\-_.]+$/;

/**
 * The one normalisation of a raw token, whatever the transport (header, socket handshake,
 * auth:refresh): surrounding space is trimmed, empty means missing, and anything outside the
 * JWT alphabet is invalid. So the same credential gets the same answer everywhere.
 */
export function normaliseToken(raw: string): string | undefined {
  const token = raw.trim();
  if (token === '') return undefined;
  if (!TOKEN_CHARACTERS.test(token)) throw new TokenError('token_invalid');
  return token;
}
