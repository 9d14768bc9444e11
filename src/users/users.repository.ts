import mongoose, { isValidObjectId, Types } from 'mongoose';
import { Service } from 'typedi';
import { normaliseEmail } from '../common/identity/email-address';
import { isDuplicateKeyError } from '../database/duplicate-key';
import { EmailClaimsRepository } from './email-claims.repository';
import type { UserRecord } from './user-record';
import { User, UserModel, type AccountStatus } from './user.model';
import { DuplicateEmailError } from './users.errors';

type UserDocument = User & { _id: Types.ObjectId };

/** No account has this id (ObjectIds are never all zeros): what an unknown email reads. */
const NO_SUCH_USER = new Types.ObjectId('000000000000000000000000');

/** All access to the users collection. Returns plain records; callers never see documents. */
@Service()
export class UsersRepository {
  constructor(private readonly claims: EmailClaimsRepository) {}

  /**
   * Claims the email first (user_emails, email-claim.model.ts), then creates the account the
   * claim points to. Without transactions the two writes can part; each way they can is handled:
   * a claim refused → DuplicateEmailError; a user refused by the unique email index (an account
   * stored before claims existed holds the email) → the claim goes to that account, which heals
   * it, and DuplicateEmailError; any other failure → the claim is released when the insert was
   * never sent, and otherwise left for the stale-claim rule (the insert may have succeeded).
   */
  async create(user: Pick<UserRecord, 'email' | 'displayName' | 'passwordHash'>): Promise<UserRecord> {
    // Stored in normal form whoever calls, so the unique index and the claims compare normal forms.
    const email = normaliseEmail(user.email);
    const id = new Types.ObjectId();
    if (!(await this.claims.claim(email, id))) throw new DuplicateEmailError();
    try {
      const created = await UserModel.create({ ...user, _id: id, email });
      return toRecord(created.toObject());
    } catch (error) {
      if (isDuplicateKeyError(error)) {
        // A scan, but only on this path: finding who holds the email without a claim.
        const holder = await UserModel.findOne({ email }, { _id: 1 }).lean<{ _id: Types.ObjectId }>();
        await (holder ? this.claims.handOver(email, id, holder._id) : this.claims.release(email, id));
        throw new DuplicateEmailError();
      }
      if (error instanceof mongoose.Error.ValidationError) await this.claims.release(email, id);
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

  /**
   * Two primary-key reads whether or not the email is known: its claim, then the account (for an
   * unknown email, an id no account has). On FerretDB a query on users.email reads the whole
   * collection for an unknown email and stops early for a known one, which timed apart.
   * The account must still hold the email looked up, so a claim never answers for another one.
   */
  async findByEmail(email: string): Promise<UserRecord | undefined> {
    const normal = normaliseEmail(email);
    const holder = await this.claims.holderOf(normal);
    const doc = await UserModel.findById(holder ?? NO_SUCH_USER).lean<UserDocument>();
    return doc?.email === normal ? toRecord(doc) : undefined;
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
   * admin can act. Looked up by the normal form of the email, as login does, but on users.email
   * rather than through the claim: the operator's command is no login, a scan reveals nothing.
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
