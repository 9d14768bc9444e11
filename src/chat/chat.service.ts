import { Inject, Service } from 'typedi';
import { CLOCK, type Clock } from '../common/clock';
import { AppMetrics } from '../metrics/app-metrics';
import { ChatBroadcaster } from './chat-broadcaster';
import { MessageDeletedError } from './chat-errors';
import type { ChatMessage, HistoryPage, SyncPage } from './chat-message';
import { toChatMessage } from './chat-message';
import type { ChatUser } from './chat-user';
import { HISTORY_DEFAULT_LIMIT, SYNC_MAX_LIMIT } from './chat.constants';
import { decodeCursor, encodeCursor } from './history-cursor';
import { MessagePresenter } from './message-presenter';
import { MessageRepository } from './message.repository';
import { MessageSequencer } from './message-sequencer';
import type { RoomRecord } from './room-record';
import { RoomPolicy } from './room.policy';

export interface SendMessageInput {
  room: string;
  text: string;
  clientMsgId?: string;
}

/** What the others in a room are told when someone types there. */
export interface TypingNotice {
  room: string;
  user: ChatUser;
}

export interface HistoryQuery {
  room: string;
  before?: string;
  limit?: number;
}

export interface SyncQuery {
  room: string;
  afterSeq: number;
  limit?: number;
}

export interface MessageRef {
  room: string;
  seq: number;
}

/**
 * Messages: who may post and read (RoomPolicy), idempotent sends with gapless seqs, history and
 * sync pages, edits and deletes. Everyone in the room is told through ChatBroadcaster.
 */
@Service()
export class ChatService {
  constructor(
    private readonly messages: MessageRepository,
    private readonly sequencer: MessageSequencer,
    private readonly presenter: MessagePresenter,
    private readonly policy: RoomPolicy,
    private readonly broadcaster: ChatBroadcaster,
    @Inject(CLOCK) private readonly clock: Clock,
    private readonly metrics: AppMetrics,
  ) {}

  /**
   * Stores a message and tells the room; `created` is false for a repeated clientMsgId, in which
   * case the message stored the first time is returned and nobody is told again.
   */
  async send(author: ChatUser, input: SendMessageInput): Promise<{ message: ChatMessage; created: boolean }> {
    // Its place in the room's line is taken on arrival, so the checks of concurrent sends, which
    // finish in any order, cannot reorder them: a client's messages get seqs in the order sent.
    const place = this.sequencer.reserve(input.room);
    let room: RoomRecord;
    try {
      ({ room } = await this.policy.authorizeExisting('post', author.id, input.room));
    } catch (error) {
      place.cancel();
      throw error;
    }
    const { record, created } = await place.append(room, { ...input, authorId: author.id });
    const message = toChatMessage(record, author);
    if (created) {
      this.broadcaster.toRoom(input.room, 'message:new', message);
      this.metrics.messageSent();
    }
    return { message, created };
  }

  /** The notice to relay when `user` types in `room`; nothing is stored. */
  async typing(user: ChatUser, room: string): Promise<TypingNotice> {
    await this.policy.authorize('post', user.id, room);
    return { room, user };
  }

  /** One page of a room's messages, newest first. */
  async history(reader: ChatUser, query: HistoryQuery): Promise<HistoryPage> {
    await this.policy.authorize('read', reader.id, query.room);
    const limit = query.limit ?? HISTORY_DEFAULT_LIMIT;
    // One extra row tells whether an older page exists, so nextBefore is null exactly at the end.
    const before = query.before === undefined ? undefined : decodeCursor(query.before);
    const records = await this.messages.findPage(query.room, limit + 1, before);
    const page = records.slice(0, limit);
    const last = page[page.length - 1];
    return { messages: await this.presenter.present(page), nextBefore: records.length > limit && last ? encodeCursor(last) : null };
  }

  /** Everything after afterSeq, oldest first, edits and tombstones as they are now. */
  async sync(reader: ChatUser, query: SyncQuery): Promise<SyncPage> {
    await this.policy.authorize('read', reader.id, query.room);
    const limit = query.limit ?? SYNC_MAX_LIMIT;
    const records = await this.messages.findAfter(query.room, query.afterSeq, limit + 1);
    const page = records.slice(0, limit);
    const lastSeq = await this.messages.lastSeq(query.room);
    return {
      room: query.room,
      messages: await this.presenter.present(page),
      hasMore: records.length > limit,
      nextAfterSeq: page[page.length - 1]?.seq ?? query.afterSeq,
      lastSeq,
    };
  }

  async edit(editor: ChatUser, ref: MessageRef, text: string): Promise<ChatMessage> {
    await this.policy.authorizeMessage('edit', editor.id, ref.room, ref.seq);
    const record = await this.messages.edit(ref.room, ref.seq, text, this.clock.now());
    // Allowed a moment ago, gone now: deleted in between.
    if (!record) throw new MessageDeletedError();
    const message = await this.presenter.presentOne(record);
    this.broadcaster.toRoom(ref.room, 'message:updated', message);
    return message;
  }

  /** Tombstones the message; deleting a tombstone answers it again and tells nobody. */
  async delete(actor: ChatUser, ref: MessageRef): Promise<ChatMessage> {
    const found = await this.policy.authorizeMessage('delete', actor.id, ref.room, ref.seq);
    const tombstone = found.deletedAt ? undefined : await this.messages.tombstone(ref.room, ref.seq, actor.id, this.clock.now());
    const message = await this.presenter.presentOne(tombstone ?? (await this.messages.findBySeq(ref.room, ref.seq)) ?? found);
    if (tombstone) this.broadcaster.toRoom(ref.room, 'message:deleted', message);
    return message;
  }
}
