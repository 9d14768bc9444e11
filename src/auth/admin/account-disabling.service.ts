import { Service } from 'typedi';
import { ForbiddenError, NotFoundError } from '../../common/errors/app-error';
import type { ClientInfo } from '../../common/http/client-info';
import { RevocationEvents } from '../../security/revocation-events';
import { SecurityLog } from '../../security/security-log';
import type { Principal } from '../../users/principal';
import type { UserRecord } from '../../users/user-record';
import { UsersRepository } from '../../users/users.repository';
import { AccountRevocationService } from '../account-revocation.service';

const notFound = () => new NotFoundError('user_not_found', 'This user does not exist.');

/**
 * Admins disable and re-enable accounts. The stored status is what refuses the account from now
 * on (accountStanding: login, refresh, every access token and handshake); disabling then ends what
 * is live now through AccountRevocationService (tokenVersion bump, sessions, security log,
 * userRevoked, which disconnects the sockets on every instance). Both announce accountChanged
 * for anyone who keeps a copy of the account.
 */
@Service()
export class AccountDisablingService {
  constructor(
    private readonly users: UsersRepository,
    private readonly revocation: AccountRevocationService,
    private readonly events: RevocationEvents,
    private readonly securityLog: SecurityLog,
  ) {}

  /**
   * Idempotent. An admin cannot disable their own account: with that rule the acting admin always
   * remains, so no request can disable the last one (two admins disabling each other at the same
   * moment is the one way to get there; `npm run admin:grant` re-enables, see the README).
   */
  async disable(actor: Principal, userId: string, client: ClientInfo): Promise<UserRecord> {
    if (userId === actor.user.id) throw new ForbiddenError('cannot_disable_self', 'Admins cannot disable their own account.');
    // Status first: from this write on, login, refresh and every token are refused.
    if (!(await this.users.setStatus(userId, 'disabled'))) throw notFound();
    const disabled = await this.revocation.revokeAccount(userId, client, { reason: 'account_disabled', actorId: actor.user.id });
    await this.events.announce('accountChanged', userId);
    return disabled;
  }

  /** Idempotent. Login works again; sessions and tokens ended by disabling stay ended. */
  async enable(actor: Principal, userId: string, client: ClientInfo): Promise<UserRecord> {
    const enabled = await this.users.setStatus(userId, 'active');
    if (!enabled) throw notFound();
    this.securityLog.record('account_enabled', client, { userId, actorId: actor.user.id });
    await this.events.announce('accountChanged', userId);
    return enabled;
  }
}
