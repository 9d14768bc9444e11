import type { FieldError } from '../common/errors/app-error';
import { toAppError } from '../common/errors/to-problem';
import type { Logger } from '../common/logger';

/** The error half of every ack: the socket mirror of the HTTP problem document. */
export interface AckError {
  code: string;
  message: string;
  errors?: readonly FieldError[];
  retryAfterSeconds?: number;
}

export type AckResponse = { ok: true; [field: string]: unknown } | { ok: false; error: AckError };
export type Ack = (response: AckResponse) => void;

/** socket-controllers hands over whatever the client sent last; only a function can answer. */
export function isAck(value: unknown): value is Ack {
  return typeof value === 'function';
}

/** Maps any thrown value to an ack error; unknown errors are logged and answered generically. */
export function toAckError(error: unknown, log: Logger, event: string): AckError {
  const known = toAppError(error);
  if (!known || known.status >= 500) log.error({ err: error, event }, 'socket handler failed');
  if (!known) return { code: 'internal_error', message: 'Something went wrong on our side.' };
  return {
    code: known.code,
    message: known.message,
    ...(known.details?.errors ? { errors: known.details.errors } : {}),
    ...(known.details?.retryAfterSeconds === undefined ? {} : { retryAfterSeconds: known.details.retryAfterSeconds }),
  };
}

/**
 * Runs one request-style event and answers it through its ack. Every error becomes an error ack:
 * socket-controllers would otherwise swallow it and leave the client waiting. An event sent
 * without an ack callback is dropped unanswered (the protocol requires one).
 */
export async function answer(ack: unknown, log: Logger, event: string, work: () => Promise<object>): Promise<void> {
  if (!isAck(ack)) return;
  let response: AckResponse;
  try {
    response = { ok: true, ...(await work()) };
  } catch (error) {
    response = { ok: false, error: toAckError(error, log, event) };
  }
  ack(response);
}
