import { io, type Socket } from 'socket.io-client';
import { ApiError } from './api';
import type { Session } from './session';

export type ConnectionStatus = 'connecting' | 'online' | 'reconnecting' | 'offline' | 'closed';

export interface ConnectionEvents {
  onStatus(status: ConnectionStatus, message?: string): void;
  /** Greeted by the server, the first time and after every reconnect: catch up from here. */
  onConnected(reconnected: boolean): void;
}

type Ack<T> =
  | ({ ok: true } & T)
  | { ok: false; error: { code: string; message: string; retryAfterSeconds?: number; errors?: { field: string; messages: string[] }[] } };

const ACK_TIMEOUT_MS = 10_000;

/**
 * The socket.io connection: authenticated with a fresh token on every (re)connect, and following
 * the browser's online/offline state. Membership is stored on the server, which subscribes every
 * connection to the user's rooms itself; catching up on what was missed is the caller's, on
 * onConnected (message:sync).
 */
export class ChatConnection {
  private readonly socket: Socket;
  private greeted = false;
  private tokenRetried = false;

  constructor(
    private readonly session: Session,
    private readonly events: ConnectionEvents,
  ) {
    // auth as a callback: socket.io calls it before every attempt, so a reconnect never sends
    // the token of an hour ago.
    this.socket = io({
      auth: (callback) =>
        void session.freshToken().then(
          (token) => callback({ token }),
          () => callback({ token: '' }),
        ),
    });
    this.socket.on('authenticated', () => this.greet());
    this.socket.on('connect_error', (error) => this.refused(error as Error & { data?: { code?: string } }));
    this.socket.on('disconnect', (reason) => this.dropped(reason));
    this.socket.on('auth:expired', () => void session.refresh().catch(() => undefined));
    window.addEventListener('offline', this.wentOffline);
    window.addEventListener('online', this.cameOnline);
    events.onStatus('connecting');
  }

  /** A server event (message:new, presence, room:added...). */
  on<T>(event: string, handler: (payload: T) => void): void {
    this.socket.on(event, handler);
  }

  /** A request with an ack; rejects with ApiError for `{ ok: false }`, no connection or no answer. */
  async request<T>(event: string, payload: object): Promise<T> {
    if (!this.socket.connected) throw new ApiError(0, 'offline', 'Not connected.');
    let answer: Ack<T>;
    try {
      answer = (await this.socket.timeout(ACK_TIMEOUT_MS).emitWithAck(event, payload)) as Ack<T>;
    } catch {
      throw new ApiError(0, 'ack_timeout', 'No answer from the server.');
    }
    if (answer.ok) return answer;
    const { code, message, retryAfterSeconds, errors = [] } = answer.error;
    const fields = errors.map((error) => `${error.field}: ${error.messages.join('; ')}`);
    throw new ApiError(code === 'rate_limited' ? 429 : 400, code, message, retryAfterSeconds, fields);
  }

  /** Fire and forget (typing): the server drops refused events silently. */
  emit(event: string, payload: object): void {
    if (this.socket.connected) this.socket.emit(event, payload);
  }

  /** Hands the connection a newer access token so that it outlives the old one's expiry. */
  updateToken(token: string): void {
    if (this.socket.connected) this.socket.timeout(ACK_TIMEOUT_MS).emit('auth:refresh', { token }, () => undefined);
  }

  close(): void {
    window.removeEventListener('offline', this.wentOffline);
    window.removeEventListener('online', this.cameOnline);
    this.socket.disconnect();
    this.events.onStatus('closed');
  }

  private greet(): void {
    this.tokenRetried = false;
    const reconnected = this.greeted;
    this.greeted = true;
    this.events.onStatus('online');
    this.events.onConnected(reconnected);
  }

  private refused(error: Error & { data?: { code?: string } }): void {
    const code = error.data?.code;
    if (code?.startsWith('token_')) {
      if (this.tokenRetried) return this.session.end(new ApiError(401, code, error.message));
      // Expired (a laptop that slept through the refresh timer) or revoked while a newer token
      // was on its way (a password change in this very tab): one refresh tells which. A session
      // that is over fails it and ends.
      this.tokenRetried = true;
      void this.session.refresh().then(
        () => this.socket.connect(),
        () => this.session.isOver || this.events.onStatus('closed', 'refresh_failed'),
      );
    } else if (code === 'too_many_connections') {
      this.events.onStatus('closed', 'too_many_connections');
    } else {
      this.events.onStatus('reconnecting');
    }
  }

  private dropped(reason: Socket.DisconnectReason): void {
    if (this.session.isOver || reason === 'io client disconnect') return;
    if (reason === 'io server disconnect') {
      // The server closed it: token expiry, revocation or shutdown. socket.io does not retry
      // these; we do, and the handshake tells which one it was.
      this.events.onStatus('reconnecting', 'server_closed');
      this.socket.connect();
      return;
    }
    this.events.onStatus('reconnecting', 'connection_lost');
  }

  private readonly wentOffline = (): void => {
    // Chromium may keep a WebSocket open through a network change it cannot see: close it
    // ourselves and catch up with message:sync when the network is back.
    this.socket.disconnect();
    this.events.onStatus('offline');
  };

  private readonly cameOnline = (): void => {
    if (this.session.isOver) return;
    this.events.onStatus('reconnecting');
    this.socket.connect();
  };
}
