import { randomUUID } from 'node:crypto';
import mongoose, { Types } from 'mongoose';
import { Service } from 'typedi';
import { isDuplicateKeyError } from '../database/duplicate-key';
import { SequenceContentionError } from './chat-errors';
import { KeyedQueue } from './keyed-queue';
import { Message, MessageModel } from './message.model';
import type { HistoryPosition, MessageRecord } from './message-record';

type MessageDocument = Message & { _id: Types.ObjectId };

export interface NewMessage {
  room: string;
  authorId: string;
  text: string;
  clientMsgId?: string;
}

/** Attempts per send before giving up; each failed one means another instance just took that seq. */
const MAX_SEQ_ATTEMPTS = 100;
// Built here, never from input, so sanitizeFilter must let them through.
const notDeleted = () => mongoose.trusted({ $exists: false });

/** All access to the messages collection. Returns plain records. */
@Service()
export class MessageRepository {
  private readonly perRoom = new KeyedQueue();

  /**
   * Stores a message once per (author, clientMsgId) with the room's next seq. `created` is false
   * when an earlier send with the same clientMsgId was stored already; that message is returned.
   *
   * The seq is the room's highest + 1, inserted under the unique (room, seq) index: no
   * transaction, and a seq exists only if its message does, so there are never gaps. Two
   * instances that pick the same seq collide on the index; the loser reads the new highest and
   * tries again. Sends of one room are queued within this instance, so it never races itself.
   */
  async createOnce(message: NewMessage): Promise<{ record: MessageRecord; created: boolean }> {
    const dedupeKey = message.clientMsgId === undefined ? `s:${randomUUID()}` : `c:${message.clientMsgId}`;
    return this.perRoom.run(message.room, async () => {
      for (let attempt = 0; attempt < MAX_SEQ_ATTEMPTS; attempt += 1) {
        const seq = (await this.lastSeq(message.room)) + 1;
        try {
          const created = await MessageModel.create({ ...message, seq, author: message.authorId, dedupeKey });
          return { record: toRecord(created.toObject()), created: true };
        } catch (error) {
          if (!isDuplicateKeyError(error)) throw error;
          // Which index refused? Asking the data, not the driver's message (its wording differs
          // between MongoDB and FerretDB): a stored (author, dedupeKey) means a repeated send.
          const existing = await MessageModel.findOne({ author: message.authorId, dedupeKey }).lean<MessageDocument>();
          if (existing) return { record: toRecord(existing), created: false };
        }
      }
      throw new SequenceContentionError();
    });
  }

  /** The room's highest seq, 0 when it has no messages. */
  async lastSeq(room: string): Promise<number> {
    const doc = await MessageModel.findOne({ room }).sort({ seq: -1 }).select({ seq: 1 }).lean<{ seq?: number }>();
    return doc?.seq ?? 0;
  }

  /** The room's newest message (or tombstone). */
  async last(room: string): Promise<MessageRecord | undefined> {
    const doc = await MessageModel.findOne({ room }).sort({ seq: -1 }).lean<MessageDocument>();
    return doc ? toRecord(doc) : undefined;
  }

  async findBySeq(room: string, seq: number): Promise<MessageRecord | undefined> {
    const doc = await MessageModel.findOne({ room, seq }).lean<MessageDocument>();
    return doc ? toRecord(doc) : undefined;
  }

  /** Up to `limit` messages with seq > afterSeq, oldest first. */
  async findAfter(room: string, afterSeq: number, limit: number): Promise<MessageRecord[]> {
    const docs = await MessageModel.find({ room, seq: mongoose.trusted({ $gt: afterSeq }) })
      .sort({ seq: 1 })
      .limit(limit)
      .lean<MessageDocument[]>();
    return docs.map(toRecord);
  }

  /** Messages (not tombstones) after `afterSeq` written by someone other than `readerId`. */
  async countUnread(room: string, afterSeq: number, readerId: string): Promise<number> {
    return MessageModel.countDocuments({
      room,
      seq: mongoose.trusted({ $gt: afterSeq }),
      author: mongoose.trusted({ $ne: new Types.ObjectId(readerId) }),
      deletedAt: notDeleted(),
    });
  }

  /** Replaces the text of a message that is not deleted; undefined when there is none. */
  async edit(room: string, seq: number, text: string, editedAt: Date): Promise<MessageRecord | undefined> {
    const doc = await MessageModel.findOneAndUpdate(
      { room, seq, deletedAt: notDeleted() },
      { $set: { text, editedAt } },
      { returnDocument: 'after' },
    ).lean<MessageDocument>();
    return doc ? toRecord(doc) : undefined;
  }

  /** Turns a message into a tombstone (text removed, seq kept); undefined when it was one already. */
  async tombstone(room: string, seq: number, deletedBy: string, deletedAt: Date): Promise<MessageRecord | undefined> {
    const doc = await MessageModel.findOneAndUpdate(
      { room, seq, deletedAt: notDeleted() },
      { $set: { deletedAt, deletedBy: new Types.ObjectId(deletedBy) }, $unset: { text: 1, editedAt: 1 } },
      { returnDocument: 'after' },
    ).lean<MessageDocument>();
    return doc ? toRecord(doc) : undefined;
  }

  async deleteRoom(room: string): Promise<void> {
    await MessageModel.deleteMany({ room });
  }

  /** Up to `limit` messages of a room, newest first, strictly older than `before`. */
  async findPage(room: string, limit: number, before?: HistoryPosition): Promise<MessageRecord[]> {
    const filter: mongoose.QueryFilter<Message> = { room };
    if (before) {
      // sanitizeFilter would neutralise these operators; they are built here, not taken from input.
      const id = new Types.ObjectId(before.id);
      filter.$or = [
        { createdAt: mongoose.trusted({ $lt: before.createdAt }) },
        { createdAt: before.createdAt, _id: mongoose.trusted({ $lt: id }) },
      ];
    }
    const docs = await MessageModel.find(filter).sort({ createdAt: -1, _id: -1 }).limit(limit).lean<MessageDocument[]>();
    return docs.map(toRecord);
  }
}

function toRecord(doc: MessageDocument): MessageRecord {
  return {
    id: doc._id.toHexString(),
    room: doc.room,
    seq: doc.seq,
    authorId: doc.author.toHexString(),
    ...(doc.text === undefined ? {} : { text: doc.text }),
    ...(doc.clientMsgId === undefined ? {} : { clientMsgId: doc.clientMsgId }),
    createdAt: doc.createdAt,
    ...(doc.editedAt ? { editedAt: doc.editedAt } : {}),
    ...(doc.deletedAt ? { deletedAt: doc.deletedAt } : {}),
  };
}
