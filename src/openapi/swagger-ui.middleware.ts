import { dirname } from 'node:path';
import { send } from '@koa/send';
import type { Middleware } from 'koa';

/** swagger-ui-dist's files, served from node_modules: no CDN, the same version as package-lock. */
const SWAGGER_UI_DIR = dirname(require.resolve('swagger-ui-dist/package.json'));
const SWAGGER_UI_FILES = new Set(['swagger-ui.css', 'swagger-ui-bundle.js', 'favicon-32x32.png', 'favicon-16x16.png']);

/**
 * The page's policy: its own scripts and styles only. swagger-ui-dist's index.html starts the UI
 * with an inline script, which this policy refuses; the page loads INIT_SCRIPT from a file instead.
 * 'self' in connect-src lets "Try it out" call the API and load /openapi.json.
 */
export const API_DOCS_CSP = [
  "default-src 'none'",
  "script-src 'self'",
  "style-src 'self'",
  "img-src 'self' data:",
  "connect-src 'self'",
  "base-uri 'none'",
  "frame-ancestors 'none'",
  "form-action 'none'",
].join('; ');

const PAGE = `<!doctype html>
<html lang="en">
  <head>
    <meta charset="utf-8" />
    <title>koa-jwt-chat API</title>
    <link rel="stylesheet" href="/docs/swagger-ui.css" />
    <link rel="icon" type="image/png" href="/docs/favicon-32x32.png" sizes="32x32" />
  </head>
  <body>
    <main id="swagger-ui"></main>
    <script src="/docs/swagger-ui-bundle.js"></script>
    <script src="/docs/init.js"></script>
  </body>
</html>
`;

// BaseLayout without the standalone preset: no top bar that would load another document by URL.
// validatorUrl null: the badge would send the document to validator.swagger.io.
const INIT_SCRIPT = `window.addEventListener('load', function () {
  window.ui = SwaggerUIBundle({
    url: '/openapi.json',
    dom_id: '#swagger-ui',
    deepLinking: true,
    validatorUrl: null,
    presets: [SwaggerUIBundle.presets.apis],
    layout: 'BaseLayout',
  });
});
`;

/**
 * Swagger UI at GET /docs, from the app itself. Its assets change only with the swagger-ui-dist
 * version, so browsers may keep them for a day; the page and init.js are revalidated.
 */
export function serveApiDocs(): Middleware {
  return async (ctx, next) => {
    if ((ctx.method !== 'GET' && ctx.method !== 'HEAD') || !(ctx.path === '/docs' || ctx.path.startsWith('/docs/'))) return next();
    const file = ctx.path.slice('/docs/'.length);
    let cacheControl = 'no-cache';
    if (ctx.path === '/docs' || file === '') {
      ctx.type = 'text/html; charset=utf-8';
      ctx.body = PAGE;
    } else if (file === 'init.js') {
      ctx.type = 'text/javascript; charset=utf-8';
      ctx.body = INIT_SCRIPT;
    } else if (SWAGGER_UI_FILES.has(file)) {
      await send(ctx, file, { root: SWAGGER_UI_DIR });
      cacheControl = 'public, max-age=86400';
    } else return next();
    ctx.set('Cache-Control', cacheControl);
    ctx.set('Content-Security-Policy', API_DOCS_CSP);
  };
}
