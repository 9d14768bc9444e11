import { Service } from 'typedi';
import type { ClientInfo } from '../common/http/client-info';
import { AppMetrics, type RefreshOutcome } from '../metrics/app-metrics';
import { accountKey, AuthThrottle } from '../security/auth-throttle';
import { SecurityLog } from '../security/security-log';
import { RefreshTokenError } from '../sessions/sessions.errors';
import { SessionsService } from '../sessions/sessions.service';
import type { Principal } from '../users/principal';
import { toPublicUser, type PublicUser, type UserRecord } from '../users/user-record';
import { AccountDisabledError } from '../users/users.errors';
import { AccountRevocationService } from './account-revocation.service';
import { InvalidCredentialsError } from './auth.errors';
import type { LoginDto } from './dto/login.dto';
import { PassportService } from './passport.service';
import { TokenService } from './token.service';

export interface TokenPair {
  accessToken: string;
  refreshToken: string;
  tokenType: 'Bearer';
  expiresIn: number;
}

export interface LoginResult extends TokenPair {
  user: PublicUser;
}

const REFRESH_OUTCOMES: Partial<Record<string, RefreshOutcome>> = { refresh_reused: 'reused', refresh_expired: 'expired' };

@Service()
export class AuthService {
  constructor(
    private readonly passport: PassportService,
    private readonly tokens: TokenService,
    private readonly sessions: SessionsService,
    private readonly throttle: AuthThrottle,
    private readonly revocation: AccountRevocationService,
    private readonly securityLog: SecurityLog,
    private readonly metrics: AppMetrics,
  ) {}

  /**
   * Checks the credentials with passport-local and opens a session. The throttle is asked
   * first, so a locked account answers 429 whether or not the password is right.
   */
  async login(credentials: LoginDto, client: ClientInfo): Promise<LoginResult> {
    const attempt = await this.throttle.beginPasswordAttempt(credentials.email, client);
    const { result: user, reason } = await this.passport.authenticate<UserRecord>('local', { body: credentials });
    if (reason instanceof AccountDisabledError) {
      // The password was right (CredentialsService asks the account rule only then): not a guess.
      await this.throttle.passwordSucceeded(attempt);
      this.securityLog.record('login_refused', client, { account: accountKey(credentials.email), reason: reason.code });
      throw reason;
    }
    if (!user) {
      await this.throttle.passwordFailed(attempt);
      this.securityLog.record('login_failed', client, { account: accountKey(credentials.email) });
      throw new InvalidCredentialsError();
    }
    await this.throttle.passwordSucceeded(attempt);
    const { session, refreshToken } = await this.sessions.start(user.id, client);
    this.securityLog.record('login_succeeded', client, { userId: user.id, sessionId: session.id });
    return { ...this.pair(user, session.id, refreshToken), user: toPublicUser(user) };
  }

  /** Rotates the refresh token (the account rule is asked there) and issues a new access token for the same session. */
  async refresh(refreshToken: string, client: ClientInfo): Promise<TokenPair> {
    await this.throttle.consumeRefresh(client);
    const rotated = await this.rotateCounted(refreshToken, client);
    return this.pair(rotated.user, rotated.session.id, rotated.refreshToken);
  }

  /** Ends the session of this refresh token. Idempotent: an unknown token is not an error. */
  async logout(refreshToken: string, client: ClientInfo): Promise<void> {
    await this.sessions.revokeByRefreshToken(refreshToken, client);
  }

  /** Ends every session and, through the tokenVersion bump, every access token of the caller. */
  async logoutAll(principal: Principal, client: ClientInfo): Promise<void> {
    await this.revocation.revokeAccount(principal.user.id, client, { reason: 'logout_all' });
  }

  /** Every refresh-token presentation is counted by outcome (rotated, reused, expired, invalid). */
  private async rotateCounted(refreshToken: string, client: ClientInfo): ReturnType<SessionsService['rotate']> {
    try {
      const rotated = await this.sessions.rotate(refreshToken, client);
      this.metrics.refresh('rotated');
      return rotated;
    } catch (error) {
      if (error instanceof RefreshTokenError) this.metrics.refresh(REFRESH_OUTCOMES[error.code] ?? 'invalid');
      throw error;
    }
  }

  private pair(user: Pick<UserRecord, 'id' | 'tokenVersion'>, sessionId: string, refreshToken: string): TokenPair {
    const { accessToken, expiresIn } = this.tokens.issueAccessToken(user, sessionId);
    return { accessToken, refreshToken, tokenType: 'Bearer', expiresIn };
  }
}
