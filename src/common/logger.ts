import pino, { type DestinationStream, type Logger } from 'pino';
import { Token } from 'typedi';

export type { Logger };

/** Typed container key for the root logger. */
export const LOGGER = new Token<Logger>('logger');

/**
 * Everything that might hold a credential is censored before a line is written, wherever it
 * appears, so a careless `log.info({ body })` cannot leak a password or a token.
 */
const REDACTED_PATHS = [
  'password',
  'currentPassword',
  'newPassword',
  'passwordHash',
  'token',
  'accessToken',
  'refreshToken',
  'secret',
  '*.password',
  '*.currentPassword',
  '*.newPassword',
  '*.passwordHash',
  '*.token',
  '*.accessToken',
  '*.refreshToken',
  '*.secret',
  'req.headers.authorization',
  'req.headers.cookie',
  'headers.authorization',
  'headers.cookie',
];

/** `destination` defaults to stdout; tests pass a stream to read what would have been logged. */
export function createLogger(level: string, destination?: DestinationStream): Logger {
  const options = {
    level,
    base: undefined,
    redact: { paths: REDACTED_PATHS, censor: '[redacted]' },
    serializers: { err: pino.stdSerializers.err },
  };
  return destination ? pino(options, destination) : pino(options);
}
