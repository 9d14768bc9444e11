import { io, type Socket } from 'socket.io-client';
import { serveJobs } from '../support/rpc';
import { elapsedMs, percentile } from '../support/stats';

/**
 * socket.io load generator, its own process. The same jobs drive the app and bare socket.io:
 * `token: null` connects without auth. The app greets an accepted socket with `authenticated`;
 * bare socket.io is ready at `connect`.
 */
interface Target {
  url: string;
  /** One access token per connection (null: no auth). */
  tokens: Array<string | null>;
}

const CONNECT_TIMEOUT_MS = 15_000;

function open(url: string, token: string | null): Promise<Socket> {
  const socket = io(url, { transports: ['websocket'], reconnection: false, forceNew: true, auth: token ? { token } : {} });
  const readyEvent = token ? 'authenticated' : 'connect';
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => fail(new Error('connect timed out')), CONNECT_TIMEOUT_MS);
    const fail = (error: Error) => {
      clearTimeout(timer);
      socket.close();
      reject(error);
    };
    socket.once('connect_error', (error) => fail(new Error(`connect_error ${error.message}`)));
    socket.once(readyEvent, () => {
      clearTimeout(timer);
      resolve(socket);
    });
  });
}

/** Opens every connection, at most `concurrency` handshakes at a time. */
async function openAll(target: Target, concurrency: number): Promise<Socket[]> {
  const sockets: Socket[] = [];
  let next = 0;
  const lane = async () => {
    while (next < target.tokens.length) sockets.push(await open(target.url, target.tokens[next++]!));
  };
  try {
    await Promise.all(Array.from({ length: Math.min(concurrency, target.tokens.length) }, lane));
  } catch (error) {
    closeAll(sockets);
    throw error;
  }
  return sockets;
}

function closeAll(sockets: Socket[]): void {
  for (const socket of sockets) socket.close();
}

async function connectRate(job: Target & { concurrency: number }): Promise<{ cps: number }> {
  const started = process.hrtime.bigint();
  const sockets = await openAll(job, job.concurrency);
  const seconds = elapsedMs(started) / 1000;
  closeAll(sockets);
  return { cps: sockets.length / seconds };
}

let held: Socket[] = [];
async function hold(job: Target): Promise<{ opened: number }> {
  held = await openAll(job, 20);
  return { opened: held.length };
}
async function release(): Promise<void> {
  closeAll(held);
  held = [];
}

interface BroadcastJob extends Target {
  room: string;
  senders: number;
  inFlightPerSender: number;
  durationMs: number;
}

/** Everyone joins one room; a few senders send with acks for `durationMs`; every receipt is timed. */
async function broadcast(job: BroadcastJob) {
  const sockets = await openAll(job, 20);
  try {
    for (const socket of sockets) {
      const ack = await socket.timeout(CONNECT_TIMEOUT_MS).emitWithAck('room:join', { room: job.room });
      if (!ack?.ok) throw new Error(`room:join refused: ${JSON.stringify(ack)}`);
    }
    const sentAt = new Map<string, bigint>();
    const latencies: number[] = [];
    let lastReceipt = process.hrtime.bigint();
    for (const socket of sockets) {
      socket.on('message:new', (message: { text: string }) => {
        const at = sentAt.get(message.text);
        if (at === undefined) return;
        lastReceipt = process.hrtime.bigint();
        latencies.push(Number(lastReceipt - at) / 1e6);
      });
    }
    const started = process.hrtime.bigint();
    let sent = 0;
    let refused = 0;
    const lane = async (socket: Socket, laneId: string) => {
      for (let n = 0; elapsedMs(started) < job.durationMs; n += 1) {
        const text = `bench ${laneId} ${n}`;
        sentAt.set(text, process.hrtime.bigint());
        const ack = await socket.timeout(CONNECT_TIMEOUT_MS).emitWithAck('message:send', { room: job.room, text });
        if (ack?.ok) sent += 1;
        else refused += 1;
      }
    };
    const lanes: Array<Promise<void>> = [];
    for (let s = 0; s < job.senders; s += 1) for (let l = 0; l < job.inFlightPerSender; l += 1) lanes.push(lane(sockets[s]!, `${s}.${l}`));
    await Promise.all(lanes);
    // Let the last broadcasts land, bounded: a receipt that never comes is simply not counted.
    const expected = sent * sockets.length;
    const graceEnd = Date.now() + 5000;
    while (latencies.length < expected && Date.now() < graceEnd) await new Promise((resolve) => setTimeout(resolve, 20));
    const seconds = Number(lastReceipt - started) / 1e9;
    return {
      deliveredPerSec: latencies.length / seconds,
      p50: percentile(latencies, 50),
      p99: percentile(latencies, 99),
      sent,
      refused,
      missing: expected - latencies.length,
    };
  } finally {
    closeAll(sockets);
  }
}

serveJobs({ connectRate, hold, release, broadcast });
