import { ConflictError, UnauthorizedError } from './app-error';

/** Why a token was refused; the same codes travel over HTTP (401 body) and sockets (connect_error data). */
export type TokenErrorCode = 'token_missing' | 'token_invalid' | 'token_expired' | 'token_revoked';

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
};

/** Same body for an unknown email and a wrong password, so answers do not reveal which accounts exist. */
export class InvalidCredentialsError extends UnauthorizedError {
  constructor() {
    super('invalid_credentials', 'The email or password is incorrect.');
  }
}

export class EmailTakenError extends ConflictError {
  constructor() {
    super('email_taken', 'An account with this email already exists.');
  }
}

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
