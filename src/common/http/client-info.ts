import { isIP } from 'node:net';
import type { Context } from 'koa';
import { createParamDecorator } from 'routing-controllers';
import './koa-state';

/** What services may know about the caller's connection; never Koa's ctx itself. */
export interface ClientInfo {
  /** ctx.ip: the peer address, or X-Forwarded-For's client when TRUST_PROXY is on. */
  ip: string;
  userAgent?: string;
  /** The request id of the log lines, so security events can be traced to their request. */
  requestId: string;
}

const MAX_USER_AGENT_LENGTH = 256;

export function clientInfoOf(ctx: Context): ClientInfo {
  const userAgent = ctx.get('User-Agent').slice(0, MAX_USER_AGENT_LENGTH) || undefined;
  // A forwarded value that is not an address (garbage, or an attacker's 8 kB string) must not
  // become a rate-limit key or a stored session field: fall back to the peer address.
  const ip = isIP(ctx.ip) ? ctx.ip : (ctx.req.socket.remoteAddress ?? 'unknown');
  return { ip, userAgent, requestId: ctx.state.requestId ?? '' };
}

/** Controller parameter decorator: `@Client() client: ClientInfo`. */
export function Client(): (object: object, method: string, index: number) => void {
  return createParamDecorator({ value: (action) => clientInfoOf(action.context as Context) });
}
