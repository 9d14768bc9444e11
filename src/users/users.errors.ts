import { ConflictError, ForbiddenError } from '../common/errors/app-error';

export class EmailTakenError extends ConflictError {
  constructor() {
    super('email_taken', 'An account with this email already exists.');
  }
}

/**
 * Thrown by UsersRepository when the unique email index refuses an insert; the service decides
 * what that means (EmailTakenError). Not an AppError: it never reaches a client as such.
 */
export class DuplicateEmailError extends Error {}

/**
 * Login with the right password to a disabled account: 403, because the credentials are valid
 * and authenticated, the account is just not allowed in (RFC 9110 15.5.4); a 401 would invite the
 * client to retry with other credentials. Tokens of a disabled account answer 401 with the same
 * code instead (TokenError, RefreshTokenError): those credentials themselves are no longer valid.
 */
export class AccountDisabledError extends ForbiddenError {
  constructor() {
    super('account_disabled', 'This account has been disabled.');
  }
}
