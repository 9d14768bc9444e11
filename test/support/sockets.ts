import { io, type ManagerOptions, type Socket, type SocketOptions } from 'socket.io-client';

type ClientOptions = Partial<ManagerOptions & SocketOptions>;

const open = new Set<Socket>();

/** A socket.io client that does not connect yet and never reconnects on its own. */
export function client(url: string, options: ClientOptions = {}): Socket {
  const socket = io(url, { autoConnect: false, reconnection: false, transports: ['websocket'], forceNew: true, ...options });
  open.add(socket);
  return socket;
}

/** Disconnects every client made by this module; call in afterEach. */
export function disconnectAll(): void {
  for (const socket of open) socket.disconnect();
  open.clear();
}

/** Resolves with the first `event` payload, or rejects after timeoutMs. No sleeps. */
export function waitForEvent<T = unknown>(socket: Socket, event: string, timeoutMs = 2_000): Promise<T> {
  return waitForMatch<T>(socket, event, () => true, timeoutMs);
}

/** Resolves with the first `event` payload that satisfies `matches`, or rejects after timeoutMs. */
export function waitForMatch<T = unknown>(socket: Socket, event: string, matches: (payload: T) => boolean, timeoutMs = 2_000): Promise<T> {
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => {
      socket.off(event, onEvent);
      reject(new Error(`timed out after ${timeoutMs} ms waiting for a matching "${event}"`));
    }, timeoutMs);
    const onEvent = (payload: T) => {
      if (!matches(payload)) return;
      clearTimeout(timer);
      socket.off(event, onEvent);
      resolve(payload);
    };
    socket.on(event, onEvent);
  });
}

/**
 * Records every `event` payload from now on; `count(n)` waits until n have arrived. To show that
 * something did NOT arrive, follow the action with a later event the socket must receive (socket.io
 * delivers one socket's events in order) and look at `events` once that one is in: no fixed waits.
 */
export function recordEvents<T = unknown>(
  socket: Socket,
  event: string,
): { events: T[]; count(n: number, timeoutMs?: number): Promise<T[]> } {
  const events: T[] = [];
  const waiters = new Set<() => void>();
  socket.on(event, (payload: T) => {
    events.push(payload);
    for (const waiter of waiters) waiter();
  });
  return {
    events,
    count: (n, timeoutMs = 2_000) =>
      new Promise((resolve, reject) => {
        const check = () => {
          if (events.length < n) return;
          clearTimeout(timer);
          waiters.delete(check);
          resolve(events.slice(0, n));
        };
        const timer = setTimeout(() => {
          waiters.delete(check);
          reject(new Error(`timed out after ${timeoutMs} ms: ${events.length} of ${n} "${event}" events`));
        }, timeoutMs);
        waiters.add(check);
        check();
      }),
  };
}

/** Connects with an access token in the handshake's auth; resolves once `authenticated` arrived. */
export async function connectAs(url: string, token: string, options: ClientOptions = {}): Promise<Socket> {
  const socket = client(url, { auth: { token }, ...options });
  const authenticated = waitForEvent(socket, 'authenticated');
  const outcome = await tryConnect(socket);
  if (!outcome.connected) throw new Error(`connect_error: ${outcome.message} (${outcome.code})`);
  await authenticated;
  return socket;
}

export interface ConnectOutcome {
  connected: boolean;
  message?: string;
  code?: string;
}

/** Tries a handshake and reports whether it was accepted, or the connect_error's message and data.code. */
export async function tryConnect(socket: Socket): Promise<ConnectOutcome> {
  const outcome = new Promise<ConnectOutcome>((resolve) => {
    socket.once('connect', () => resolve({ connected: true }));
    socket.once('connect_error', (error: Error & { data?: { code?: string } }) =>
      resolve({ connected: false, message: error.message, code: error.data?.code }),
    );
  });
  socket.connect();
  return outcome;
}

/** Emits with an ack and resolves with the ack's response (rejects if none arrives in time). */
export function request<T = AckResponse>(socket: Socket, event: string, ...args: unknown[]): Promise<T> {
  return socket.timeout(2_000).emitWithAck(event, ...args) as Promise<T>;
}

export type AckResponse = { ok: true; [field: string]: unknown } | { ok: false; error: { code: string; message: string } };
