import type { UserRecord } from './user-record';

/**
 * THE answer to "may this account act?", asked by every path that lets an account in: login
 * (CredentialsService), every access token (the JWT strategy, so HTTP and the socket handshake
 * and auth:refresh alike) and refresh (AuthService). Today an account may act when it exists; a
 * later status (a ban, a disabled account) changes this function and nothing else. Each caller
 * turns a refusal into its own error, so answers keep their codes (invalid_credentials,
 * token_revoked, refresh_invalid).
 */
export function accountMayAct(user: UserRecord | undefined): user is UserRecord {
  return user !== undefined;
}
