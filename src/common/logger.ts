import pino, { type DestinationStream, type Logger } from 'pino';
import { Token } from 'typedi';

export type { Logger };

/** Typed container key for the root logger. */
export const LOGGER = new Token<Logger>('logger');

const SECRET_KEYS = ['password', 'currentPassword', 'newPassword', 'passwordHash', 'token', 'accessToken', 'refreshToken', 'secret'];

/**
 * Everything that might hold a credential is censored before a line is written, at the top level
 * and up to three levels down (pino's wildcards match one level each), so a careless
 * `log.info({ req: { body } })` cannot leak a password or a token. Node lower-cases header names.
 */
const REDACTED_PATHS = [
  ...SECRET_KEYS.flatMap((key) => [key, `*.${key}`, `*.*.${key}`, `*.*.*.${key}`]),
  ...['authorization', 'cookie'].flatMap((header) => [`headers.${header}`, `*.headers.${header}`, `*.*.headers.${header}`]),
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
