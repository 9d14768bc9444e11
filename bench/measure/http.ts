import type { HttpFigures } from '../load/http-load';
import { appLogin, PASSWORD } from '../support/seed';
import type { Stack } from '../support/stack';
import type { Fixtures } from './fixtures';
import { anyOf, type Figures, type Pair, pairFor, type Settings, type Wanted } from './settings';

/** Metrics 1 to 6, over HTTP. */
export async function measureHttp(stack: Stack, s: Settings, f: Fixtures, round: number, out: Figures, wanted: Wanted): Promise<void> {
  const pair = pairFor(round);
  const cannon = (url: string, headers: Record<string, string>, extra: object = {}) =>
    stack.httpLoad.call<HttpFigures>('cannon', { url, headers, connections: s.httpConnections, durationMs: s.httpMs, ...extra });
  const bearer = { authorization: `Bearer ${f.main.accessToken}` };

  // 1, 2: one authenticated GET against bare Koa and the article's stack, rotated each round.
  type Run = [key: string, run: () => Promise<HttpFigures>];
  const http: Run[] = [
    ['koa', () => cannon(stack.bareKoa.url, {})],
    ['me', () => cannon(`${stack.app.url}/users/me`, bearer)],
    ['article', () => cannon(`${stack.article.url}/custom`, { authorization: f.articleToken })],
  ].filter(([key]) => (key === 'me' ? anyOf(wanted, '1', '2') : wanted(key === 'koa' ? '1' : '2'))) as Run[];
  for (let i = 0; i < http.length; i += 1) {
    const [key, run] = http[(i + round) % http.length]!;
    const figures = await run();
    out[`${key}Rps`] = figures.rps;
    out[`${key}P99`] = figures.p99;
    out[`${key}Non2xx`] = figures.non2xx + figures.errors;
  }

  const loginBodies = Array.from({ length: s.loginConnections }, () => ({ email: f.main.email, password: PASSWORD }));
  if (anyOf(wanted, '3', '5')) await loginsAndRefreshes(stack, s, f, pair, loginBodies, out);
  if (wanted('4')) await steadyDuringFlood(stack, s, pair, bearer, loginBodies, out);
  if (!wanted('6')) return;

  // 6: login timing oracle.
  const timing = await stack.httpLoad.call<{ knownMs: number; unknownMs: number }>('loginTiming', {
    url: `${stack.app.url}/auth/login`,
    knownEmail: f.main.email,
    samples: s.timingSamples,
  });
  Object.assign(out, { loginKnownMs: timing.knownMs, loginUnknownMs: timing.unknownMs });
}

type LoginBody = { email: string; password: string };

/** 3, 5: logins/s against argon2 verifies/s alone; refresh rotations/s. */
async function loginsAndRefreshes(
  stack: Stack,
  s: Settings,
  f: Fixtures,
  pair: Pair,
  loginBodies: LoginBody[],
  out: Figures,
): Promise<void> {
  await pair(
    async () =>
      void (out.loginRps = (
        await stack.httpLoad.call<{ rps: number }>('postLoop', {
          url: `${stack.app.url}/auth/login`,
          durationMs: s.loginMs,
          bodies: loginBodies,
        })
      ).rps),
    async () => void (out.argon2Vps = await stack.argon2.call<number>('verifiesPerSecond', { durationMs: s.loginMs, concurrency: 4 })),
  );
  const chains = await Promise.all(Array.from({ length: s.refreshConnections }, () => appLogin(stack.app.url, f.main.email)));
  const refresh = await stack.httpLoad.call<{ rps: number; non2xx: number }>('postLoop', {
    url: `${stack.app.url}/auth/refresh`,
    durationMs: s.loginMs,
    chain: 'refreshToken',
    bodies: chains.map((c) => ({ refreshToken: c.refreshToken })),
  });
  out.refreshRps = refresh.rps;
  out.refreshNon2xx = refresh.non2xx;
}

/** 4: p99 of a steady stream of authenticated GETs, alone and during a login flood. */
async function steadyDuringFlood(
  stack: Stack,
  s: Settings,
  pair: Pair,
  bearer: Record<string, string>,
  loginBodies: LoginBody[],
  out: Figures,
): Promise<void> {
  const steady = () =>
    stack.httpLoad.call<HttpFigures>('cannon', {
      url: `${stack.app.url}/users/me`,
      headers: bearer,
      connections: 10,
      durationMs: s.floodMs,
      overallRate: s.steadyRps,
    });
  await pair(
    async () => void (out.steadyP99 = (await steady()).p99),
    async () => {
      const flood = stack.httpLoadFlood.call('postLoop', {
        url: `${stack.app.url}/auth/login`,
        durationMs: s.floodMs + 500,
        bodies: loginBodies,
      });
      out.floodP99 = (await steady()).p99;
      await flood;
    },
  );
}
