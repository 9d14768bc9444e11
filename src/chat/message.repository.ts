import { randomUUID } from 'node:crypto';
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

/** All access to the messages collection. Returns plain records. */
@Service()
export class MessageRepository {
  /**
   * Stores a message once per (author, clientMsgId). `created` is false when an earlier send
   * with the same clientMsgId was stored already (a retry, or a concurrent duplicate that lost
   * the race on the unique index); the earlier message is returned then.
   */
  async createOnce(message: NewMessage): Promise<{ record: MessageRecord; created: boolean }> {
    const dedupeKey = message.clientMsgId === undefined ? `s:${randomUUID()}` : `c:${message.clientMsgId}`;
    try {
      const created = await MessageModel.create({ ...message, author: message.authorId, dedupeKey });
      return { record: toRecord(created.toObject()), created: true };
    } catch (error) {
      if (!isDuplicateKeyError(error)) throw error;
      const existing = await MessageModel.findOne({ author: message.authorId, dedupeKey }).lean<MessageDocument>();
      // The index refused the insert, so the row exists unless it was deleted in between.
      if (!existing) throw error;
      return { record: toRecord(existing), created: false };
    }
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
    authorId: doc.author.toHexString(),
    text: doc.text,
    ...(doc.clientMsgId === undefined ? {} : { clientMsgId: doc.clientMsgId }),
    createdAt: doc.createdAt,
  };
}
