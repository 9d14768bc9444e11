import type { Socket } from 'socket.io';
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

/** The authenticated identity of a socket (set by SocketAuthMiddleware before any handler runs). */
export function socketData(socket: Pick<Socket, 'data'>): ChatSocketData {
  return socket.data as ChatSocketData;
}
