import { io, type Socket } from 'socket.io-client';
import { ApiError } from './api';
import type { ChatMessage, ChatUser, HistoryPage } from './chat-types';
import type { Session } from './session';

export type ConnectionStatus = 'connecting' | 'online' | 'reconnecting' | 'offline' | 'closed';

export interface ChatEvents {
  onStatus(status: ConnectionStatus, message?: string): void;
  onMessage(message: ChatMessage): void;
  onPresence(room: string, members: ChatUser[]): void;
  onTyping(room: string, user: ChatUser): void;
  /** Connected again after a drop and back in `room`: fetch what was missed. */
  onRejoined(room: string): void;
  onError(error: ApiError): void;
}

type Ack<T> = ({ ok: true } & T) | { ok: false; error: { code: string; message: string; retryAfterSeconds?: number } };

const ACK_TIMEOUT_MS = 10_000;

/**
 * The socket.io connection: authenticated with a fresh token on every (re)connect, rejoins its
 * rooms after a drop, and follows the browser's online/offline state.
 */
export class ChatConnection {
  private readonly socket: Socket;
  private readonly rooms = new Set<string>();
  private greeted = false;
  private tokenRetried = false;

  constructor(
    private readonly session: Session,
    private readonly events: ChatEvents,
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
    this.socket.on('authenticated', () => void this.greet());
    this.socket.on('connect_error', (error) => this.refused(error as Error & { data?: { code?: string } }));
    this.socket.on('disconnect', (reason) => this.dropped(reason));
    this.socket.on('message:new', (message: ChatMessage) => events.onMessage(message));
    this.socket.on('presence', ({ room, members }: { room: string; members: ChatUser[] }) => events.onPresence(room, members));
    this.socket.on('typing', ({ room, user }: { room: string; user: ChatUser }) => events.onTyping(room, user));
    this.socket.on('auth:expired', () => void session.refresh().catch(() => undefined));
    window.addEventListener('offline', this.wentOffline);
    window.addEventListener('online', this.cameOnline);
    events.onStatus('connecting');
  }

  async join(room: string): Promise<ChatUser[]> {
    const answer = await this.request<{ members: ChatUser[] }>('room:join', { room });
    this.rooms.add(room);
    return answer.members;
  }

  history(room: string, before?: string | null): Promise<HistoryPage> {
    return this.request<HistoryPage>('message:history', before ? { room, before } : { room });
  }

  async send(room: string, text: string, clientMsgId: string): Promise<ChatMessage> {
    return (await this.request<{ message: ChatMessage }>('message:send', { room, text, clientMsgId })).message;
  }

  /** Fire and forget: the server drops refused typing events silently. */
  typing(room: string): void {
    if (this.socket.connected) this.socket.emit('typing', { room });
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

  private async request<T>(event: string, payload: object): Promise<T> {
    if (!this.socket.connected) throw new ApiError(0, 'offline', 'Not connected.');
    let answer: Ack<T>;
    try {
      answer = (await this.socket.timeout(ACK_TIMEOUT_MS).emitWithAck(event, payload)) as Ack<T>;
    } catch {
      throw new ApiError(0, 'ack_timeout', 'No answer from the server.');
    }
    if (answer.ok) return answer;
    throw new ApiError(400, answer.error.code, answer.error.message, answer.error.retryAfterSeconds);
  }

  /** Every (re)connection: rejoin the rooms of this tab, then let the view fill the gaps. */
  private async greet(): Promise<void> {
    this.tokenRetried = false;
    const reconnected = this.greeted;
    this.greeted = true;
    this.events.onStatus('online');
    if (!reconnected) return;
    for (const room of this.rooms) {
      try {
        await this.join(room);
        this.events.onRejoined(room);
      } catch (error) {
        if (error instanceof ApiError) this.events.onError(error);
      }
    }
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
    // ourselves and catch up from history when the network is back.
    this.socket.disconnect();
    this.events.onStatus('offline');
  };

  private readonly cameOnline = (): void => {
    if (this.session.isOver) return;
    this.events.onStatus('reconnecting');
    this.socket.connect();
  };
}
