import type { Socket } from 'socket.io';
import { Inject, Service } from 'typedi';
import { LOGGER, type Logger } from '../common/logger';
import { socketData } from '../realtime/socket-data';
import { userRoom } from '../realtime/socket-rooms';
import { chatRoom, chatRoomNames } from './chat-rooms';
import { RoomPresence } from './room-presence';
import { RoomPolicy } from './room.policy';
import { RoomsService } from './rooms.service';

/**
 * Which chat rooms one connection hears: all of its user's rooms from connect on, and any room it
 * is about to sync. Presence follows: the rooms hear when a member's connection comes and goes.
 */
@Service()
export class ConnectionRooms {
  constructor(
    private readonly rooms: RoomsService,
    private readonly policy: RoomPolicy,
    private readonly presence: RoomPresence,
    @Inject(LOGGER) private readonly logger: Logger,
  ) {}

  /** Subscribes a new connection to every room of its user (bounded by ROOMS_PER_USER_MAX). Never throws. */
  async subscribeAll(socket: Socket): Promise<void> {
    const { user } = socketData(socket);
    try {
      // In the user room first (realtime joins it too; twice is harmless): a membership added from
      // now on subscribes this socket through it, and one added before is in the query below.
      await socket.join(userRoom(user.id));
      const rooms = await this.rooms.memberRoomIds(user.id);
      if (rooms.length === 0 || socket.disconnected) return;
      await socket.join(rooms.map(chatRoom));
      for (const room of rooms) this.announce(room);
    } catch (error) {
      this.logger.warn({ err: error, userId: user.id }, 'subscribing a connection to its rooms failed');
    }
  }

  /**
   * Joins the room if the policy lets the user read it, before the caller reads it (so a message
   * stored after the read still arrives live), and checks again after the join: a removal in
   * between must win.
   */
  async subscribeToRead(socket: Socket, userId: string, room: string): Promise<void> {
    await this.policy.authorize('read', userId, room);
    if (socket.rooms.has(chatRoom(room))) return;
    await socket.join(chatRoom(room));
    try {
      await this.policy.authorize('read', userId, room);
    } catch (error) {
      await socket.leave(chatRoom(room));
      throw error;
    }
  }

  /** Call while disconnecting (the rooms are still known); once the socket is gone the others learn who is left. */
  announceWhenGone(socket: Socket): void {
    const rooms = chatRoomNames(socket.rooms);
    if (rooms.length === 0) return;
    socket.once('disconnect', () => {
      for (const room of rooms) this.announce(room);
    });
  }

  private announce(room: string): void {
    this.presence.announce(room).catch((error: unknown) => this.logger.warn({ err: error, room }, 'presence update failed'));
  }
}
