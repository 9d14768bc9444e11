import type { IncomingMessage, OutgoingHttpHeader, ServerResponse } from 'node:http';
import type { Middleware } from 'koa';
import helmet from 'koa-helmet';

/** A header one of the boot-time middlewares sets on every response, whatever the request. */
type StaticHeader = [name: string, value: OutgoingHttpHeader];

/**
 * helmet's default headers plus `Cache-Control: no-store`, set in one step per response.
 *
 * Every helmet default is a constant (no directive here depends on the request), so helmet runs
 * once, at boot, against a recording response, and each request gets the recorded values: the
 * same names and values as running helmet per request, without its twelve middlewares (4% of
 * GET /users/me under --cpu-prof). Later middlewares may still override one (the web client's CSP).
 */
export function securityHeaders(): Middleware {
  const { set, removed } = recordHelmetDefaults();
  // Answers carry tokens and per-user data: no browser or proxy cache may keep them (RFC 6749 5.1).
  set.push(['Cache-Control', 'no-store']);
  return (ctx, next) => {
    const { res } = ctx;
    for (const [name, value] of set) res.setHeader(name, value);
    for (const name of removed) res.removeHeader(name);
    return next();
  };
}

function recordHelmetDefaults(): { set: StaticHeader[]; removed: string[] } {
  const set: StaticHeader[] = [];
  const removed: string[] = [];
  const recorder = {
    setHeader: (name: string, value: OutgoingHttpHeader) => void set.push([name, value]),
    removeHeader: (name: string) => void removed.push(name),
  } as unknown as ServerResponse;
  const request = { headers: {}, method: 'GET', url: '/' } as IncomingMessage;
  // helmet's middlewares are synchronous: the headers are recorded when this call returns.
  void helmet()({ req: request, res: recorder } as Parameters<Middleware>[0], async () => undefined);
  if (set.length === 0) throw new Error('helmet set no header synchronously: security headers cannot be computed at boot');
  return { set, removed };
}
