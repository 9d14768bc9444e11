import type { Context, Middleware } from 'koa';
import '../auth/authorization/koa-authorization';
import '../common/http/koa-state';
import type { AppMetrics } from '../metrics/app-metrics';

/** The label of requests no route matched (404s, static files): raw paths would explode the series. */
export const UNMATCHED_ROUTE = 'unmatched';

/**
 * One structured line per request (pino, with the request id of requestContext) and the request
 * duration histogram. Mounted outside the error middleware, so the status is the one sent. The
 * route is routing-controllers' pattern (/rooms/:room/messages), never the raw URL with its ids
 * and query string.
 */
export function observeRequests(metrics: AppMetrics): Middleware {
  return async (ctx, next) => {
    const started = process.hrtime.bigint();
    try {
      await next();
    } finally {
      const seconds = Number(process.hrtime.bigint() - started) / 1e9;
      const route = routeOf(ctx);
      metrics.httpRequest(ctx.method, route, ctx.status, seconds);
      const userId = ctx.state.principal?.user.id;
      ctx.state.accessLog.info(
        {
          requestId: ctx.state.requestId,
          method: ctx.method,
          route,
          status: ctx.status,
          durationMs: Math.round(seconds * 1e6) / 1e3,
          ...(userId ? { userId } : {}),
        },
        'request',
      );
    }
  };
}

/** @koa/router (under routing-controllers) records the matched layer's path on the context. */
function routeOf(ctx: Context): string {
  const matched = (ctx as Context & { _matchedRoute?: unknown })._matchedRoute;
  return typeof matched === 'string' ? matched : UNMATCHED_ROUTE;
}
