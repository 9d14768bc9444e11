import { Service } from 'typedi';
import { ChatBroadcaster } from './chat-broadcaster';
import { ChatUserNotFoundError, OwnerCannotLeaveError, RoomNotFoundError } from './chat-errors';
import type { ChatUser } from './chat-user';
import { ChatUsers } from './chat-users';
import { MessageRepository } from './message.repository';
import { RoomMemberRepository } from './room-member.repository';
import { toRoomView } from './room-record';
import { RoomPolicy } from './room.policy';
import { RoomRepository } from './room.repository';
import { RoomsService, type RoomResult } from './rooms.service';

/** What only a room's owner may do: invite, remove, rename, delete (RoomPolicy 'manage'). */
@Service()
export class RoomOwnerService {
  constructor(
    private readonly rooms: RoomRepository,
    private readonly members: RoomMemberRepository,
    private readonly messages: MessageRepository,
    private readonly users: ChatUsers,
    private readonly memberships: RoomsService,
    private readonly policy: RoomPolicy,
    private readonly broadcaster: ChatBroadcaster,
  ) {}

  /** Makes `userId` a member; inviting a member again changes nothing. Returns whether it changed anything. */
  async invite(owner: ChatUser, roomId: string, userId: string): Promise<boolean> {
    const { room } = await this.policy.authorizeExisting('manage', owner.id, roomId);
    if (!(await this.users.find(userId))) throw new ChatUserNotFoundError();
    return this.memberships.addInvited(room, userId);
  }

  /**
   * Ends `userId`'s membership: they are told (`room:removed`), then every connection of theirs,
   * on every instance, stops hearing the room. Removing a non-member changes nothing.
   */
  async remove(owner: ChatUser, roomId: string, userId: string): Promise<boolean> {
    const { room } = await this.policy.authorizeExisting('manage', owner.id, roomId);
    if (userId === room.ownerId) throw new OwnerCannotLeaveError();
    if (!(await this.members.remove(roomId, userId))) return false;
    this.broadcaster.toUser(userId, 'room:removed', { room: roomId, reason: 'removed' });
    this.broadcaster.unsubscribeUser(userId, roomId);
    return true;
  }

  /** Renames the room (its id stays) and tells everyone in it. */
  async rename(owner: ChatUser, roomId: string, name: string): Promise<RoomResult> {
    await this.policy.authorizeExisting('manage', owner.id, roomId);
    const room = await this.rooms.rename(roomId, name);
    if (!room) throw new RoomNotFoundError();
    const result = { room: room.id, info: toRoomView(room) };
    this.broadcaster.toRoom(roomId, 'room:updated', result);
    return result;
  }

  /**
   * Deletes the room, then its memberships and messages. The room goes first, so from then on the
   * policy refuses every action on it; everyone in it is told and unsubscribed.
   */
  async delete(owner: ChatUser, roomId: string): Promise<void> {
    await this.policy.authorizeExisting('manage', owner.id, roomId);
    await this.rooms.delete(roomId);
    this.broadcaster.toRoom(roomId, 'room:removed', { room: roomId, reason: 'deleted' });
    this.broadcaster.unsubscribeEveryone(roomId);
    await this.members.removeAll(roomId);
    await this.messages.deleteRoom(roomId);
  }
}
