import { ConnectedSocket, MessageAck, MessageBody, OnDisconnecting, OnMessage, SocketController } from 'socket-controllers';
import type { Server, Socket } from 'socket.io';
import { Inject, Service } from 'typedi';
import { LOGGER, type Logger } from '../common/logger';
import { AppMetrics } from '../metrics/app-metrics';
import { answer } from '../realtime/socket-ack';
import { socketData } from '../realtime/socket-data';
import { parsePayload } from '../realtime/socket-payload';
import { SOCKET_SERVER } from '../realtime/socket-server.token';
import { ChatRateLimits } from './chat-rate-limits';
import { chatRoom, chatRoomNames } from './chat-rooms';
import { ChatService } from './chat.service';
import { MessageHistoryDto } from './dto/message-history.dto';
import { RoomDto } from './dto/room.dto';
import { SendMessageDto } from './dto/send-message.dto';
import { RoomPresence } from './room-presence';

/**
 * Rooms, messages and typing over socket.io. Each handler parses its DTO, calls one service and
 * answers through the ack; see docs/socket-protocol.md. Membership of a room is having joined it
 * on this connection.
 */
@Service()
@SocketController()
export class ChatSocketController {
  constructor(
    private readonly chat: ChatService,
    private readonly presence: RoomPresence,
    private readonly limits: ChatRateLimits,
    @Inject(SOCKET_SERVER) private readonly io: Server,
    @Inject(LOGGER) private readonly logger: Logger,
    private readonly metrics: AppMetrics,
  ) {}

  @OnMessage('room:join')
  async join(@ConnectedSocket() socket: Socket, @MessageBody() body: unknown, @MessageAck() ack: unknown): Promise<void> {
    await answer(ack, this.logger, 'room:join', async () => {
      const { room } = parsePayload(RoomDto, body);
      await this.limits.consume('room:join', socketData(socket).user.id);
      this.chat.checkJoin(room, chatRoomNames(socket.rooms));
      await socket.join(chatRoom(room));
      return { room, members: await this.presence.announce(room) };
    });
  }

  @OnMessage('room:leave')
  async leave(@ConnectedSocket() socket: Socket, @MessageBody() body: unknown, @MessageAck() ack: unknown): Promise<void> {
    await answer(ack, this.logger, 'room:leave', async () => {
      const { room } = parsePayload(RoomDto, body);
      // Leaving a room the socket is not in changes nothing, and must not make the room hear of it.
      if (!socket.rooms.has(chatRoom(room))) return { room };
      await socket.leave(chatRoom(room));
      await this.presence.announce(room);
      return { room };
    });
  }

  @OnMessage('message:send')
  async send(@ConnectedSocket() socket: Socket, @MessageBody() body: unknown, @MessageAck() ack: unknown): Promise<void> {
    await answer(ack, this.logger, 'message:send', async () => {
      const input = parsePayload(SendMessageDto, body);
      const { user } = socketData(socket);
      await this.limits.consume('message:send', user.id);
      const { message, created } = await this.chat.send(user, input, socket.rooms.has(chatRoom(input.room)));
      // Every socket in the room hears of a new message once, the sender's tabs included; a
      // repeated clientMsgId only gets its ack.
      if (created) {
        this.io.to(chatRoom(input.room)).emit('message:new', message);
        this.metrics.messageSent();
      }
      return { message };
    });
  }

  @OnMessage('message:history')
  async history(@ConnectedSocket() socket: Socket, @MessageBody() body: unknown, @MessageAck() ack: unknown): Promise<void> {
    await answer(ack, this.logger, 'message:history', async () => {
      const query = parsePayload(MessageHistoryDto, body);
      return this.chat.history(query, socket.rooms.has(chatRoom(query.room)));
    });
  }

  /** Fire-and-forget (the ack is optional): relayed to the others in the room, never stored. */
  @OnMessage('typing')
  async typing(@ConnectedSocket() socket: Socket, @MessageBody() body: unknown, @MessageAck() ack: unknown): Promise<void> {
    const work = async () => {
      const { room } = parsePayload(RoomDto, body);
      const { user } = socketData(socket);
      const notice = this.chat.typing(user, room, socket.rooms.has(chatRoom(room)));
      await this.limits.consume('typing', user.id);
      socket.to(chatRoom(room)).emit('typing', notice);
      return {};
    };
    await answer(ack, this.logger, 'typing', work, { optionalAck: true });
  }

  /** The rooms are still known here; once the socket is gone the others learn who is left. */
  @OnDisconnecting()
  disconnecting(@ConnectedSocket() socket: Socket): void {
    const rooms = chatRoomNames(socket.rooms);
    if (rooms.length === 0) return;
    socket.once('disconnect', () => {
      for (const room of rooms) {
        this.presence.announce(room).catch((error: unknown) => this.logger.warn({ err: error, room }, 'presence update failed'));
      }
    });
  }
}
