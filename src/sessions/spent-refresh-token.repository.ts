import mongoose, { type Types } from 'mongoose';
import { Service } from 'typedi';
import { isDuplicateKeyError } from '../database/duplicate-key';
import { SpentRefreshToken, SpentRefreshTokenModel } from './spent-refresh-token.model';

type SpentDocument = SpentRefreshToken;

export interface SpentToken {
  tokenHash: string;
  sessionId: string;
  userId: string;
  expiresAt: Date;
}

/** The spent-token ledger: claim() is the atomic "exactly one refresh wins" primitive. */
@Service()
export class SpentRefreshTokenRepository {
  /** True when this call spent the token; false when it had already been spent (duplicate key). */
  async claim(token: SpentToken): Promise<boolean> {
    try {
      await SpentRefreshTokenModel.create({
        _id: token.tokenHash,
        sessionId: token.sessionId,
        userId: token.userId,
        spentAt: new Date(),
        expiresAt: token.expiresAt,
      });
      return true;
    } catch (error) {
      if (isDuplicateKeyError(error)) return false;
      throw error;
    }
  }

  async find(tokenHash: string): Promise<SpentToken | undefined> {
    const doc = await SpentRefreshTokenModel.findById(tokenHash).lean<SpentDocument>();
    if (!doc) return undefined;
    return {
      tokenHash: doc._id,
      sessionId: (doc.sessionId as Types.ObjectId).toHexString(),
      userId: (doc.userId as Types.ObjectId).toHexString(),
      expiresAt: doc.expiresAt,
    };
  }

  async deleteExpired(now: Date): Promise<number> {
    const result = await SpentRefreshTokenModel.deleteMany({ expiresAt: mongoose.trusted({ $lte: now }) });
    return result.deletedCount;
  }
}
