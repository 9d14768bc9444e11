import type { HttpFigures } from './load/http-load';
import type { Stack } from './support/stack';
import { appLogin, appUsers, articleToken, type Login, PASSWORD, spreadTokens } from './support/seed';

/** How long and how hard each measurement runs; `--quick` and the full run differ only here. */
export interface Settings {
  rounds: number;
  httpMs: number;
  httpConnections: number;
  loginMs: number;
  loginConnections: number;
  refreshConnections: number;
  floodMs: number;
  /** The steady rate of authenticated GETs whose p99 is compared with and without a login flood. */
  steadyRps: number;
  timingSamples: number;
  connects: number;
  heapSockets: number;
  chatClients: number;
  chatMs: number;
}

export const QUICK: Settings = {
  rounds: 3,
  httpMs: 1000,
  httpConnections: 50,
  loginMs: 1000,
  loginConnections: 8,
  refreshConnections: 16,
  floodMs: 1000,
  steadyRps: 100,
  timingSamples: 8,
  connects: 200,
  heapSockets: 200,
  chatClients: 200,
  chatMs: 1000,
};
export const FULL: Settings = {
  rounds: 3,
  httpMs: 6000,
  httpConnections: 50,
  loginMs: 5000,
  loginConnections: 8,
  refreshConnections: 16,
  floodMs: 5000,
  steadyRps: 100,
  timingSamples: 40,
  connects: 500,
  heapSockets: 500,
  chatClients: 200,
  chatMs: 5000,
};

/**
 * Sockets per account. The app caps a user at 20 connections; the connect, chat and heap
 * measurements share one pool of accounts at 10 each, so even if one measurement's disconnects
 * were still being processed when the next one connects, no handshake is refused.
 */
const SOCKETS_PER_USER = 10;

export type Figures = Record<string, number>;

/** Accounts and tokens made once per run, before the rounds. */
export interface Fixtures {
  main: Login & { email: string };
  articleToken: string;
  connectTokens: string[];
  heapTokens: string[];
  chatTokens: string[];
}

export async function prepare(stack: Stack, s: Settings): Promise<Fixtures> {
  const [main] = await appUsers(stack.app.url, 'bench-main', 1);
  const most = Math.max(s.connects, s.heapSockets, s.chatClients);
  const pool = (await appUsers(stack.app.url, 'bench-socket', Math.ceil(most / SOCKETS_PER_USER))).map((u) => u.accessToken);
  return {
    main: main!,
    articleToken: await articleToken(stack.article.url),
    connectTokens: spreadTokens(pool, s.connects, SOCKETS_PER_USER),
    heapTokens: spreadTokens(pool, s.heapSockets, SOCKETS_PER_USER),
    chatTokens: spreadTokens(pool, s.chatClients, SOCKETS_PER_USER),
  };
}

/** One round of every measurement. Pairs swap order every other round so drift hits both sides. */
export async function runRound(stack: Stack, s: Settings, f: Fixtures, round: number): Promise<Figures> {
  const out: Figures = {};
  const pair = async (a: () => Promise<void>, b: () => Promise<void>) => {
    for (const step of round % 2 ? [b, a] : [a, b]) await step();
  };
  const cannon = (url: string, headers: Record<string, string>, extra: object = {}) =>
    stack.httpLoad.call<HttpFigures>('cannon', { url, headers, connections: s.httpConnections, durationMs: s.httpMs, ...extra });
  const bearer = { authorization: `Bearer ${f.main.accessToken}` };

  // 1, 2: one authenticated GET against bare Koa and the article's stack, rotated each round.
  const http: Array<[string, () => Promise<HttpFigures>]> = [
    ['koa', () => cannon(stack.bareKoa.url, {})],
    ['me', () => cannon(`${stack.app.url}/users/me`, bearer)],
    ['article', () => cannon(`${stack.article.url}/custom`, { authorization: f.articleToken })],
  ];
  for (let i = 0; i < http.length; i += 1) {
    const [key, run] = http[(i + round) % http.length]!;
    const figures = await run();
    out[`${key}Rps`] = figures.rps;
    out[`${key}P99`] = figures.p99;
    out[`${key}Non2xx`] = figures.non2xx + figures.errors;
  }

  // 3, 5: logins/s against argon2 verifies/s alone; refresh rotations/s.
  const loginBodies = Array.from({ length: s.loginConnections }, () => ({ email: f.main.email, password: PASSWORD }));
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

  // 4: p99 of a steady stream of authenticated GETs, alone and during a login flood.
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

  // 6: login timing oracle.
  const timing = await stack.httpLoad.call<{ knownMs: number; unknownMs: number }>('loginTiming', {
    url: `${stack.app.url}/auth/login`,
    knownEmail: f.main.email,
    samples: s.timingSamples,
  });
  Object.assign(out, { loginKnownMs: timing.knownMs, loginUnknownMs: timing.unknownMs });

  await measureSockets(stack, s, f, round, out, pair);
  return out;
}

async function measureSockets(
  stack: Stack,
  s: Settings,
  f: Fixtures,
  round: number,
  out: Figures,
  pair: (a: () => Promise<void>, b: () => Promise<void>) => Promise<void>,
) {
  const nulls = (n: number) => Array.from({ length: n }, () => null);
  type Chat = { deliveredPerSec: number; p50: number; p99: number };
  const chat = (url: string, tokens: Array<string | null>) =>
    stack.socketLoad.call<Chat>('broadcast', {
      url,
      tokens,
      room: `bench-r${round}`,
      senders: 4,
      inFlightPerSender: 4,
      durationMs: s.chatMs,
    });
  // 7: messages delivered per second to every client in one room.
  await pair(
    async () => void ({ deliveredPerSec: out.chatDps, p50: out.chatP50, p99: out.chatP99 } = await chat(stack.app.url, f.chatTokens)),
    async () =>
      void ({
        deliveredPerSec: out.bareChatDps,
        p50: out.bareChatP50,
        p99: out.bareChatP99,
      } = await chat(stack.bareSocketIo.url, nulls(s.chatClients))),
  );
  // 8: connects per second.
  const connect = async (url: string, tokens: Array<string | null>) =>
    (await stack.socketLoad.call<{ cps: number }>('connectRate', { url, tokens, concurrency: 20 })).cps;
  await pair(
    async () => void (out.appCps = await connect(stack.app.url, f.connectTokens)),
    async () => void (out.bareCps = await connect(stack.bareSocketIo.url, nulls(s.connects))),
  );
  // 9: heap per idle socket, read in the server process after a full GC.
  const heapPerSocket = async (server: Stack['app'] | Stack['bareSocketIo'], tokens: Array<string | null>) => {
    const before = await server.call<{ heapUsed: number }>('heap');
    await stack.socketLoad.call('hold', { url: server.url, tokens });
    const after = await server.call<{ heapUsed: number }>('heap');
    await stack.socketLoad.call('release');
    return (after.heapUsed - before.heapUsed) / tokens.length;
  };
  await pair(
    async () => void (out.appHeapPerSocket = await heapPerSocket(stack.app, f.heapTokens)),
    async () => void (out.bareHeapPerSocket = await heapPerSocket(stack.bareSocketIo, nulls(s.heapSockets))),
  );
}
