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
  // Asynchronous on purpose: a line is queued and written by libuv while the next request runs,
  // and lines logged meanwhile go out in the same write (one synchronous write per access line
  // would block the event loop on stdout). pino flushes what is queued synchronously when the
  // process exits (process.exit, an uncaught exception); gracefulShutdown flushes before that.
  // Only a kill -9 or a crash of node itself loses the last lines, which no logger can save.
  const stdout = pino.destination({ sync: false });
  asyncDestinations.add(stdout);
  return pino(options, stdout);
}

type AsyncDestination = ReturnType<typeof pino.destination>;
const asyncDestinations = new WeakSet<object>();

/**
 * Writes out every line the logger still holds, e.g. before the process exits; settles (never
 * rejects) within `timeoutMs` even if stdout is stuck, so a shutdown is never held by its log.
 */
export function flushLogs(logger: Logger, timeoutMs = 1_000): Promise<void> {
  return new Promise((resolve) => {
    const timer = setTimeout(resolve, timeoutMs);
    timer.unref();
    const done = () => {
      clearTimeout(timer);
      resolve();
    };
    const stream = (logger as unknown as Record<symbol, unknown>)[pino.symbols.streamSym];
    try {
      if (typeof stream === 'object' && stream !== null && asyncDestinations.has(stream)) {
        // sonic-boom's flush(cb) answers at once when it buffers nothing (minLength 0), even with
        // writes in flight. An empty write is queued behind them, and 'drain' follows the last.
        const destination = stream as AsyncDestination;
        destination.once('drain', done);
        destination.write('');
      } else logger.flush(done); // a test's stream, or pino-pretty's worker thread
    } catch {
      done(); // a destroyed stream (EPIPE): nothing more can be written
    }
  });
}

/**
 * The logger for the one access line per request (observability/request-observer.ts). Its fields
 * are fixed (requestId, method, route, status, durationMs, userId) and no credential key matches
 * any of them, so censoring could never change the line: it skips both pino's redaction and the
 * redacting formatter, which were most of a fast request's logging cost (--cpu-prof).
 */
export function accessLogger(logger: Logger): Logger {
  return logger.child({}, { redact: { paths: [] }, formatters: { log: (object) => object } });
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
