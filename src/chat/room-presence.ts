import type { Server } from 'socket.io';
import { Inject, Service } from 'typedi';
import { socketData } from '../realtime/socket-data';
import { SOCKET_SERVER } from '../realtime/socket-server.token';
import { userRoom } from '../realtime/socket-rooms';
import { chatRoom } from './chat-rooms';
import { toChatUser, type ChatUser } from './chat-user';

/**
 * Who is in a room, asked of socket.io itself (fetchSockets), so the answer covers every instance
 * when the Redis adapter is attached. A user with several tabs is one member.
 */
@Service()
export class RoomPresence {
  private readonly pending = new Set<Promise<unknown>>();

  constructor(@Inject(SOCKET_SERVER) private readonly io: Server) {}

  async members(room: string): Promise<ChatUser[]> {
    const sockets = await this.io.in(chatRoom(room)).fetchSockets();
    const members = new Map<string, ChatUser>();
    for (const socket of sockets) {
      const { user } = socketData(socket);
      members.set(user.id, toChatUser(user));
    }
    return [...members.values()];
  }

  /** Whether any connection of the user, on any instance, is in the room; asks only that user's sockets. */
  async hasMember(room: string, userId: string): Promise<boolean> {
    const sockets = await this.io.in(userRoom(userId)).fetchSockets();
    return sockets.some((socket) => socket.rooms.has(chatRoom(room)));
  }

  /** Tells everyone in the room who is there now, and returns that list. */
  announce(room: string): Promise<ChatUser[]> {
    const announcement = this.members(room).then((members) => {
      this.io.to(chatRoom(room)).emit('presence', { room, members });
      return members;
    });
    // Tracked so shutdown can let the last announcements (users leaving) go out before closing.
    this.pending.add(announcement);
    const forget = () => this.pending.delete(announcement);
    announcement.then(forget, forget);
    return announcement;
  }

  /** Resolves when every announcement started so far has gone out or failed. */
  async idle(): Promise<void> {
    await Promise.allSettled([...this.pending]);
  }
}
