import { UnauthorizedError } from '../common/errors/app-error';

/** Why a refresh token was refused. refresh_reused means a spent token came back: the family is revoked. */
export type RefreshErrorCode = 'refresh_invalid' | 'refresh_expired' | 'refresh_reused';

export class RefreshTokenError extends UnauthorizedError {
  constructor(public override readonly code: RefreshErrorCode) {
    super(code, REFRESH_MESSAGES[code]);
  }
}

const REFRESH_MESSAGES: Record<RefreshErrorCode, string> = {
  refresh_invalid: 'The refresh token is invalid.',
  refresh_expired: 'The refresh token has expired; log in again.',
  refresh_reused: 'The refresh token was already used; every token of this session has been revoked. Log in again.',
};

/** Every RefreshErrorCode, for the OpenAPI document of the routes that take a refresh token. */
export const REFRESH_ERROR_CODES = Object.keys(REFRESH_MESSAGES) as RefreshErrorCode[];
