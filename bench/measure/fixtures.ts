import type { Stack } from '../support/stack';
import { appUsers, articleToken, type Login, spreadTokens } from '../support/seed';
import { anyOf, type Settings, type Wanted } from './settings';

/**
 * Sockets per account. The app caps a user at 20 connections; the connect, chat and heap
 * measurements share one pool of accounts at 10 each, so even if one measurement's disconnects
 * were still being processed when the next one connects, no handshake is refused.
 */
const SOCKETS_PER_USER = 10;

/** Accounts and tokens made once per run, before the rounds. */
export interface Fixtures {
  main: Login & { email: string };
  articleToken: string;
  connectTokens: string[];
  heapTokens: string[];
  chatTokens: string[];
}

export async function prepare(stack: Stack, s: Settings, wanted: Wanted): Promise<Fixtures> {
  const [main] = await appUsers(stack.app.url, 'bench-main', 1);
  const sockets = anyOf(wanted, '7', '8', '9');
  const most = sockets ? Math.max(s.connects, s.heapSockets, s.chatClients) : 0;
  const pool = (await appUsers(stack.app.url, 'bench-socket', Math.ceil(most / SOCKETS_PER_USER))).map((u) => u.accessToken);
  if (anyOf(wanted, '1', '2')) await warmUp(stack, s, main!.accessToken, wanted);
  return {
    main: main!,
    articleToken: wanted('2') ? await articleToken(stack.article.url) : '',
    connectTokens: sockets ? spreadTokens(pool, s.connects, SOCKETS_PER_USER) : [],
    heapTokens: sockets ? spreadTokens(pool, s.heapSockets, SOCKETS_PER_USER) : [],
    chatTokens: sockets ? spreadTokens(pool, s.chatClients, SOCKETS_PER_USER) : [],
  };
}

/**
 * Each GET target's server once under load before the rounds, so the first round does not
 * measure V8 compiling the app's hot path (with --quick's 1-second windows, that was most of it).
 */
async function warmUp(stack: Stack, s: Settings, accessToken: string, wanted: Wanted): Promise<void> {
  const cannon = (url: string, headers: Record<string, string> = {}) =>
    stack.httpLoad.call('cannon', { url, headers, connections: s.httpConnections, durationMs: s.warmUpMs });
  await cannon(`${stack.app.url}/users/me`, { authorization: `Bearer ${accessToken}` });
  if (wanted('1')) await cannon(stack.bareKoa.url);
}
