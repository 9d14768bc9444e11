import { join } from 'node:path';
import { send } from '@koa/send';
import type { Middleware } from 'koa';

/**
 * Where `npm run build` puts the browser client (client/build.mjs). Two levels up from this
 * file is the project root both from src/web (npm run dev, tests) and from dist/web (production).
 */
export const WEB_CLIENT_DIR = join(__dirname, '..', '..', 'dist', 'public');

/**
 * The page's policy: its own scripts, styles and API only. 'self' in connect-src covers the
 * same-origin ws:/wss: socket.io upgrade (CSP Level 3), which the browser tests check.
 */
export const WEB_CLIENT_CSP = [
  "default-src 'self'",
  "script-src 'self'",
  "style-src 'self'",
  "img-src 'self' data:",
  "connect-src 'self'",
  "base-uri 'none'",
  "frame-ancestors 'none'",
  "form-action 'self'",
  "object-src 'none'",
].join('; ');

/** Content-hashed build outputs (app-3FJ2K4QX.js, its .css, their source maps): never change. */
const HASHED_ASSET = /^\/assets\/[A-Za-z0-9]+-[A-Z0-9]{8}\.(?:js|css)(?:\.map)?$/;
const PAGE_PATHS = new Set(['/', '/index.html']);

/**
 * Serves the browser client: index.html at `/` (revalidated every time, with the page's CSP) and
 * the hashed assets under /assets/ (cached for a year). Everything else, and everything when the
 * client was not built, falls through to the API, whose answers keep `no-store`.
 */
export function serveWebClient(root: string = WEB_CLIENT_DIR): Middleware {
  return async (ctx, next) => {
    if (ctx.method !== 'GET' && ctx.method !== 'HEAD') return next();
    const page = PAGE_PATHS.has(ctx.path);
    if (!page && !HASHED_ASSET.test(ctx.path)) return next();

    const cacheControl = ctx.response.get('Cache-Control');
    ctx.set('Cache-Control', page ? 'no-cache' : 'public, max-age=31536000, immutable');
    ctx.vary('Accept-Encoding');
    try {
      // Serves a precompressed .br/.gz sibling when the client accepts it.
      await send(ctx, page ? '/index.html' : ctx.path, { root, index: false });
    } catch (error) {
      if ((error as { status?: number }).status !== 404) throw error;
      ctx.set('Cache-Control', cacheControl);
      return next();
    }
    if (page) ctx.set('Content-Security-Policy', WEB_CLIENT_CSP);
    if (ctx.fresh) {
      ctx.status = 304;
      ctx.body = null;
    }
  };
}
