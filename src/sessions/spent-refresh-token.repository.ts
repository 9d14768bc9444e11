import mongoose, { type Types } from 'mongoose';
import { Service } from 'typedi';
import { isDuplicateKeyError } from '../database/duplicate-key';
import { SpentRefreshToken, SpentRefreshTokenModel } from './spent-refresh-token.model';

type SpentDocument = SpentRefreshToken;

export interface SpentToken {
  tokenHash: string;
  sessionId: string;
  userId: string;
  /** When the token was exchanged: the multi-tab grace window runs from here. */
  spentAt: Date;
  expiresAt: Date;
  /** The successor, sealed under the spent token (refresh-successor.ts); never a usable token. */
  successor?: string;
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
        spentAt: token.spentAt,
        expiresAt: token.expiresAt,
        ...(token.successor ? { successor: token.successor } : {}),
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
      spentAt: doc.spentAt,
      expiresAt: doc.expiresAt,
      ...(doc.successor ? { successor: doc.successor } : {}),
    };
  }

  /** Drops the sealed successors of tokens spent before `spentBefore`: past the grace window nobody may open them. */
  async forgetSuccessors(spentBefore: Date): Promise<void> {
    await SpentRefreshTokenModel.updateMany(
      { spentAt: mongoose.trusted({ $lt: spentBefore }), successor: mongoose.trusted({ $exists: true }) },
      { $unset: { successor: 1 } },
    );
  }

  async deleteExpired(now: Date): Promise<number> {
    const result = await SpentRefreshTokenModel.deleteMany({ expiresAt: mongoose.trusted({ $lte: now }) });
    return result.deletedCount;
  }
}
