import { ConnectedSocket, MessageAck, MessageBody, OnConnect, OnDisconnecting, OnMessage, SocketController } from 'socket-controllers';
import type { Socket } from 'socket.io';
import { Inject, Service } from 'typedi';
import { LOGGER, type Logger } from '../common/logger';
import { answer } from '../realtime/socket-ack';
import { socketData } from '../realtime/socket-data';
import { parsePayload } from '../realtime/socket-payload';
import { ChatRateLimits } from './chat-rate-limits';
import { chatRoom } from './chat-rooms';
import { ChatService } from './chat.service';
import { ConnectionRooms } from './connection-rooms';
import { MessageEditDto, MessageRefDto, RoomReadDto } from './dto/message-ref.dto';
import { MessageHistoryDto } from './dto/message-history.dto';
import { MessageSyncDto } from './dto/message-sync.dto';
import { RoomDto } from './dto/room.dto';
import { SendMessageDto } from './dto/send-message.dto';
import { ReadPointerService } from './read-pointer.service';

/**
 * Messages, read pointers and typing over socket.io, and the connection's room subscriptions.
 * Each handler parses its DTO, calls one service and answers through the ack; see
 * docs/socket-protocol.md. Who may do what is RoomPolicy's, as on HTTP.
 */
@Service()
@SocketController()
export class ChatSocketController {
  constructor(
    private readonly chat: ChatService,
    private readonly reads: ReadPointerService,
    private readonly connectionRooms: ConnectionRooms,
    private readonly limits: ChatRateLimits,
    @Inject(LOGGER) private readonly logger: Logger,
  ) {}

  /** A connection hears every room its user is a member of, from the start. */
  @OnConnect()
  async connected(@ConnectedSocket() socket: Socket): Promise<void> {
    await this.connectionRooms.subscribeAll(socket);
  }

  @OnMessage('message:send')
  async send(@ConnectedSocket() socket: Socket, @MessageBody() body: unknown, @MessageAck() ack: unknown): Promise<void> {
    await answer(ack, this.logger, 'message:send', async () => {
      const input = parsePayload(SendMessageDto, body);
      const { user } = socketData(socket);
      await this.limits.consume('message:send', user.id);
      // Every connection in the room hears of a new message once (the service tells the room);
      // a repeated clientMsgId only gets its ack.
      const { message } = await this.chat.send(user, input);
      return { message };
    });
  }

  @OnMessage('message:history')
  async history(@ConnectedSocket() socket: Socket, @MessageBody() body: unknown, @MessageAck() ack: unknown): Promise<void> {
    await answer(ack, this.logger, 'message:history', async () =>
      this.chat.history(socketData(socket).user, parsePayload(MessageHistoryDto, body)),
    );
  }

  /**
   * This connection is subscribed to the room BEFORE the read, so a message stored after the
   * read reaches it as message:new: nothing falls between sync and the live stream.
   */
  @OnMessage('message:sync')
  async sync(@ConnectedSocket() socket: Socket, @MessageBody() body: unknown, @MessageAck() ack: unknown): Promise<void> {
    await answer(ack, this.logger, 'message:sync', async () => {
      const query = parsePayload(MessageSyncDto, body);
      const { user } = socketData(socket);
      await this.connectionRooms.subscribeToRead(socket, user.id, query.room);
      return this.chat.sync(user, query);
    });
  }

  @OnMessage('message:edit')
  async edit(@ConnectedSocket() socket: Socket, @MessageBody() body: unknown, @MessageAck() ack: unknown): Promise<void> {
    await answer(ack, this.logger, 'message:edit', async () => {
      const { room, seq, text } = parsePayload(MessageEditDto, body);
      const { user } = socketData(socket);
      // An edit reaches the whole room as a message does, so it spends the same budget.
      await this.limits.consume('message:send', user.id);
      return { message: await this.chat.edit(user, { room, seq }, text) };
    });
  }

  @OnMessage('message:delete')
  async delete(@ConnectedSocket() socket: Socket, @MessageBody() body: unknown, @MessageAck() ack: unknown): Promise<void> {
    await answer(ack, this.logger, 'message:delete', async () => {
      const ref = parsePayload(MessageRefDto, body);
      const { user } = socketData(socket);
      await this.limits.consume('message:send', user.id);
      return { message: await this.chat.delete(user, ref) };
    });
  }

  @OnMessage('room:read')
  async read(@ConnectedSocket() socket: Socket, @MessageBody() body: unknown, @MessageAck() ack: unknown): Promise<void> {
    await answer(ack, this.logger, 'room:read', async () => {
      const { room, seq } = parsePayload(RoomReadDto, body);
      return this.reads.markRead(socketData(socket).user, room, seq);
    });
  }

  /** Fire-and-forget (the ack is optional): relayed to the others in the room, never stored. */
  @OnMessage('typing')
  async typing(@ConnectedSocket() socket: Socket, @MessageBody() body: unknown, @MessageAck() ack: unknown): Promise<void> {
    const work = async () => {
      const { room } = parsePayload(RoomDto, body);
      const { user } = socketData(socket);
      const notice = await this.chat.typing(user, room);
      await this.limits.consume('typing', user.id);
      socket.to(chatRoom(room)).emit('typing', notice);
      return {};
    };
    await answer(ack, this.logger, 'typing', work, { optionalAck: true });
  }

  @OnDisconnecting()
  disconnecting(@ConnectedSocket() socket: Socket): void {
    this.connectionRooms.announceWhenGone(socket);
  }
}
