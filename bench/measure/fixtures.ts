import type { Stack } from '../support/stack';
import { appUsers, articleToken, type Login, spreadTokens } from '../support/seed';
import type { Settings } from './settings';

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
