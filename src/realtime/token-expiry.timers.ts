import type { Socket } from 'socket.io';
import { Service } from 'typedi';

// setTimeout fires at once for delays above 2^31-1 ms; no access token lives that long anyway.
const MAX_DELAY_MS = 2 ** 31 - 1;

/**
 * Ends connections whose access token has expired: a long-lived socket must not outlive the
 * token it was opened with. Timers live here, not on socket.data, which must stay serialisable.
 */
@Service()
export class TokenExpiryTimers {
  private readonly timers = new Map<string, NodeJS.Timeout>();

  /** (Re)arms the socket's timer: at `expiresAt` it gets `auth:expired` and is disconnected. */
  arm(socket: Socket, expiresAt: number): void {
    this.clear(socket.id);
    const delay = Math.min(Math.max(expiresAt - Date.now(), 0), MAX_DELAY_MS);
    const timer = setTimeout(() => {
      this.timers.delete(socket.id);
      socket.emit('auth:expired', { expiredAt: new Date(expiresAt).toISOString() });
      socket.disconnect(true);
    }, delay);
    // A pending expiry must not keep a shutting-down process alive.
    timer.unref();
    this.timers.set(socket.id, timer);
  }

  clear(socketId: string): void {
    clearTimeout(this.timers.get(socketId));
    this.timers.delete(socketId);
  }

  clearAll(): void {
    for (const timer of this.timers.values()) clearTimeout(timer);
    this.timers.clear();
  }
}
