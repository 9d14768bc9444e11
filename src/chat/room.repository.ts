import mongoose, { Types } from 'mongoose';
import { Service } from 'typedi';
import { isDuplicateKeyError } from '../database/duplicate-key';
import { Room, RoomModel } from './room.model';
import type { RoomKind } from './room-ids';
import type { RoomRecord } from './room-record';

type RoomDocument = Room & { _id: string };

export interface NewRoom {
  id: string;
  key: string;
  name: string;
  kind: RoomKind;
  ownerId: string | null;
}

/** All access to the rooms collection. Returns plain records. */
@Service()
export class RoomRepository {
  /** Inserts the room, or returns undefined when its key is taken (an address in use, a pair's direct room). */
  async insert(room: NewRoom): Promise<RoomRecord | undefined> {
    try {
      const created = await RoomModel.create({
        _id: room.id,
        key: room.key,
        name: room.name,
        kind: room.kind,
        owner: room.ownerId === null ? null : new Types.ObjectId(room.ownerId),
      });
      return toRecord(created.toObject() as RoomDocument);
    } catch (error) {
      if (isDuplicateKeyError(error)) return undefined;
      throw error;
    }
  }

  async findById(id: string): Promise<RoomRecord | undefined> {
    const doc = await RoomModel.findById(id).lean<RoomDocument>();
    return doc ? toRecord(doc) : undefined;
  }

  async findByKey(key: string): Promise<RoomRecord | undefined> {
    const doc = await RoomModel.findOne({ key }).lean<RoomDocument>();
    return doc ? toRecord(doc) : undefined;
  }

  async findByIds(ids: readonly string[]): Promise<RoomRecord[]> {
    if (ids.length === 0) return [];
    // Trusted: sanitizeFilter would neutralise the operator; the ids come from stored memberships.
    const docs = await RoomModel.find({ _id: mongoose.trusted({ $in: [...ids] }) }).lean<RoomDocument[]>();
    return docs.map(toRecord);
  }

  /** Public rooms, newest first, leaving out `excluded` ids. */
  async findPublic(limit: number, excluded: readonly string[]): Promise<RoomRecord[]> {
    const docs = await RoomModel.find({ kind: 'public', _id: mongoose.trusted({ $nin: [...excluded] }) })
      .sort({ createdAt: -1, _id: 1 })
      .limit(limit)
      .lean<RoomDocument[]>();
    return docs.map(toRecord);
  }

  async rename(id: string, name: string): Promise<RoomRecord | undefined> {
    const doc = await RoomModel.findByIdAndUpdate(id, { $set: { name } }, { returnDocument: 'after' }).lean<RoomDocument>();
    return doc ? toRecord(doc) : undefined;
  }

  async delete(id: string): Promise<void> {
    await RoomModel.deleteOne({ _id: id });
  }
}

function toRecord(doc: RoomDocument): RoomRecord {
  return {
    id: doc._id,
    name: doc.name,
    kind: doc.kind,
    ownerId: doc.owner ? doc.owner.toHexString() : null,
    createdAt: doc.createdAt,
  };
}
