import { UnauthorizedError } from '../common/errors/app-error';

/**
 * Why a token was refused; the same codes travel over HTTP (401 body) and sockets (connect_error
 * data). account_disabled: the token was fine, but an admin disabled its account.
 */
export type TokenErrorCode = 'token_missing' | 'token_invalid' | 'token_expired' | 'token_revoked' | 'account_disabled';

export class TokenError extends UnauthorizedError {
  constructor(public override readonly code: TokenErrorCode) {
    super(code, TOKEN_MESSAGES[code]);
  }
}

const TOKEN_MESSAGES: Record<TokenErrorCode, string> = {
  token_missing: 'An access token is required.',
  token_invalid: 'The access token is invalid.',
  token_expired: 'The access token has expired.',
  token_revoked: 'The access token has been revoked.',
  account_disabled: 'This account has been disabled.',
};

/** Every TokenErrorCode, for the OpenAPI document's 401 of protected routes. */
export const TOKEN_ERROR_CODES = Object.keys(TOKEN_MESSAGES) as TokenErrorCode[];

/** Same body for an unknown email and a wrong password, so answers do not reveal which accounts exist. */
export class InvalidCredentialsError extends UnauthorizedError {
  constructor() {
    super('invalid_credentials', 'The email or password is incorrect.');
  }
}
