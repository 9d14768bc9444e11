import type { Context } from 'koa';
import { Inject, Service } from 'typedi';
import { ForbiddenError } from '../common/errors/app-error';
import { isAllowedOrigin } from '../common/http/own-origin';
import type { AppConfig } from '../config/app-config';
import { APP_CONFIG } from '../config/app-config.token';

/** A browser asks for its refresh token in a cookie with this request header (value `cookie`). */
export const TOKEN_DELIVERY_HEADER = 'X-Token-Delivery';
export const REFRESH_COOKIE = 'refresh_token';
/**
 * The only paths that read the cookie. One cookie per path, rather than Path=/auth, so that no
 * other request (login, the session list, anything added under /auth later) ever carries it.
 */
export const REFRESH_COOKIE_PATHS = ['/auth/refresh', '/auth/logout'] as const;

/**
 * The refresh token of browser clients, in an httpOnly cookie no script can read (see
 * docs/security.md, "Refresh token in a cookie"). Non-browser clients keep the JSON body flow:
 * the cookie is only set, read or cleared for requests that carry `X-Token-Delivery: cookie`.
 */
@Service()
export class RefreshCookie {
  private readonly secure: boolean;
  private readonly maxAgeSeconds: number;

  constructor(@Inject(APP_CONFIG) private readonly config: AppConfig) {
    // Development and the tests run over plain http on localhost; every other environment is
    // expected behind TLS (a Secure cookie over http://localhost still works in browsers).
    this.secure = config.env === 'production';
    this.maxAgeSeconds = config.session.idleTtlSeconds;
  }

  /** Whether this request asked for cookie delivery. */
  wanted(ctx: Context): boolean {
    return ctx.get(TOKEN_DELIVERY_HEADER).toLowerCase() === 'cookie';
  }

  /**
   * The cookie's token, after the CSRF check: a browser request from another site that CORS_ORIGINS
   * does not list is refused even if SameSite let its cookie through (an old browser, a sibling
   * subdomain). A request without Origin is no browser acting for a page, so it may pass.
   */
  read(ctx: Context): string | undefined {
    if (
      ctx.get('Origin') !== '' &&
      !isAllowedOrigin(ctx.req, { corsOrigins: this.config.corsOrigins, trustProxy: this.config.http.trustProxy })
    )
      throw new ForbiddenError('origin_not_allowed', 'This origin may not use the refresh cookie.');
    return ctx.cookies.get(REFRESH_COOKIE) || undefined;
  }

  set(ctx: Context, token: string): void {
    for (const path of REFRESH_COOKIE_PATHS) ctx.append('Set-Cookie', this.serialise(token, path, this.maxAgeSeconds));
  }

  clear(ctx: Context): void {
    for (const path of REFRESH_COOKIE_PATHS) ctx.append('Set-Cookie', this.serialise('', path, 0));
  }

  // Written by hand: Koa's ctx.cookies refuses a Secure cookie on a request it does not see as
  // https, which is every request of a production instance behind a TLS-terminating proxy
  // without TRUST_PROXY. The token is hex, a dot and base64url: all cookie octets, so it needs no encoding.
  private serialise(value: string, path: string, maxAge: number): string {
    const attributes = [`${REFRESH_COOKIE}=${value}`, `Path=${path}`, `Max-Age=${maxAge}`, 'HttpOnly', 'SameSite=Strict'];
    if (this.secure) attributes.push('Secure');
    return attributes.join('; ');
  }
}
