import type { UserRecord } from './user-record';

/** Why an account may not act: it does not exist (any more), or an admin disabled it. */
export type AccountRefusal = 'account_unknown' | 'account_disabled';

export type AccountStanding = { mayAct: true; user: UserRecord } | { mayAct: false; refusal: AccountRefusal };

/**
 * THE answer to "may this account act?", asked by every path that lets an account in: login
 * (CredentialsService), every access token (the JWT strategy, so HTTP and the socket handshake
 * and auth:refresh alike) and refresh (SessionsService.rotate, including the multi-tab grace).
 * A new status changes this function and nothing else. Each caller turns a refusal into its own
 * error: an unknown account keeps the caller's usual code (invalid_credentials, token_revoked,
 * refresh_invalid), a disabled one answers `account_disabled` everywhere (login only once the
 * password was right, so the status is never revealed to someone guessing).
 */
export function accountStanding(user: UserRecord | undefined): AccountStanding {
  if (user === undefined) return { mayAct: false, refusal: 'account_unknown' };
  if (user.status === 'disabled') return { mayAct: false, refusal: 'account_disabled' };
  return { mayAct: true, user };
}

/** The same rule as a yes/no type guard, for callers that need no reason. */
export function accountMayAct(user: UserRecord | undefined): user is UserRecord {
  return accountStanding(user).mayAct;
}
