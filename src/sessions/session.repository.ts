import mongoose, { isValidObjectId, Types } from 'mongoose';
import { Service } from 'typedi';
import { Session, SessionModel } from './session.model';
import type { SessionRecord } from './session-record';

type SessionDocument = Session & { _id: Types.ObjectId };

/** `id` comes from newId(): the refresh token carries it, so it is known before the insert. */
export type NewSession = Omit<SessionRecord, 'revokedAt'>;

/**
 * All access to the sessions collection. Operators in filters are wrapped in mongoose.trusted():
 * sanitizeFilter is on for the whole process and would otherwise turn them into literals.
 */
@Service()
export class SessionRepository {
  /** A fresh session id (an ObjectId, so MongoDB's _id index still grows at its end). */
  newId(): string {
    return new Types.ObjectId().toHexString();
  }

  async create({ id, ...session }: NewSession): Promise<SessionRecord> {
    const created = await SessionModel.create({ _id: id, ...session });
    return toRecord(created.toObject() as SessionDocument);
  }

  async findById(id: string): Promise<SessionRecord | undefined> {
    if (!isValidObjectId(id)) return undefined;
    return toRecordOrUndefined(await SessionModel.findById(id).lean<SessionDocument>());
  }

  /** Legacy refresh tokens only (legacy-refresh-token.ts): a full scan on FerretDB 1.x. */
  async findByTokenHash(tokenHash: string): Promise<SessionRecord | undefined> {
    return toRecordOrUndefined(await SessionModel.findOne({ tokenHash }).lean<SessionDocument>());
  }

  /**
   * Moves the session to its next refresh token; false when the session is gone. The filter is
   * `{ _id }` alone, so FerretDB finds the document by its index. It needs no compare-and-swap on
   * the old hash: the caller has just claimed that hash in the spent-token ledger (an insert a
   * unique _id decides), and only that claim's winner may move the session off it.
   */
  async rotate(id: string, change: Pick<SessionRecord, 'tokenHash' | 'lastUsedAt' | 'idleExpiresAt'>): Promise<boolean> {
    const result = await SessionModel.updateOne({ _id: id }, { $set: change });
    return result.matchedCount > 0;
  }

  /** Revokes one live session; `userId` scopes it to its owner. True when something was revoked. */
  async revoke(id: string, reason: string, userId?: string): Promise<boolean> {
    if (!isValidObjectId(id)) return false;
    const filter = userId === undefined ? { _id: id, revokedAt: null } : { _id: id, userId, revokedAt: null };
    const result = await SessionModel.updateOne(filter, { $set: { revokedAt: new Date(), revokedReason: reason } });
    return result.modifiedCount > 0;
  }

  /** Revokes every live session of the user, except `keepId` (the caller's own, on password change). */
  async revokeUserSessions(userId: string, reason: string, keepId?: string): Promise<void> {
    const filter = keepId === undefined ? { userId, revokedAt: null } : { userId, revokedAt: null, _id: mongoose.trusted({ $ne: keepId }) };
    await SessionModel.updateMany(filter, { $set: { revokedAt: new Date(), revokedReason: reason } });
  }

  async listActive(userId: string, now: Date): Promise<SessionRecord[]> {
    const docs = await SessionModel.find({
      userId,
      revokedAt: null,
      idleExpiresAt: mongoose.trusted({ $gt: now }),
      absoluteExpiresAt: mongoose.trusted({ $gt: now }),
    })
      .sort({ lastUsedAt: -1 })
      .lean<SessionDocument[]>();
    return docs.map(toRecord);
  }

  /** idleExpiresAt never passes absoluteExpiresAt, so it alone says a session is over. */
  async deleteExpired(now: Date): Promise<number> {
    const result = await SessionModel.deleteMany({ idleExpiresAt: mongoose.trusted({ $lte: now }) });
    return result.deletedCount;
  }
}

function toRecordOrUndefined(doc: SessionDocument | null): SessionRecord | undefined {
  return doc ? toRecord(doc) : undefined;
}

function toRecord(doc: SessionDocument): SessionRecord {
  return {
    id: doc._id.toHexString(),
    userId: doc.userId.toHexString(),
    tokenHash: doc.tokenHash,
    createdAt: doc.createdAt,
    lastUsedAt: doc.lastUsedAt,
    idleExpiresAt: doc.idleExpiresAt,
    absoluteExpiresAt: doc.absoluteExpiresAt,
    revokedAt: doc.revokedAt ?? null,
    ...(doc.userAgent ? { userAgent: doc.userAgent } : {}),
    ...(doc.ip ? { ip: doc.ip } : {}),
  };
}
