import type { Context } from 'koa';
import { RefreshCookie } from '../../../src/auth/refresh-cookie';
import { loadConfig } from '../../../src/config/load-config';

/** The Set-Cookie lines a RefreshCookie writes, through the one ctx method it uses to write. */
function written(env: 'test' | 'production', act: (cookie: RefreshCookie, ctx: Context) => void): string[] {
  const lines: string[] = [];
  const ctx = { append: (name: string, value: string) => name === 'Set-Cookie' && lines.push(value) } as unknown as Context;
  act(new RefreshCookie({ ...loadConfig({ NODE_ENV: 'test', REFRESH_IDLE_TTL_SECONDS: '3600' }), env }), ctx);
  return lines;
}

describe('RefreshCookie', () => {
  it('marks the cookie Secure in production, for both of its paths, with the idle lifetime', () => {
    expect(written('production', (cookie, ctx) => cookie.set(ctx, 'abc'))).toEqual([
      'refresh_token=abc; Path=/auth/refresh; Max-Age=3600; HttpOnly; SameSite=Strict; Secure',
      'refresh_token=abc; Path=/auth/logout; Max-Age=3600; HttpOnly; SameSite=Strict; Secure',
    ]);
  });

  it('leaves Secure out outside production (plain http on localhost) and clears with Max-Age=0', () => {
    expect(written('test', (cookie, ctx) => cookie.clear(ctx))).toEqual([
      'refresh_token=; Path=/auth/refresh; Max-Age=0; HttpOnly; SameSite=Strict',
      'refresh_token=; Path=/auth/logout; Max-Age=0; HttpOnly; SameSite=Strict',
    ]);
  });
});
