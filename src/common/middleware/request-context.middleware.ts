import { randomUUID } from 'node:crypto';
import type { Middleware } from 'koa';
import '../http/koa-state';
import { accessLogger, type Logger } from '../logger';

// A caller-supplied id is kept for tracing across services, but only if it cannot inject into logs.
const SAFE_REQUEST_ID = /^[A-Za-z0-9._-]{1,128}$/;

/**
 * Gives every request an id (echoed as X-Request-Id), a child logger that carries it, and the
 * access-log writer. The access line itself is written by observability/request-observer.ts,
 * which knows the route.
 */
export function requestContext(logger: Logger): Middleware {
  // Every other line keeps the root's redaction (see accessLogger).
  const accessLog = accessLogger(logger);
  return async (ctx, next) => {
    const incoming = ctx.get('X-Request-Id');
    const requestId = SAFE_REQUEST_ID.test(incoming) ? incoming : randomUUID();
    ctx.state.requestId = requestId;
    ctx.state.accessLog = accessLog;
    // Made on first use: a redacting child costs microseconds, and most requests log nothing else.
    let log: Logger | undefined;
    Object.defineProperty(ctx.state, 'log', { enumerable: true, get: () => (log ??= logger.child({ requestId })) });
    ctx.set('X-Request-Id', requestId);
    await next();
  };
}
