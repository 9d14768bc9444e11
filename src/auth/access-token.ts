/** Marks our access tokens, so no other JWT we might ever sign is accepted as one. */
export const ACCESS_TOKEN_USE = 'access';

/** The claims of our access tokens beyond the registered ones (sub, iat, exp, iss, aud, jti). */
export interface AccessTokenClaims {
  sub: string;
  jti: string;
  exp: number;
  iat: number;
  /** The user's tokenVersion when the token was issued; older versions are revoked. */
  ver: number;
  token_use: typeof ACCESS_TOKEN_USE;
  /** The session (refresh-token family) the token belongs to; revoking it kills the token at once. */
  sid: string;
}
