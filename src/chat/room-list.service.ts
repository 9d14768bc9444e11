import { Service } from 'typedi';
import type { ChatMessage } from './chat-message';
import type { ChatUser } from './chat-user';
import { ChatUsers } from './chat-users';
import { DISCOVER_LIMIT, MEMBERS_LIST_MAX, ROOMS_PER_USER_MAX } from './chat.constants';
import { MessagePresenter } from './message-presenter';
import { MessageRepository } from './message.repository';
import { RoomMemberRepository } from './room-member.repository';
import { toRoomView, type MembershipRecord, type RoomRecord, type RoomView } from './room-record';
import { RoomPolicy } from './room.policy';
import { RoomPresence } from './room-presence';
import { RoomRepository } from './room.repository';

/** One of the caller's rooms in room:list. */
export interface MyRoom extends RoomView {
  lastSeq: number;
  lastReadSeq: number;
  unread: number;
  lastMessage: ChatMessage | null;
  /** Direct rooms: the other member. */
  peer?: ChatUser;
}

export interface RoomMemberView extends ChatUser {
  joinedAt: string;
  online: boolean;
}

/** What a user sees of rooms: their own (with unread counts), public ones to discover, members. */
@Service()
export class RoomListService {
  constructor(
    private readonly rooms: RoomRepository,
    private readonly members: RoomMemberRepository,
    private readonly messages: MessageRepository,
    private readonly presenter: MessagePresenter,
    private readonly users: ChatUsers,
    private readonly presence: RoomPresence,
    private readonly policy: RoomPolicy,
  ) {}

  async list(user: ChatUser): Promise<{ rooms: MyRoom[]; discover: RoomView[] }> {
    const memberships = await this.members.ofUser(user.id, ROOMS_PER_USER_MAX);
    const ids = memberships.map((membership) => membership.room);
    const [rooms, discover] = await Promise.all([this.rooms.findByIds(ids), this.rooms.findPublic(DISCOVER_LIMIT, ids)]);
    const byId = new Map(rooms.map((room) => [room.id, room]));
    const mine = await Promise.all(
      memberships.flatMap((membership) => {
        const room = byId.get(membership.room);
        return room ? [this.describe(room, membership, user.id)] : [];
      }),
    );
    return { rooms: mine, discover: discover.map(toRoomView) };
  }

  /** The stored members, oldest first, each with whether a connection of theirs is in the room now. */
  async membersOf(reader: ChatUser, roomId: string): Promise<{ room: string; members: RoomMemberView[] }> {
    await this.policy.authorizeExisting('read', reader.id, roomId);
    const [memberships, online] = await Promise.all([this.members.ofRoom(roomId, MEMBERS_LIST_MAX), this.presence.members(roomId)]);
    const users = await this.users.findMany(memberships.map((membership) => membership.userId));
    const onlineIds = new Set(online.map((member) => member.id));
    return {
      room: roomId,
      members: memberships.flatMap((membership) => {
        const member = users.get(membership.userId);
        return member ? [{ ...member, joinedAt: membership.joinedAt.toISOString(), online: onlineIds.has(member.id) }] : [];
      }),
    };
  }

  private async describe(room: RoomRecord, membership: MembershipRecord, userId: string): Promise<MyRoom> {
    const [last, unread, peer] = await Promise.all([
      this.messages.last(room.id),
      this.messages.countUnread(room.id, membership.lastReadSeq, userId),
      room.kind === 'direct' ? this.peerOf(room.id, userId) : Promise.resolve(undefined),
    ]);
    return {
      ...toRoomView(room),
      lastSeq: last?.seq ?? 0,
      lastReadSeq: membership.lastReadSeq,
      unread,
      lastMessage: last ? await this.presenter.presentOne(last) : null,
      ...(peer ? { peer } : {}),
    };
  }

  private async peerOf(roomId: string, userId: string): Promise<ChatUser | undefined> {
    const pair = await this.members.ofRoom(roomId, 2);
    const peerId = pair.find((membership) => membership.userId !== userId)?.userId;
    return peerId ? (await this.users.findMany([peerId])).get(peerId) : undefined;
  }
}
