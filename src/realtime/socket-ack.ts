import type { FieldError } from '../common/errors/app-error';
import { toProblem } from '../common/errors/to-problem';
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

/**
 * Maps any thrown value to an ack error through the same mapping as HTTP problem documents
 * (toProblem): unexpected errors are logged with their stack and answered generically.
 */
export function toAckError(error: unknown, log: Logger, event: string): AckError {
  const { problem, headers, expected } = toProblem(error);
  if (!expected) log.error({ err: error, event }, 'socket handler failed');
  const retryAfter = headers['Retry-After'];
  return {
    code: problem.code,
    message: problem.detail,
    ...(problem.errors ? { errors: problem.errors } : {}),
    ...(retryAfter === undefined ? {} : { retryAfterSeconds: Number(retryAfter) }),
  };
}

export interface AnswerOptions {
  /**
   * For fire-and-forget events (typing): the work runs without an ack too, and its errors are
   * then dropped (unexpected ones are still logged).
   */
  optionalAck?: boolean;
}

/**
 * Runs one request-style event and answers it through its ack. Every error becomes an error ack:
 * socket-controllers would otherwise swallow it and leave the client waiting. Unless the ack is
 * optional, an event sent without an ack callback is dropped unanswered (the protocol requires one).
 */
export async function answer(
  ack: unknown,
  log: Logger,
  event: string,
  work: () => Promise<object>,
  { optionalAck = false }: AnswerOptions = {},
): Promise<void> {
  if (!isAck(ack) && !optionalAck) return;
  let response: AckResponse;
  try {
    response = { ok: true, ...(await work()) };
  } catch (error) {
    response = { ok: false, error: toAckError(error, log, event) };
  }
  if (isAck(ack)) ack(response);
}
