import { randomUUID } from 'node:crypto';
import type { Middleware } from 'koa';
import '../http/koa-state';
import type { Logger } from '../logger';

// A caller-supplied id is kept for tracing across services, but only if it cannot inject into logs.
const SAFE_REQUEST_ID = /^[A-Za-z0-9._-]{1,128}$/;

/**
 * Gives every request an id (echoed as X-Request-Id), a child logger that carries it, and the
 * access-log writer. The access line itself is written by observability/request-observer.ts,
 * which knows the route.
 */
export function requestContext(logger: Logger): Middleware {
  // The access line has a fixed shape with no field any redact path names, so redaction could
  // never change it; skipping it saves most of a fast request's logging cost (--cpu-prof:
  // @pinojs/redact was 12% of GET /users/me). Every other line keeps the root's redaction.
  const accessLog = logger.child({}, { redact: { paths: [] } });
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
