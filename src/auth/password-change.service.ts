import { Service } from 'typedi';
import { BadRequestError, ValidationFailedError } from '../common/errors/app-error';
import type { ClientInfo } from '../common/http/client-info';
import { accountKey, AuthThrottle } from '../security/auth-throttle';
import { PasswordHasher } from '../security/password-hasher';
import { isSameAsEmail } from '../security/password-policy';
import { SecurityLog } from '../security/security-log';
import type { Principal } from '../users/principal';
import { AccountRevocationService } from './account-revocation.service';
import type { ChangePasswordDto } from './dto/change-password.dto';
import { TokenService } from './token.service';

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
    private readonly hasher: PasswordHasher,
    private readonly throttle: AuthThrottle,
    private readonly revocation: AccountRevocationService,
    private readonly tokens: TokenService,
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

    const updated = await this.revocation.revokeAccount(user.id, client, {
      reason: 'password_changed',
      keepSessionId: principal.token.sessionId,
      passwordHash: await this.hasher.hash(input.newPassword),
    });

    const { accessToken, expiresIn } = this.tokens.issueAccessToken(updated, principal.token.sessionId);
    return { accessToken, tokenType: 'Bearer', expiresIn };
  }
}
