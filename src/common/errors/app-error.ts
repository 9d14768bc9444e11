/** One field's validation messages, as clients receive them (never the rejected value). */
export interface FieldError {
  readonly field: string;
  readonly messages: readonly string[];
}

/**
 * The one error model. Services throw subclasses; the HTTP error middleware and the socket
 * ack mapper turn them into problem+json and `{ ok: false, error }` respectively.
 */
export class AppError extends Error {
  constructor(
    public readonly status: number,
    public readonly code: string,
    message: string,
    public readonly details?: { errors?: readonly FieldError[]; retryAfterSeconds?: number },
  ) {
    super(message);
    this.name = new.target.name;
  }
}

export class ValidationFailedError extends AppError {
  constructor(errors: readonly FieldError[], code = 'validation_failed') {
    super(400, code, 'The request is invalid.', { errors });
  }
}

export class BadRequestError extends AppError {
  constructor(code: string, message: string) {
    super(400, code, message);
  }
}

export class UnauthorizedError extends AppError {
  constructor(code: string, message = 'Authentication is required.') {
    super(401, code, message);
  }
}

export class ForbiddenError extends AppError {
  constructor(code = 'forbidden', message = 'You are not allowed to do this.') {
    super(403, code, message);
  }
}

export class NotFoundError extends AppError {
  constructor(code = 'not_found', message = 'Nothing was found here.') {
    super(404, code, message);
  }
}

export class ConflictError extends AppError {
  constructor(code: string, message: string) {
    super(409, code, message);
  }
}

export class TooManyRequestsError extends AppError {
  constructor(retryAfterSeconds: number, code = 'rate_limited') {
    super(429, code, 'Too many requests; try again later.', { retryAfterSeconds: Math.max(1, Math.ceil(retryAfterSeconds)) });
  }
}

export class ServiceUnavailableError extends AppError {
  constructor(code: string, message: string) {
    super(503, code, message);
  }
}
