import { createHash } from 'node:crypto';
import type { RateLimiterAbstract } from 'rate-limiter-flexible';
import { Inject, Service } from 'typedi';
import { TooManyRequestsError } from '../common/errors/app-error';
import type { ClientInfo } from '../common/http/client-info';
import { normaliseEmail } from '../common/identity/email-address';
import type { AttemptPermit, BackoffLimiter } from '../common/rate-limit/backoff-limiter';
import { toTooManyRequests } from '../common/rate-limit/backoff-limiter';
import { RateLimiterFactory } from '../common/rate-limit/rate-limiter.factory';
import type { AppConfig } from '../config/app-config';
import { APP_CONFIG } from '../config/app-config.token';
import { SecurityLog } from './security-log';

/** The permits of one password check: the account from this IP, the account anywhere, the IP. */
export interface PasswordAttempt {
  accountFromIp: AttemptPermit;
  account: AttemptPermit;
  ip: AttemptPermit;
}

/**
 * How many times more failures an account may collect from all IPs together than from one.
 * The per-(account, IP) limit stops a single guesser; this ceiling stops a distributed one,
 * while an attacker who merely wants to lock the owner out must now command many addresses.
 */
export const ACCOUNT_WIDE_FACTOR = 10;

/**
 * Brute-force and abuse limits of the auth endpoints. Password checks (login, password change)
 * take a point per account and per IP BEFORE the password is verified, so a locked account's
 * answer never depends on whether the password was right, and unknown emails are throttled
 * exactly like known ones.
 */
@Service()
export class AuthThrottle {
  private readonly accountFromIp: BackoffLimiter;
  private readonly account: BackoffLimiter;
  private readonly ip: BackoffLimiter;
  private readonly registrations: RateLimiterAbstract;
  private readonly refreshes: RateLimiterAbstract;

  constructor(
    @Inject(APP_CONFIG) config: AppConfig,
    limiters: RateLimiterFactory,
    private readonly securityLog: SecurityLog,
  ) {
    const { login, register, refresh } = config.rateLimit;
    const backoff = {
      windowSeconds: login.windowSeconds,
      baseBlockSeconds: login.backoffBaseSeconds,
      maxBlockSeconds: login.backoffMaxSeconds,
      memorySeconds: login.backoffMaxSeconds + login.windowSeconds,
    };
    this.accountFromIp = limiters.createBackoff({ name: 'login-account-ip', maxAttempts: login.accountMaxFailures, ...backoff });
    const accountWide = login.accountMaxFailures * ACCOUNT_WIDE_FACTOR;
    this.account = limiters.createBackoff({ name: 'login-account', maxAttempts: accountWide, ...backoff });
    this.ip = limiters.createBackoff({ name: 'login-ip', maxAttempts: login.ipMaxFailures, ...backoff });
    this.registrations = limiters.create({ name: 'register-ip', points: register.points, durationSeconds: register.windowSeconds });
    this.refreshes = limiters.create({ name: 'refresh-ip', points: refresh.points, durationSeconds: refresh.windowSeconds });
  }

  /** Throws 429 login_throttled when the account or the IP must wait; otherwise returns the permits. */
  async beginPasswordAttempt(email: string, client: ClientInfo): Promise<PasswordAttempt> {
    const account = accountKey(email);
    try {
      const ip = await this.ip.attempt(client.ip, 'login_throttled');
      const accountFromIp = await this.accountFromIp.attempt(`${account}:${client.ip}`, 'login_throttled');
      return { ip, accountFromIp, account: await this.account.attempt(account, 'login_throttled') };
    } catch (error) {
      if (error instanceof TooManyRequestsError) this.securityLog.record('login_throttled', client, { account });
      throw error;
    }
  }

  async passwordFailed(attempt: PasswordAttempt): Promise<void> {
    await Promise.all([this.accountFromIp.failed(attempt.accountFromIp), this.account.failed(attempt.account), this.ip.failed(attempt.ip)]);
  }

  /** The right password resets the account's counters; the IP only gets its point back. */
  async passwordSucceeded(attempt: PasswordAttempt): Promise<void> {
    await Promise.all([
      this.accountFromIp.succeeded(attempt.accountFromIp),
      this.account.succeeded(attempt.account),
      this.ip.refund(attempt.ip),
    ]);
  }

  async consumeRegistration(client: ClientInfo): Promise<void> {
    await this.consume(this.registrations, client, 'register');
  }

  async consumeRefresh(client: ClientInfo): Promise<void> {
    await this.consume(this.refreshes, client, 'refresh');
  }

  private async consume(limiter: RateLimiterAbstract, client: ClientInfo, scope: string): Promise<void> {
    try {
      await limiter.consume(client.ip);
    } catch (rejection) {
      const error = toTooManyRequests(rejection, 'rate_limited');
      if (error instanceof TooManyRequestsError) this.securityLog.record('rate_limited', client, { scope });
      throw error;
    }
  }
}

/** Counters are keyed by a hash, so neither memory nor Redis holds a list of emails. */
export function accountKey(email: string): string {
  return createHash('sha256').update(normaliseEmail(email)).digest('hex').slice(0, 32);
}
