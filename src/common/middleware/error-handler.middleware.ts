import type { Middleware } from 'koa';
import { AppError, NotFoundError } from '../errors/app-error';
import { toProblem } from '../errors/to-problem';
import '../http/koa-state';

/**
 * The single place where errors become responses: every failure, thrown anywhere below, leaves
 * as application/problem+json. Unexpected errors are logged with their stack and the request id;
 * the client gets a generic 500 that reveals nothing.
 */
export function errorHandler(): Middleware {
  return async (ctx, next) => {
    try {
      await next();
      if (ctx.status === 404 && ctx.body == null) throw new NotFoundError('route_not_found', 'No route matches this request.');
      // The router's allowedMethods() answers a known path with another method by a bare 405 (and Allow).
      if (ctx.status === 405 && ctx.body == null) throw new AppError(405, 'method_not_allowed', 'This method is not allowed on this path.');
      // ...and a method it does not implement at all (TRACE, PROPFIND...) by a bare 501.
      if (ctx.status === 501 && ctx.body == null) throw new AppError(501, 'not_implemented', 'This method is not implemented.');
      // Any other bodyless error status set below would leave as Koa's text/plain status message.
      if (ctx.status >= 400 && ctx.body == null) throw new AppError(ctx.status, 'request_refused', 'The request was refused.');
    } catch (error) {
      const { problem, headers, expected } = toProblem(error);
      const { log } = ctx.state;
      if (expected) log.debug({ code: problem.code, status: problem.status }, 'request refused');
      // An outage (db_unavailable) is logged on every request it refuses, but as what it is, not as a bug.
      // A deliberate 503 (readiness while draining) needs no stack; a driver's error keeps its own.
      else if (problem.status === 503)
        log.warn({ code: problem.code, ...(error instanceof AppError ? {} : { err: error }) }, 'request refused: unavailable');
      else log.error({ err: error }, 'unhandled error');
      ctx.status = problem.status;
      ctx.set(headers);
      ctx.type = 'application/problem+json';
      ctx.body = problem;
    }
  };
}
