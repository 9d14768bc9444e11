import { isNativeError } from 'node:util/types';
import { HttpError } from 'routing-controllers';
import { ValidationError } from 'class-validator';
import { isDuplicateKeyError } from '../../database/duplicate-key';
import { AppError } from './app-error';
import { toFieldErrors } from '../validation/field-errors';

/** An RFC 9457 problem document, plus the machine-readable `code` every client switches on. */
export interface Problem {
  type: string;
  title: string;
  status: number;
  detail: string;
  code: string;
  errors?: readonly { field: string; messages: readonly string[] }[];
}

export interface MappedError {
  problem: Problem;
  headers: Record<string, string>;
  /** False for anything unexpected: the caller logs the stack, the client gets a generic body. */
  expected: boolean;
}

const TITLES: Record<number, string> = {
  400: 'Bad Request',
  401: 'Unauthorized',
  403: 'Forbidden',
  404: 'Not Found',
  405: 'Method Not Allowed',
  409: 'Conflict',
  413: 'Content Too Large',
  415: 'Unsupported Media Type',
  417: 'Expectation Failed',
  408: 'Request Timeout',
  429: 'Too Many Requests',
  431: 'Request Header Fields Too Large',
  500: 'Internal Server Error',
  501: 'Not Implemented',
  503: 'Service Unavailable',
};

/** Maps any thrown value to the one error model. Only known shapes reveal a message. */
export function toAppError(error: unknown): AppError | undefined {
  if (error instanceof AppError) return error;
  if (isRoutingValidationError(error)) {
    return new AppError(400, 'validation_failed', 'The request is invalid.', { errors: toFieldErrors(error.errors) });
  }
  if (error instanceof HttpError && error.httpCode >= 400 && error.httpCode < 500) {
    return new AppError(error.httpCode, routingCode(error.httpCode), TITLES[error.httpCode] ?? 'Request refused.');
  }
  if (isDuplicateKeyError(error)) return new AppError(409, 'duplicate', 'This resource already exists.');
  if (isDatabaseUnreachable(error)) {
    return new AppError(503, 'db_unavailable', 'The database is unreachable; try again shortly.', {
      retryAfterSeconds: DB_RETRY_AFTER_SECONDS,
    });
  }
  return undefined;
}

export function toProblem(error: unknown): MappedError {
  const recognised = toAppError(error);
  const known = recognised ?? new AppError(500, 'internal_error', 'Something went wrong on our side.');
  const problem: Problem = {
    type: 'about:blank',
    title: TITLES[known.status] ?? 'Error',
    status: known.status,
    detail: known.message,
    code: known.code,
  };
  if (known.details?.errors) problem.errors = known.details.errors;
  const headers: Record<string, string> = {};
  if (known.details?.retryAfterSeconds !== undefined) headers['Retry-After'] = String(known.details.retryAfterSeconds);
  // 501 is the client asking for a method we never implement (TRACE...): no bug of ours to log.
  const clientCaused = known.status < 500 || known.status === 501;
  return { problem, headers, expected: recognised !== undefined && clientCaused };
}

function routingCode(status: number): string {
  if (status === 401) return 'token_missing';
  if (status === 403) return 'forbidden';
  if (status === 404) return 'not_found';
  if (status === 405) return 'method_not_allowed';
  return 'bad_request';
}

function isRoutingValidationError(error: unknown): error is { errors: ValidationError[] } {
  const errors = (error as { errors?: unknown } | null)?.errors;
  return error instanceof HttpError && Array.isArray(errors) && errors.every((item) => item instanceof ValidationError);
}

/** Seconds a client should wait before retrying while the database is unreachable. */
const DB_RETRY_AFTER_SECONDS = 5;

/**
 * What the driver and mongoose throw when the database is gone or stops answering within
 * DB_OPERATION_TIMEOUT_MS (see database/connect-database.ts), by error name: the classes are
 * the driver's, and matching names keeps common/ free of a driver import.
 */
const UNREACHABLE_DATABASE_ERRORS = new Set([
  'MongoServerSelectionError',
  'MongooseServerSelectionError',
  'MongoNetworkError',
  'MongoNetworkTimeoutError',
  'MongoNotConnectedError',
  'MongoTopologyClosedError',
  'MongoServerClosedError',
  'MongoPoolClearedError',
  'MongoWaitQueueTimeoutError',
  'MongoOperationTimeoutError',
]);

const NETWORK_ERROR_CODES = new Set(['ECONNRESET', 'ECONNREFUSED', 'EPIPE', 'ETIMEDOUT', 'ECONNABORTED', 'EHOSTUNREACH', 'ENETUNREACH']);

/** A lost database is the service's outage, not a bug: 503 with Retry-After, so clients and balancers retry. */
export function isDatabaseUnreachable(error: unknown): boolean {
  // Not `instanceof Error`: Node's own socket errors come from its realm's Error, which is another
  // class wherever code runs in a separate context (jest's sandbox among them).
  if (!isNativeError(error)) return false;
  // mongoose queues commands while disconnected and gives up with this MongooseError.
  if (UNREACHABLE_DATABASE_ERRORS.has(error.name) || (error.name === 'MongooseError' && /buffering timed out/.test(error.message))) {
    return true;
  }
  // The driver lets a raw socket error through now and then (`write ECONNRESET`, or EPIPE "ended
  // by the other party", on a connection the server just dropped): a system network error is the database going away too, since
  // the database is what requests talk to over the network (Redis failures fall back to memory).
  if (NETWORK_ERROR_CODES.has((error as NodeJS.ErrnoException).code ?? '')) return true;
  // A driver error may arrive wrapped (mongoose's own errors keep the driver's as `cause` or `reason`).
  const { cause, reason } = error as { cause?: unknown; reason?: unknown };
  return (
    (cause !== undefined && cause !== error && isDatabaseUnreachable(cause)) ||
    (reason !== undefined && reason !== error && isDatabaseUnreachable(reason))
  );
}
