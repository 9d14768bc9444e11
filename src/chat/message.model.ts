import { getModelForClass, index, modelOptions, prop } from '@typegoose/typegoose';
import { Types } from 'mongoose';

@modelOptions({ schemaOptions: { collection: 'messages', timestamps: { createdAt: true, updatedAt: false }, versionKey: false } })
// History pages walk a room newest first; _id breaks ties between equal createdAt values.
@index({ room: 1, createdAt: -1, _id: -1 })
// The sequence: one message per (room, seq). The seq allocator relies on this index refusing the
// second of two concurrent inserts of the same seq (message.repository.ts).
@index({ room: 1, seq: 1 }, { unique: true })
// "(author, clientMsgId) is unique where clientMsgId is set" would need a partial index, which
// FerretDB 1.x lacks. dedupeKey is always set instead: `c:<clientMsgId>` when the client sent one,
// `s:<random>` otherwise, so the plain unique index below enforces exactly that rule everywhere.
@index({ author: 1, dedupeKey: 1 }, { unique: true })
export class Message {
  @prop({ required: true })
  public room!: string;

  /** 1, 2, 3, ... per room, no gaps: a seq exists only because its message does. */
  @prop({ required: true })
  public seq!: number;

  @prop({ required: true, type: () => Types.ObjectId })
  public author!: Types.ObjectId;

  /** Stored as sent (after trimming): no HTML escaping here, clients escape when they render. Absent on tombstones. */
  @prop()
  public text?: string;

  @prop()
  public clientMsgId?: string;

  @prop({ required: true })
  public dedupeKey!: string;

  @prop()
  public editedAt?: Date;

  /** Set when deleted: the row stays as a tombstone so its seq is never reused. */
  @prop()
  public deletedAt?: Date;

  @prop({ type: () => Types.ObjectId })
  public deletedBy?: Types.ObjectId;

  public createdAt!: Date;
}

export const MessageModel = getModelForClass(Message);
