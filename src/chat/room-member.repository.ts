import mongoose, { isValidObjectId, Types } from 'mongoose';
import { Service } from 'typedi';
import { isDuplicateKeyError } from '../database/duplicate-key';
import { membershipId, RoomMember, RoomMemberModel } from './room-member.model';
import type { MembershipRecord } from './room-record';

type MemberDocument = RoomMember;

/** All access to the room_members collection. Returns plain records. */
@Service()
export class RoomMemberRepository {
  /** Makes the user a member; `created` is false when they were one already (also under a race). */
  async add(room: string, userId: string, joinedAt: Date): Promise<{ created: boolean }> {
    try {
      const result = await RoomMemberModel.updateOne(
        { _id: membershipId(room, userId) },
        { $setOnInsert: { room, user: new Types.ObjectId(userId), lastReadSeq: 0, joinedAt } },
        { upsert: true },
      );
      return { created: result.upsertedCount > 0 };
    } catch (error) {
      // Two upserts of one new membership at once, or a membership stored under its old ObjectId
      // key: the unique (room, user) index lets only one exist.
      if (isDuplicateKeyError(error)) return { created: false };
      throw error;
    }
  }

  /** Ends a membership; true when there was one. */
  async remove(room: string, userId: string): Promise<boolean> {
    if (!isValidObjectId(userId)) return false;
    const result = await RoomMemberModel.deleteOne({ room, user: new Types.ObjectId(userId) });
    return result.deletedCount > 0;
  }

  async removeAll(room: string): Promise<void> {
    await RoomMemberModel.deleteMany({ room });
  }

  async find(room: string, userId: string): Promise<MembershipRecord | undefined> {
    if (!isValidObjectId(userId)) return undefined;
    const doc =
      (await RoomMemberModel.findById(membershipId(room, userId)).lean<MemberDocument>()) ??
      // Memberships stored before membershipId() have an ObjectId key: a miss asks by (room, user).
      // Only non-members and those older memberships pay for it.
      (await RoomMemberModel.findOne({ room, user: new Types.ObjectId(userId) }).lean<MemberDocument>());
    return doc ? toRecord(doc) : undefined;
  }

  /** The user's memberships, newest first, at most `limit`. */
  async ofUser(userId: string, limit: number): Promise<MembershipRecord[]> {
    const docs = await RoomMemberModel.find({ user: new Types.ObjectId(userId) })
      .sort({ joinedAt: -1, _id: -1 })
      .limit(limit)
      .lean<MemberDocument[]>();
    return docs.map(toRecord);
  }

  async countOfUser(userId: string): Promise<number> {
    return RoomMemberModel.countDocuments({ user: new Types.ObjectId(userId) });
  }

  /** The room's members, oldest first. */
  async ofRoom(room: string, limit: number): Promise<MembershipRecord[]> {
    const docs = await RoomMemberModel.find({ room }).sort({ joinedAt: 1, _id: 1 }).limit(limit).lean<MemberDocument[]>();
    return docs.map(toRecord);
  }

  /**
   * Raises the read pointer to `seq` (never lowers it: the filter only matches a lower pointer,
   * the same effect as $max but telling whether it moved). Returns the pointer now stored.
   */
  async raiseReadPointer(room: string, userId: string, seq: number): Promise<{ lastReadSeq: number; moved: boolean }> {
    const user = new Types.ObjectId(userId);
    const moved = await RoomMemberModel.findOneAndUpdate(
      { room, user, lastReadSeq: mongoose.trusted({ $lt: seq }) },
      { $max: { lastReadSeq: seq } },
      { returnDocument: 'after' },
    ).lean<MemberDocument>();
    if (moved) return { lastReadSeq: moved.lastReadSeq, moved: true };
    const current = await RoomMemberModel.findOne({ room, user }).lean<MemberDocument>();
    return { lastReadSeq: current?.lastReadSeq ?? 0, moved: false };
  }
}

function toRecord(doc: MemberDocument): MembershipRecord {
  return { room: doc.room, userId: doc.user.toHexString(), lastReadSeq: doc.lastReadSeq, joinedAt: doc.joinedAt };
}
