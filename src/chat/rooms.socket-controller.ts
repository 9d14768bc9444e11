import { ConnectedSocket, MessageAck, MessageBody, OnMessage, SocketController } from 'socket-controllers';
import type { Socket } from 'socket.io';
import { Inject, Service } from 'typedi';
import { LOGGER, type Logger } from '../common/logger';
import { answer } from '../realtime/socket-ack';
import { socketData } from '../realtime/socket-data';
import { parsePayload } from '../realtime/socket-payload';
import { ChatRateLimits } from './chat-rate-limits';
import { chatRoom } from './chat-rooms';
import { parseEmptyPayload } from './dto/empty-payload';
import { KeyedQueue } from './keyed-queue';
import { RoomCreateDto } from './dto/room-create.dto';
import { RoomMemberDto, UserRefDto } from './dto/room-member.dto';
import { RoomUpdateDto } from './dto/room-update.dto';
import { RoomDto } from './dto/room.dto';
import { RoomListService } from './room-list.service';
import { RoomOwnerService } from './room-owner.service';
import { RoomPresence } from './room-presence';
import { RoomsService } from './rooms.service';

/** Rooms as resources over socket.io: create, list, join, leave, direct rooms, and the owner's actions. */
@Service()
@SocketController()
export class RoomsSocketController {
  /**
   * A connection's membership changes run in the order it sent them: they are database writes
   * now, and a leave followed by a join must not finish as a join followed by a leave.
   */
  private readonly inOrder = new KeyedQueue();

  constructor(
    private readonly rooms: RoomsService,
    private readonly owners: RoomOwnerService,
    private readonly lists: RoomListService,
    private readonly presence: RoomPresence,
    private readonly limits: ChatRateLimits,
    @Inject(LOGGER) private readonly logger: Logger,
  ) {}

  @OnMessage('room:create')
  async create(@ConnectedSocket() socket: Socket, @MessageBody() body: unknown, @MessageAck() ack: unknown): Promise<void> {
    await answer(ack, this.logger, 'room:create', () =>
      this.inOrder.run(socket.id, async () => {
        const input = parsePayload(RoomCreateDto, body);
        const { user } = socketData(socket);
        await this.limits.consume('room:join', user.id);
        return this.rooms.create(user, input);
      }),
    );
  }

  @OnMessage('room:list')
  async list(@ConnectedSocket() socket: Socket, @MessageBody() body: unknown, @MessageAck() ack: unknown): Promise<void> {
    await answer(ack, this.logger, 'room:list', async () => {
      parseEmptyPayload(body);
      return this.lists.list(socketData(socket).user);
    });
  }

  @OnMessage('room:join')
  async join(@ConnectedSocket() socket: Socket, @MessageBody() body: unknown, @MessageAck() ack: unknown): Promise<void> {
    await answer(ack, this.logger, 'room:join', () =>
      this.inOrder.run(socket.id, async () => {
        const { room } = parsePayload(RoomDto, body);
        const { user } = socketData(socket);
        await this.limits.consume('room:join', user.id);
        const joined = await this.rooms.join(user, room);
        // The service subscribed every connection of the user; this one must be in before the ack.
        await socket.join(chatRoom(joined.room));
        return { ...joined, members: await this.presence.announce(joined.room) };
      }),
    );
  }

  @OnMessage('room:leave')
  async leave(@ConnectedSocket() socket: Socket, @MessageBody() body: unknown, @MessageAck() ack: unknown): Promise<void> {
    await answer(ack, this.logger, 'room:leave', () =>
      this.inOrder.run(socket.id, async () => {
        const { room } = parsePayload(RoomDto, body);
        // Leaving a room one is not in changes nothing, and must not make the room hear of it.
        if (!(await this.rooms.leave(socketData(socket).user, room))) return { room };
        await socket.leave(chatRoom(room));
        await this.presence.announce(room);
        return { room };
      }),
    );
  }

  @OnMessage('dm:open')
  async openDirect(@ConnectedSocket() socket: Socket, @MessageBody() body: unknown, @MessageAck() ack: unknown): Promise<void> {
    await answer(ack, this.logger, 'dm:open', () =>
      this.inOrder.run(socket.id, async () => {
        const { userId } = parsePayload(UserRefDto, body);
        const { user } = socketData(socket);
        await this.limits.consume('room:join', user.id);
        const opened = await this.rooms.openDirect(user, userId);
        await socket.join(chatRoom(opened.room));
        return opened;
      }),
    );
  }

  @OnMessage('room:invite')
  async invite(@ConnectedSocket() socket: Socket, @MessageBody() body: unknown, @MessageAck() ack: unknown): Promise<void> {
    await answer(ack, this.logger, 'room:invite', async () => {
      const { room, userId } = parsePayload(RoomMemberDto, body);
      const { user } = socketData(socket);
      await this.limits.consume('room:manage', user.id);
      if (await this.owners.invite(user, room, userId)) await this.presence.announce(room);
      return { room, userId };
    });
  }

  @OnMessage('room:remove')
  async remove(@ConnectedSocket() socket: Socket, @MessageBody() body: unknown, @MessageAck() ack: unknown): Promise<void> {
    await answer(ack, this.logger, 'room:remove', async () => {
      const { room, userId } = parsePayload(RoomMemberDto, body);
      const { user } = socketData(socket);
      await this.limits.consume('room:manage', user.id);
      if (await this.owners.remove(user, room, userId)) await this.presence.announce(room);
      return { room, userId };
    });
  }

  @OnMessage('room:update')
  async update(@ConnectedSocket() socket: Socket, @MessageBody() body: unknown, @MessageAck() ack: unknown): Promise<void> {
    await answer(ack, this.logger, 'room:update', async () => {
      const { room, name } = parsePayload(RoomUpdateDto, body);
      const { user } = socketData(socket);
      await this.limits.consume('room:manage', user.id);
      return this.owners.rename(user, room, name);
    });
  }

  @OnMessage('room:delete')
  async delete(@ConnectedSocket() socket: Socket, @MessageBody() body: unknown, @MessageAck() ack: unknown): Promise<void> {
    await answer(ack, this.logger, 'room:delete', async () => {
      const { room } = parsePayload(RoomDto, body);
      await this.owners.delete(socketData(socket).user, room);
      return { room };
    });
  }
}
