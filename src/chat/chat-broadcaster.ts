import type { Server } from 'socket.io';
import { Inject, Service } from 'typedi';
import { SOCKET_SERVER } from '../realtime/socket-server.token';
import { userRoom } from '../realtime/socket-rooms';
import { chatRoom } from './chat-rooms';

/**
 * What the chat rules tell connected clients, and which connections hear a room. Everything goes
 * through socket.io rooms (`room:<id>`, and realtime's `user:<id>`), so with the Redis adapter it
 * reaches, joins and unsubscribes sockets on every instance; the services stay free of sockets,
 * and an action over HTTP tells clients exactly what the same action over a socket does.
 */
@Service()
export class ChatBroadcaster {
  constructor(@Inject(SOCKET_SERVER) private readonly io: Server) {}

  /** Every connection of the user, on any instance, hears the room from now on. */
  subscribeUser(userId: string, room: string): void {
    this.io.in(userRoom(userId)).socketsJoin(chatRoom(room));
  }

  unsubscribeUser(userId: string, room: string): void {
    this.io.in(userRoom(userId)).socketsLeave(chatRoom(room));
  }

  /** Nobody hears the room any more (it was deleted). */
  unsubscribeEveryone(room: string): void {
    this.io.in(chatRoom(room)).socketsLeave(chatRoom(room));
  }

  toRoom(room: string, event: string, payload: object): void {
    this.io.to(chatRoom(room)).emit(event, payload);
  }

  /** To everyone in the room but the user's own connections (read receipts). */
  toRoomExceptUser(room: string, userId: string, event: string, payload: object): void {
    this.io.to(chatRoom(room)).except(userRoom(userId)).emit(event, payload);
  }

  toUser(userId: string, event: string, payload: object): void {
    this.io.to(userRoom(userId)).emit(event, payload);
  }
}
