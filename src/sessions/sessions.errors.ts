import { UnauthorizedError } from '../common/errors/app-error';

/**
 * Why a refresh token was refused. refresh_reused means a spent token came back after the grace
 * window: the family is revoked. account_disabled: an admin disabled the account.
 */
export type RefreshErrorCode = 'refresh_invalid' | 'refresh_expired' | 'refresh_reused' | 'account_disabled';

export class RefreshTokenError extends UnauthorizedError {
  constructor(public override readonly code: RefreshErrorCode) {
    super(code, REFRESH_MESSAGES[code]);
  }
}

const REFRESH_MESSAGES: Record<RefreshErrorCode, string> = {
  refresh_invalid: 'The refresh token is invalid.',
  refresh_expired: 'The refresh token has expired; log in again.',
  refresh_reused: 'The refresh token was already used; every token of this session has been revoked. Log in again.',
  account_disabled: 'This account has been disabled.',
};

/** Every RefreshErrorCode, for the OpenAPI document of the routes that take a refresh token. */
export const REFRESH_ERROR_CODES = Object.keys(REFRESH_MESSAGES) as RefreshErrorCode[];
