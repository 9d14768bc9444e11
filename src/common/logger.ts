import pino, { type DestinationStream, type Logger, type LoggerOptions } from 'pino';
import { Token } from 'typedi';

export type { Logger };

/** Typed container key for the root logger. */
export const LOGGER = new Token<Logger>('logger');

export const REDACTED = '[redacted]';

/**
 * Keys whose values are credentials, matched case-insensitively at any depth: passwords (and
 * their hashes), tokens of every kind (accessToken, refreshToken, METRICS_TOKEN...), secrets,
 * and the Authorization, Cookie and Set-Cookie headers. tokenVersion and tokenExpiresAt are not
 * credentials and stay readable.
 */
const SECRET_KEY = /password|^(.*token|.*secret|authorization|cookie|set-cookie|x-api-key)$/i;

/** How deep a logged object is searched; deeper than any real line, shallow enough to stop a runaway. */
const MAX_DEPTH = 16;

/**
 * A copy of `value` with every credential censored, at any depth (pino's own redact paths match a
 * fixed depth only). Errors and other class instances are left to their serializers.
 */
export function redactSecrets(value: unknown, depth = 0, seen = new WeakSet<object>()): unknown {
  if (value === null || typeof value !== 'object' || depth > MAX_DEPTH) return value;
  if (seen.has(value)) return '[circular]';
  seen.add(value);
  if (Array.isArray(value)) return value.map((item) => redactSecrets(item, depth + 1, seen));
  const prototype = Object.getPrototypeOf(value) as unknown;
  if (prototype !== Object.prototype && prototype !== null) return value;
  return Object.fromEntries(
    Object.entries(value).map(([key, item]) => [key, SECRET_KEY.test(key) ? REDACTED : redactSecrets(item, depth + 1, seen)]),
  );
}

export interface LoggerExtras {
  /** Human-readable lines through pino-pretty (development only: it is a devDependency). */
  pretty?: boolean;
}

/**
 * The root logger: JSON lines, credentials censored in every line (the line's fields and a child
 * logger's bindings, at any depth). `destination` defaults to stdout; tests pass a stream to read what would
 * have been logged.
 */
export function createLogger(level: string, destination?: DestinationStream, { pretty = false }: LoggerExtras = {}): Logger {
  const options: LoggerOptions = {
    level,
    base: undefined,
    formatters: { log: (object) => redactSecrets(object) as Record<string, unknown> },
    onChild: redactChildBindings,
    serializers: { err: pino.stdSerializers.err },
  };
  if (destination) return pino(options, destination);
  // By name, in pino's worker thread: production code never imports the devDependency, and an
  // install without it (npm ci --omit=dev) falls back to JSON instead of failing.
  if (pretty && prettyAvailable())
    return pino({ ...options, transport: { target: 'pino-pretty', options: { translateTime: 'SYS:HH:MM:ss.l' } } });
  return pino(options);
}

/** A quick look for a key that might hold a credential, before paying for a parse. */
const SECRET_KEY_IN_JSON = /"[^"]*(password|token|secret|authorization|cookie|api-key)[^"]*":/i;

/**
 * pino writes a child logger's bindings once, as a JSON fragment, without the `log` formatter:
 * the fragment is censored here too, so `logger.child({ ... })` cannot carry a credential either.
 */
function redactChildBindings(child: Logger): void {
  const key = pino.symbols.chindingsSym as unknown as keyof Logger;
  const fragment = child[key] as unknown;
  if (typeof fragment !== 'string' || !SECRET_KEY_IN_JSON.test(fragment)) return;
  const censored = JSON.stringify(redactSecrets(JSON.parse(`{${fragment.slice(1)}}`)));
  (child as unknown as Record<typeof key, string>)[key] = `,${censored.slice(1, -1)}`;
}

function prettyAvailable(): boolean {
  try {
    require.resolve('pino-pretty');
    return true;
  } catch {
    return false;
  }
}
