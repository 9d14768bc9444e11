import { Service } from 'typedi';
import { NotFoundError } from '../common/errors/app-error';
import type { ClientInfo } from '../common/http/client-info';
import { RevocationEvents } from '../security/revocation-events';
import { SecurityLog } from '../security/security-log';
import { SessionsService } from '../sessions/sessions.service';
import type { UserRecord } from '../users/user-record';
import { UsersRepository } from '../users/users.repository';

export interface RevokeAccountOptions {
  /** Why, for the security log: logout-all, a password change, or an admin disabling the account. */
  reason: 'logout_all' | 'password_changed' | 'account_disabled';
  /** The admin acting on someone else's account, for the security log. */
  actorId?: string;
  /** A session to keep (the caller's own, on a password change). */
  keepSessionId?: string;
  /** A new password hash, written in the same update as the tokenVersion bump. */
  passwordHash?: string;
}

/**
 * Ends every credential of a user at once, in one order for every caller: tokenVersion bump (and
 * the new password hash, atomically: no window where the new password works alongside old
 * tokens), every session but the one kept, the security log line, and the event that
 * disconnects the user's sockets on every instance.
 */
@Service()
export class AccountRevocationService {
  constructor(
    private readonly users: UsersRepository,
    private readonly sessions: SessionsService,
    private readonly events: RevocationEvents,
    private readonly securityLog: SecurityLog,
  ) {}

  async revokeAccount(userId: string, client: ClientInfo, options: RevokeAccountOptions): Promise<UserRecord> {
    const updated = await this.users.bumpTokenVersion(userId, options.passwordHash);
    if (!updated) throw new NotFoundError('user_not_found', 'This user does not exist.');
    try {
      await this.sessions.revokeUserSessions(userId, options.reason, options.keepSessionId);
    } finally {
      // Access tokens died with the bump: live sockets must hear of it even if ending sessions failed.
      this.securityLog.record(options.reason, client, {
        userId,
        ...(options.actorId ? { actorId: options.actorId } : {}),
        ...(options.keepSessionId ? { sessionId: options.keepSessionId } : {}),
      });
      await this.events.announce('userRevoked', userId);
    }
    return updated;
  }
}
