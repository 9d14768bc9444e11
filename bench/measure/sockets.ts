import type { Stack } from '../support/stack';
import type { Fixtures } from './fixtures';
import { type Figures, pairFor, type Settings } from './settings';

/** Metrics 7 to 9, over socket.io. */
export async function measureSockets(stack: Stack, s: Settings, f: Fixtures, round: number, out: Figures): Promise<void> {
  const pair = pairFor(round);
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
