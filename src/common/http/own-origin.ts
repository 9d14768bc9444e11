import type { IncomingMessage } from 'node:http';
import type { TLSSocket } from 'node:tls';

/** What decides whether a browser origin may talk to this service. */
export interface OriginPolicy {
  /** CORS_ORIGINS: other sites allowed to call the API and open sockets. */
  readonly corsOrigins: readonly string[];
  /** TRUST_PROXY: believe X-Forwarded-Proto and X-Forwarded-Host for "this site". */
  readonly trustProxy: boolean;
}

/**
 * The origin this request was addressed to, as the browser sees it: the scheme and the Host
 * header (X-Forwarded-Proto / X-Forwarded-Host when TRUST_PROXY is on, first entry as Koa reads
 * them). Undefined when the request names no usable host.
 */
export function ownOriginOf(request: IncomingMessage, trustProxy: boolean): string | undefined {
  const forwarded = (name: string): string | undefined =>
    trustProxy ? firstEntry(request.headers[name])?.split(',')[0]?.trim() || undefined : undefined;
  const scheme = forwarded('x-forwarded-proto') ?? ((request.socket as TLSSocket).encrypted ? 'https' : 'http');
  const host = forwarded('x-forwarded-host') ?? request.headers.host;
  if (!host || !/^https?$/i.test(scheme)) return undefined;
  return normaliseOrigin(`${scheme}://${host}`);
}

/** Whether the browser page making this request was served by this very site (scheme and host). */
export function isOwnOrigin(request: IncomingMessage, trustProxy: boolean): boolean {
  const origin = firstEntry(request.headers.origin);
  if (origin === undefined) return false;
  const own = ownOriginOf(request, trustProxy);
  return own !== undefined && normaliseOrigin(origin) === own;
}

/**
 * THE browser-origin rule, shared by CORS, the socket handshake and the refresh cookie's CSRF
 * check: the page's own origin is always allowed (the client served at / needs no
 * configuration), other sites only when CORS_ORIGINS lists them. `Origin: null` never is.
 */
export function isAllowedOrigin(request: IncomingMessage, policy: OriginPolicy): boolean {
  const origin = firstEntry(request.headers.origin);
  if (origin === undefined) return false;
  return policy.corsOrigins.includes(origin) || isOwnOrigin(request, policy.trustProxy);
}

function firstEntry(value: string | string[] | undefined): string | undefined {
  return Array.isArray(value) ? value[0] : value;
}

/** URL's serialisation: lower-case scheme and host, default port dropped; undefined if unparsable. */
function normaliseOrigin(value: string): string | undefined {
  try {
    const url = new URL(value);
    return url.origin === 'null' ? undefined : url.origin;
  } catch {
    return undefined;
  }
}
