import { Service } from 'typedi';
import { BadRequestError, NotFoundError, ValidationFailedError } from '../common/errors/app-error';
import type { ClientInfo } from '../common/http/client-info';
import type { Principal } from '../auth/access-token';
import { accountKey, AuthThrottle } from '../auth/auth-throttle.service';
import { PasswordHasher } from '../auth/password-hasher';
import { isSameAsEmail } from '../auth/password-policy';
import { RevocationEvents } from '../auth/revocation-events';
import { SecurityLog } from '../auth/security-log';
import { TokenService } from '../auth/token.service';
import { SessionsService } from '../sessions/sessions.service';
import type { ChangePasswordDto } from './dto/change-password.dto';
import { UsersRepository } from './user.repository';

/** What the caller receives: a fresh access token for its own session, so it keeps working. */
export interface PasswordChanged {
  accessToken: string;
  tokenType: 'Bearer';
  expiresIn: number;
}

/**
 * Changing the password ends every other session and every access token issued before
 * (tokenVersion bump). The caller's session survives: its refresh token stays valid and a new
 * access token (new tokenVersion, same sid) is returned, because the one it used is now revoked.
 */
@Service()
export class PasswordChangeService {
  constructor(
    private readonly users: UsersRepository,
    private readonly hasher: PasswordHasher,
    private readonly throttle: AuthThrottle,
    private readonly sessions: SessionsService,
    private readonly tokens: TokenService,
    private readonly events: RevocationEvents,
    private readonly securityLog: SecurityLog,
  ) {}

  async change(principal: Principal, input: ChangePasswordDto, client: ClientInfo): Promise<PasswordChanged> {
    const { user } = principal;
    if (isSameAsEmail(input.newPassword, user.email)) {
      throw new ValidationFailedError([{ field: 'newPassword', messages: ['password must not be the email address'] }]);
    }
    // A stolen access token must not become an oracle for the current password: same throttle as login.
    const attempt = await this.throttle.beginPasswordAttempt(user.email, client);
    if (!(await this.hasher.verify(user.passwordHash, input.currentPassword))) {
      await this.throttle.passwordFailed(attempt);
      this.securityLog.record('password_change_failed', client, { userId: user.id, account: accountKey(user.email) });
      throw new BadRequestError('invalid_current_password', 'The current password is incorrect.');
    }
    await this.throttle.passwordSucceeded(attempt);

    await this.users.updatePasswordHash(user.id, await this.hasher.hash(input.newPassword));
    const updated = await this.users.bumpTokenVersion(user.id);
    if (!updated) throw new NotFoundError('user_not_found', 'This user does not exist.');
    await this.sessions.revokeAll(user.id, 'password_changed', principal.token.sessionId);
    this.securityLog.record('password_changed', client, { userId: user.id, sessionId: principal.token.sessionId });
    this.events.emit('userRevoked', user.id);

    const { accessToken, expiresIn } = this.tokens.issueAccessToken(updated, principal.token.sessionId);
    return { accessToken, tokenType: 'Bearer', expiresIn };
  }
}
