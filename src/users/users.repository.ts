import mongoose, { isValidObjectId, type Types } from 'mongoose';
import { Service } from 'typedi';
import { normaliseEmail } from '../common/identity/email-address';
import { isDuplicateKeyError } from '../database/duplicate-key';
import type { UserRecord } from './user-record';
import { User, UserModel, type AccountStatus } from './user.model';
import { DuplicateEmailError } from './users.errors';

type UserDocument = User & { _id: Types.ObjectId };

/** All access to the users collection. Returns plain records; callers never see documents. */
@Service()
export class UsersRepository {
  async create(user: Pick<UserRecord, 'email' | 'displayName' | 'passwordHash'>): Promise<UserRecord> {
    try {
      // Stored in normal form whoever calls, so the unique index compares normal forms.
      const created = await UserModel.create({ ...user, email: normaliseEmail(user.email) });
      return toRecord(created.toObject());
    } catch (error) {
      if (isDuplicateKeyError(error)) throw new DuplicateEmailError();
      throw error;
    }
  }

  async findById(id: string): Promise<UserRecord | undefined> {
    // A malformed id (from a token or a URL) simply finds nothing, instead of a CastError.
    if (!isValidObjectId(id)) return undefined;
    return toRecordOrUndefined(await UserModel.findById(id).lean<UserDocument>());
  }

  /** The users among `ids` that exist, in no particular order; malformed ids find nothing. */
  async findByIds(ids: readonly string[]): Promise<UserRecord[]> {
    const valid = ids.filter((id) => isValidObjectId(id));
    if (valid.length === 0) return [];
    // Trusted: sanitizeFilter would otherwise neutralise this operator; the ids were checked above.
    const docs = await UserModel.find({ _id: mongoose.trusted({ $in: valid }) }).lean<UserDocument[]>();
    return docs.map(toRecord);
  }

  async findByEmail(email: string): Promise<UserRecord | undefined> {
    return toRecordOrUndefined(await UserModel.findOne({ email: normaliseEmail(email) }).lean<UserDocument>());
  }

  /**
   * One page of accounts in creation order (_id), optionally only those whose email contains
   * `emailContains` (matched against the stored normal form, as plain text: never a pattern).
   */
  async page(emailContains: string | undefined, skip: number, limit: number): Promise<{ users: UserRecord[]; total: number }> {
    const needle = emailContains?.normalize('NFKC').trim().toLowerCase();
    // Trusted: sanitizeFilter would neutralise $regex; the pattern is the escaped literal text.
    const filter = needle ? { email: mongoose.trusted({ $regex: escapeRegExp(needle) }) } : {};
    const [docs, total] = await Promise.all([
      UserModel.find(filter).sort({ _id: 1 }).skip(skip).limit(limit).lean<UserDocument[]>(),
      UserModel.countDocuments(filter),
    ]);
    return { users: docs.map(toRecord), total };
  }

  async setStatus(id: string, status: AccountStatus): Promise<UserRecord | undefined> {
    if (!isValidObjectId(id)) return undefined;
    const doc = await UserModel.findByIdAndUpdate(id, { $set: { status } }, { returnDocument: 'after' }).lean<UserDocument>();
    return toRecordOrUndefined(doc);
  }

  /**
   * The operator's command (admin-role.cli.ts). Granting makes a working admin: the role, and the
   * account enabled again if it was disabled, so the command is also the way back in when no
   * admin can act. Looked up by the normal form of the email, as login does.
   */
  async setAdminRole(email: string, admin: boolean): Promise<UserRecord | undefined> {
    const update = admin ? { $addToSet: { roles: 'admin' }, $set: { status: 'active' } } : { $pull: { roles: 'admin' } };
    const doc = await UserModel.findOneAndUpdate({ email: normaliseEmail(email) }, update, {
      returnDocument: 'after',
    }).lean<UserDocument>();
    return toRecordOrUndefined(doc);
  }

  /** Re-hash on login (same password, new parameters): no tokens are revoked. */
  async updatePasswordHash(id: string, passwordHash: string): Promise<void> {
    await UserModel.updateOne({ _id: id }, { $set: { passwordHash } });
  }

  async updateDisplayName(id: string, displayName: string): Promise<UserRecord | undefined> {
    if (!isValidObjectId(id)) return undefined;
    const doc = await UserModel.findByIdAndUpdate(
      id,
      { $set: { displayName } },
      { returnDocument: 'after', runValidators: true },
    ).lean<UserDocument>();
    return toRecordOrUndefined(doc);
  }

  /**
   * Revokes every access token issued so far: $inc is applied by the server, so concurrent bumps
   * never lose one. A new password hash, when given, is set in the same single-document update,
   * so the new password never works alongside the old tokens. Returns the user with the new version.
   */
  async bumpTokenVersion(id: string, newPasswordHash?: string): Promise<UserRecord | undefined> {
    if (!isValidObjectId(id)) return undefined;
    const update = { $inc: { tokenVersion: 1 }, ...(newPasswordHash ? { $set: { passwordHash: newPasswordHash } } : {}) };
    const doc = await UserModel.findByIdAndUpdate(id, update, { returnDocument: 'after' }).lean<UserDocument>();
    return toRecordOrUndefined(doc);
  }
}

function toRecordOrUndefined(doc: UserDocument | null): UserRecord | undefined {
  return doc ? toRecord(doc) : undefined;
}

function toRecord(doc: UserDocument): UserRecord {
  return {
    id: doc._id.toHexString(),
    email: doc.email,
    displayName: doc.displayName,
    passwordHash: doc.passwordHash,
    roles: [...doc.roles],
    // Accounts stored before statuses existed have no field: lean() applies no defaults.
    status: doc.status ?? 'active',
    tokenVersion: doc.tokenVersion,
    createdAt: doc.createdAt,
    updatedAt: doc.updatedAt,
  };
}

/** The text as a regular expression that matches exactly it: every metacharacter escaped. */
function escapeRegExp(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}
