import { Inject, Service } from 'typedi';
import { CLOCK, type Clock } from '../common/clock';
import { ChatBroadcaster } from './chat-broadcaster';
import { CannotDmSelfError, ChatUserNotFoundError, RoomExistsError, RoomNotFoundError, TooManyRoomsError } from './chat-errors';
import type { ChatUser } from './chat-user';
import { ChatUsers } from './chat-users';
import { ROOMS_PER_USER_MAX } from './chat.constants';
import { MessageRepository } from './message.repository';
import { newDirectRoomId, newPrivateRoomId, roomKey } from './room-ids';
import { RoomMemberRepository } from './room-member.repository';
import { toRoomView, type RoomRecord, type RoomView } from './room-record';
import { RoomPolicy } from './room.policy';
import { RoomRepository } from './room.repository';

export interface RoomResult {
  room: string;
  info: RoomView;
}

export interface JoinResult extends RoomResult {
  lastSeq: number;
  lastReadSeq: number;
}

/** Becoming and ceasing to be a member: create, join, leave, direct rooms. */
@Service()
export class RoomsService {
  constructor(
    private readonly rooms: RoomRepository,
    private readonly members: RoomMemberRepository,
    private readonly messages: MessageRepository,
    private readonly users: ChatUsers,
    private readonly policy: RoomPolicy,
    private readonly broadcaster: ChatBroadcaster,
    @Inject(CLOCK) private readonly clock: Clock,
  ) {}

  /** A public room's id is its name (an address); a private room gets a fresh id. The creator owns it. */
  async create(owner: ChatUser, input: { name: string; kind: 'public' | 'private' }): Promise<RoomResult> {
    await this.checkCapacity(owner.id);
    const id = input.kind === 'public' ? input.name : newPrivateRoomId();
    const room = await this.rooms.insert({ id, key: roomKey(input.kind, id), name: input.name, kind: input.kind, ownerId: owner.id });
    if (!room) throw new RoomExistsError();
    await this.addMember(room, owner.id);
    return { room: room.id, info: toRoomView(room) };
  }

  /** Makes the caller a member (creating a public room at a new address, unowned) and subscribes their connections. */
  async join(user: ChatUser, roomId: string): Promise<JoinResult> {
    const access = await this.policy.authorize('join', user.id, roomId);
    const room =
      access.room ??
      (await this.rooms.insert({ id: roomId, key: roomKey('public', roomId), name: roomId, kind: 'public', ownerId: null })) ??
      // Someone else created it a moment ago.
      (await this.rooms.findById(roomId));
    if (!room) throw new RoomNotFoundError();
    if (!access.membership) {
      await this.checkCapacity(user.id);
      await this.addMember(room, user.id);
    } else {
      this.broadcaster.subscribeUser(user.id, room.id);
    }
    const [lastSeq, membership] = await Promise.all([this.messages.lastSeq(room.id), this.members.find(room.id, user.id)]);
    return { room: room.id, info: toRoomView(room), lastSeq, lastReadSeq: membership?.lastReadSeq ?? 0 };
  }

  /** Ends the caller's membership on all their connections; false when they were not a member. */
  async leave(user: ChatUser, roomId: string): Promise<boolean> {
    const access = await this.policy.authorize('leave', user.id, roomId);
    if (!access.membership || !(await this.members.remove(roomId, user.id))) return false;
    this.broadcaster.toUser(user.id, 'room:removed', { room: roomId, reason: 'left' });
    this.broadcaster.unsubscribeUser(user.id, roomId);
    return true;
  }

  /** THE direct room of the pair, created on first use; concurrent opens meet on the unique key. */
  async openDirect(user: ChatUser, peerId: string): Promise<RoomResult & { peer: ChatUser }> {
    if (peerId === user.id) throw new CannotDmSelfError();
    const peer = await this.users.find(peerId);
    if (!peer) throw new ChatUserNotFoundError();
    const key = roomKey('direct', user.id, peer.id);
    const room =
      (await this.rooms.findByKey(key)) ??
      (await this.rooms.insert({ id: newDirectRoomId(), key, name: '', kind: 'direct', ownerId: null })) ??
      (await this.rooms.findByKey(key));
    if (!room) throw new RoomNotFoundError();
    for (const memberId of [user.id, peer.id]) {
      if (await this.members.find(room.id, memberId)) {
        this.broadcaster.subscribeUser(memberId, room.id);
        continue;
      }
      await this.checkCapacity(memberId);
      const created = await this.addMember(room, memberId);
      if (created && memberId !== user.id) this.broadcaster.toUser(memberId, 'room:added', { room: room.id, info: toRoomView(room) });
    }
    return { room: room.id, info: toRoomView(room), peer };
  }

  /** Adds a member chosen by the owner (room:invite); false when they were one already. */
  async addInvited(room: RoomRecord, userId: string): Promise<boolean> {
    if (await this.members.find(room.id, userId)) return false;
    await this.checkCapacity(userId);
    const created = await this.addMember(room, userId);
    if (created) this.broadcaster.toUser(userId, 'room:added', { room: room.id, info: toRoomView(room) });
    return created;
  }

  /** The ids of the rooms a connection of this user should hear (all their memberships, bounded). */
  async memberRoomIds(userId: string): Promise<string[]> {
    const memberships = await this.members.ofUser(userId, ROOMS_PER_USER_MAX);
    return memberships.map((membership) => membership.room);
  }

  private async addMember(room: RoomRecord, userId: string): Promise<boolean> {
    const { created } = await this.members.add(room.id, userId, this.clock.now());
    this.broadcaster.subscribeUser(userId, room.id);
    return created;
  }

  private async checkCapacity(userId: string): Promise<void> {
    if ((await this.members.countOfUser(userId)) >= ROOMS_PER_USER_MAX) throw new TooManyRoomsError(ROOMS_PER_USER_MAX);
  }
}
