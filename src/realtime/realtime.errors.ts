import { ConflictError, ForbiddenError, NotFoundError, ValidationFailedError, type FieldError } from '../common/errors/app-error';

/** A socket event whose payload does not match its DTO; HTTP bodies use validation_failed. */
export class InvalidPayloadError extends ValidationFailedError {
  constructor(errors: readonly FieldError[]) {
    super(errors, 'invalid_payload');
  }
}

/** auth:refresh may extend a connection's life, never change whose connection it is. */
export class TokenUserMismatchError extends ForbiddenError {
  constructor() {
    super('token_user_mismatch', 'The new token belongs to another user.');
  }
}

/** A handshake beyond CONNECTIONS_PER_USER_MAX; refused like a bad token, with its own code. */
export class TooManyConnectionsError extends ConflictError {
  constructor(max: number) {
    super('too_many_connections', `One user may hold at most ${max} connections; close one first.`);
  }
}

/** An event no socket controller handles: a typo, or an event of another protocol version. */
export class UnknownEventError extends NotFoundError {
  constructor() {
    super('unknown_event', 'There is no such event.');
  }
}
