import { ConflictError } from '../common/errors/app-error';

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
