import type { Socket } from 'socket.io';
import type { Principal } from '../auth/access-token';
import type { UserRecord } from '../users/user-record';

/** What other chat users see of someone: presence, typing, message authors. */
export interface ChatUser {
  id: string;
  displayName: string;
}

/**
 * What the auth middleware stores on `socket.data`. It must stay plain data: the Redis adapter
 * serialises it when another instance calls fetchSockets().
 */
export interface ChatSocketData {
  user: ChatUser;
  sessionId: string;
  /** Epoch milliseconds at which the connection's access token expires. */
  tokenExpiresAt: number;
}

export const toChatUser = (user: Pick<UserRecord, 'id' | 'displayName'>): ChatUser => ({ id: user.id, displayName: user.displayName });

/** The socket.data of a connection authenticated as `principal` (at the handshake or by auth:refresh). */
export function toSocketData(principal: Principal): ChatSocketData {
  return {
    user: toChatUser(principal.user),
    sessionId: principal.token.sessionId,
    tokenExpiresAt: principal.token.expiresAt.getTime(),
  };
}

/** The authenticated identity of a socket (set by SocketAuthMiddleware before any handler runs). */
export function socketData(socket: Pick<Socket, 'data'>): ChatSocketData {
  return socket.data as ChatSocketData;
}
