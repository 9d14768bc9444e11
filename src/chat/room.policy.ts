import { Inject, Service } from 'typedi';
import { CLOCK, type Clock } from '../common/clock';
import type { AppConfig } from '../config/app-config';
import { APP_CONFIG } from '../config/app-config.token';
import {
  DirectRoomFixedError,
  EditWindowClosedError,
  MessageDeletedError,
  MessageNotFoundError,
  NotAuthorError,
  NotMemberError,
  NotOwnerError,
  OwnerCannotLeaveError,
  RoomNotFoundError,
} from './chat-errors';
import { ChatUsers } from './chat-users';
import { MessageRepository } from './message.repository';
import type { MessageRecord } from './message-record';
import { isPublicRoomId } from './room-ids';
import { RoomMemberRepository } from './room-member.repository';
import type { MembershipRecord, RoomRecord } from './room-record';
import { RoomRepository } from './room.repository';

/** What one may do with a room. `read`: history, sync, members, read pointer. `manage`: invite, remove, rename, delete. */
export type RoomAction = 'join' | 'leave' | 'read' | 'post' | 'manage';
export type MessageAction = 'edit' | 'delete';

/** A room as the policy found it for one caller; `room` is absent for a public address not created yet. */
export interface RoomAccess {
  roomId: string;
  room?: RoomRecord;
  membership?: MembershipRecord;
}

/**
 * THE room rule, for sockets and HTTP alike. Throws the refusal, in this order: an unknown room,
 * or a private/direct room the caller is not in, is room_not_found for every action (so the two
 * cannot be told apart); a public address nobody created yet is an empty public room.
 */
export function decideRoom(action: RoomAction, access: RoomAccess, actorId: string): void {
  const { room, membership } = access;
  if (!room) {
    if (!isPublicRoomId(access.roomId) || action === 'manage') throw new RoomNotFoundError();
    if (action === 'read' || action === 'post') throw new NotMemberError();
    return; // join creates it; leave has nothing to leave
  }
  if (room.kind !== 'public' && !membership) throw new RoomNotFoundError();
  if ((action === 'read' || action === 'post') && !membership) throw new NotMemberError();
  if ((action === 'leave' || action === 'manage') && room.kind === 'direct') throw new DirectRoomFixedError();
  if (action === 'leave' && membership && room.ownerId === actorId) throw new OwnerCannotLeaveError();
  if (action === 'manage' && room.ownerId !== actorId) throw new NotOwnerError();
}

/** Authors edit and delete their own messages within the window; admins delete any message. */
export function decideMessage(
  action: MessageAction,
  message: MessageRecord,
  actor: { id: string; isAdmin: boolean },
  now: Date,
  windowSeconds: number,
): void {
  if (action === 'delete' && actor.isAdmin) return;
  if (message.authorId !== actor.id) throw new NotAuthorError();
  if (action === 'edit' && message.deletedAt) throw new MessageDeletedError();
  if (now.getTime() - message.createdAt.getTime() > windowSeconds * 1000) throw new EditWindowClosedError(windowSeconds);
}

/** Loads what the rules need and applies them; every chat path that asks "may they?" comes here. */
@Service()
export class RoomPolicy {
  constructor(
    private readonly rooms: RoomRepository,
    private readonly members: RoomMemberRepository,
    private readonly messages: MessageRepository,
    private readonly users: ChatUsers,
    @Inject(CLOCK) private readonly clock: Clock,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  /** The room and the caller's membership, once `action` is allowed. */
  async authorize(action: RoomAction, actorId: string, roomId: string): Promise<RoomAccess> {
    const access = await this.load(roomId, actorId);
    decideRoom(action, access, actorId);
    return access;
  }

  /** As authorize(), for a room that must exist (every action but join and leave guarantees it). */
  async authorizeExisting(action: RoomAction, actorId: string, roomId: string): Promise<Required<Pick<RoomAccess, 'room'>> & RoomAccess> {
    const access = await this.authorize(action, actorId, roomId);
    if (!access.room) throw new RoomNotFoundError();
    return { ...access, room: access.room };
  }

  /** The message at (room, seq), once `action` on it is allowed to the caller. */
  async authorizeMessage(action: MessageAction, actorId: string, roomId: string, seq: number): Promise<MessageRecord> {
    const isAdmin = action === 'delete' && (await this.users.isAdmin(actorId));
    const access = await this.load(roomId, actorId);
    // An admin moderates any room, without being a member; everyone else must be able to post there.
    if (isAdmin) {
      if (!access.room) throw new RoomNotFoundError();
    } else {
      decideRoom('post', access, actorId);
    }
    const message = await this.messages.findBySeq(roomId, seq);
    if (!message) throw new MessageNotFoundError();
    decideMessage(action, message, { id: actorId, isAdmin }, this.clock.now(), this.config.chat.editWindowSeconds);
    return message;
  }

  private async load(roomId: string, actorId: string): Promise<RoomAccess> {
    const [room, membership] = await Promise.all([this.rooms.findById(roomId), this.members.find(roomId, actorId)]);
    return { roomId, ...(room ? { room } : {}), ...(room && membership ? { membership } : {}) };
  }
}
