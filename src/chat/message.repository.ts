import mongoose, { Types } from 'mongoose';
import { Service } from 'typedi';
import { isDuplicateKeyError } from '../database/duplicate-key';
import { Message, MessageModel } from './message.model';
import type { HistoryPosition, MessageRecord } from './message-record';

type MessageDocument = Message & { _id: Types.ObjectId };

export interface NewMessage {
  room: string;
  authorId: string;
  text: string;
  clientMsgId?: string;
}

// Built here, never from input, so sanitizeFilter must let them through.
const notDeleted = () => mongoose.trusted({ $exists: false });

/** What an insert at a chosen seq came to; `seq_taken` means another send holds that seq now. */
export type InsertOutcome = { record: MessageRecord; created: boolean } | 'seq_taken';

/** All access to the messages collection. Returns plain records. */
@Service()
export class MessageRepository {
  /**
   * Stores the message at `seq`, once per (author, clientMsgId). The unique (room, seq) index
   * refuses a seq that is taken: no transaction, and a seq exists only if its message does, so
   * there are never gaps. `created` is false when an earlier send with the same clientMsgId was
   * stored already; that message is returned. MessageSequencer picks the seq and retries.
   */
  async insertAt(message: NewMessage, seq: number, dedupeKey: string): Promise<InsertOutcome> {
    try {
      const created = await MessageModel.create({ ...message, seq, author: message.authorId, dedupeKey });
      return { record: toRecord(created.toObject()), created: true };
    } catch (error) {
      if (!isDuplicateKeyError(error)) throw error;
      // Which index refused? Asking the data, not the driver's message (its wording differs
      // between MongoDB and FerretDB): a stored (author, dedupeKey) means a repeated send.
      const existing = await MessageModel.findOne({ author: message.authorId, dedupeKey }).lean<MessageDocument>();
      return existing ? { record: toRecord(existing), created: false } : 'seq_taken';
    }
  }

  /**
   * Stores a run of messages with consecutive seqs in one round trip. The insert is ordered: it
   * stops at the first message an index refuses, so the stored ones are always a prefix of the
   * run and the room's seqs stay gapless. 'refused' means a unique index refused one of them
   * (a taken seq or a repeated clientMsgId); the caller settles each message on its own then.
   */
  async insertRun(
    run: readonly { id: string; message: NewMessage; seq: number; dedupeKey: string }[],
  ): Promise<MessageRecord[] | 'refused'> {
    try {
      const docs = await MessageModel.insertMany(
        run.map(({ id, message, seq, dedupeKey }) => ({
          ...message,
          _id: new Types.ObjectId(id),
          seq,
          author: message.authorId,
          dedupeKey,
        })),
        { ordered: true },
      );
      return docs.map((doc) => toRecord(doc.toObject()));
    } catch (error) {
      if (isDuplicateKeyError(error)) return 'refused';
      throw error;
    }
  }

  async findById(id: string): Promise<MessageRecord | undefined> {
    const doc = await MessageModel.findById(id).lean<MessageDocument>();
    return doc ? toRecord(doc) : undefined;
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
