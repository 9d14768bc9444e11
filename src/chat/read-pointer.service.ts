import { Service } from 'typedi';
import { ChatBroadcaster } from './chat-broadcaster';
import type { ChatUser } from './chat-user';
import { MessageRepository } from './message.repository';
import { RoomMemberRepository } from './room-member.repository';
import { RoomPolicy } from './room.policy';

export interface ReadState {
  room: string;
  lastReadSeq: number;
  unread: number;
}

/** Read pointers: where each member has read up to, and the unread counts derived from it. */
@Service()
export class ReadPointerService {
  constructor(
    private readonly members: RoomMemberRepository,
    private readonly messages: MessageRepository,
    private readonly policy: RoomPolicy,
    private readonly broadcaster: ChatBroadcaster,
  ) {}

  /**
   * Raises the reader's pointer to `seq` (capped at the room's last seq; never lowered). When it
   * moved, all the reader's connections learn the new state, and in a direct room the other
   * member gets a read receipt.
   */
  async markRead(reader: ChatUser, roomId: string, seq: number): Promise<ReadState> {
    const { room } = await this.policy.authorizeExisting('read', reader.id, roomId);
    const target = Math.min(seq, await this.messages.lastSeq(roomId));
    const { lastReadSeq, moved } = await this.members.raiseReadPointer(roomId, reader.id, target);
    const state = { room: roomId, lastReadSeq, unread: await this.messages.countUnread(roomId, lastReadSeq, reader.id) };
    if (moved) {
      this.broadcaster.toUser(reader.id, 'room:read', state);
      if (room.kind === 'direct') {
        this.broadcaster.toRoomExceptUser(roomId, reader.id, 'message:read', { room: roomId, userId: reader.id, seq: lastReadSeq });
      }
    }
    return state;
  }
}
