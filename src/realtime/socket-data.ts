import type { Socket } from 'socket.io';
import type { Principal } from '../users/principal';

/** Who is at the other end of an authenticated connection, as every socket feature sees it. */
export interface SocketUser {
  id: string;
  displayName: string;
}

/**
 * What the auth middleware stores on `socket.data`. It must stay plain data: the Redis adapter
 * serialises it when another instance calls fetchSockets().
 */
export interface SocketData {
  user: SocketUser;
  sessionId: string;
  /** Epoch milliseconds at which the connection's access token expires. */
  tokenExpiresAt: number;
}

/** The socket.data of a connection authenticated as `principal` (at the handshake or by auth:refresh). */
export function toSocketData(principal: Principal): SocketData {
  return {
    user: { id: principal.user.id, displayName: principal.user.displayName },
    sessionId: principal.token.sessionId,
    tokenExpiresAt: principal.token.expiresAt.getTime(),
  };
}

/** The authenticated identity of a socket (set by SocketAuthMiddleware before any handler runs). */
export function socketData(socket: Pick<Socket, 'data'>): SocketData {
  return socket.data as SocketData;
}
