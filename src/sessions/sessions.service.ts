import { Inject, Service } from 'typedi';
import { CLOCK, type Clock } from '../common/clock';
import { NotFoundError } from '../common/errors/app-error';
import type { ClientInfo } from '../common/http/client-info';
import type { AppConfig } from '../config/app-config';
import { APP_CONFIG } from '../config/app-config.token';
import { RevocationEvents } from '../security/revocation-events';
import { SecurityLog } from '../security/security-log';
import { accountStanding } from '../users/account-status';
import type { UserRecord } from '../users/user-record';
import { UsersRepository } from '../users/users.repository';
import { RefreshGrace } from './refresh-grace';
import { sealSuccessor } from './refresh-successor';
import { generateRefreshToken, hashMatches, hashRefreshToken, parseRefreshToken, type PresentedRefreshToken } from './refresh-token';
import { isSessionActive, type SessionRecord } from './session-record';
import { SessionRepository } from './session.repository';
import { RefreshTokenError } from './sessions.errors';
import { SpentRefreshTokenRepository, type SpentToken } from './spent-refresh-token.repository';

/** A session together with the one refresh token that currently opens it (shown to the client once). */
export interface IssuedSession {
  session: SessionRecord;
  refreshToken: string;
}

/** A refresh's outcome: the session, its current refresh token, and the account allowed to use it. */
export interface RotatedSession extends IssuedSession {
  user: UserRecord;
}

/**
 * Sessions and refresh-token rotation. A refresh token names its session (refresh-token.ts), so
 * every database operation of a refresh is by `_id`. Each refresh spends the presented token (an
 * insert whose unique _id is the token's hash, so exactly one concurrent refresh wins: that claim
 * is the compare-and-swap) and issues the next one. A spent token presented
 * again within the multi-tab grace gets the same successor (RefreshGrace); later, it means two
 * parties hold the family: the family is revoked and RevocationEvents announces it.
 */
@Service()
export class SessionsService {
  constructor(
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    @Inject(CLOCK) private readonly clock: Clock,
    private readonly sessions: SessionRepository,
    private readonly spent: SpentRefreshTokenRepository,
    private readonly grace: RefreshGrace,
    private readonly users: UsersRepository,
    private readonly events: RevocationEvents,
    private readonly securityLog: SecurityLog,
  ) {}

  async start(userId: string, client: ClientInfo): Promise<IssuedSession> {
    const now = this.clock.now();
    const id = this.sessions.newId();
    const refreshToken = generateRefreshToken(id);
    const session = await this.sessions.create({
      id,
      userId,
      tokenHash: hashRefreshToken(refreshToken),
      createdAt: now,
      lastUsedAt: now,
      idleExpiresAt: this.idleExpiry(now, this.absoluteExpiry(now)),
      absoluteExpiresAt: this.absoluteExpiry(now),
      userAgent: client.userAgent,
      ip: client.ip,
    });
    return { session, refreshToken };
  }

  /**
   * Spends `presented` and returns the session with its next refresh token. The account is asked
   * first (accountStanding), so a disabled account's refresh answers account_disabled even though
   * disabling revoked the session.
   */
  async rotate(presented: unknown, client: ClientInfo): Promise<RotatedSession> {
    const token = parseRefreshToken(presented);
    if (!token) throw new RefreshTokenError('refresh_invalid');
    const now = this.clock.now();
    const session = await this.holderOf(token);
    if (!session) return this.replay(token, now, client);
    const user = await this.accountOf(session.userId);
    if (session.revokedAt !== null) throw new RefreshTokenError('refresh_invalid');
    if (!isSessionActive(session, now)) throw new RefreshTokenError('refresh_expired');

    const refreshToken = generateRefreshToken(session.id);
    const spent: SpentToken = {
      tokenHash: token.hash,
      sessionId: session.id,
      userId: session.userId,
      spentAt: now,
      expiresAt: session.absoluteExpiresAt,
      successor: sealSuccessor(token.token, refreshToken),
    };
    // Another request spent this token a moment ago: answered like any later replay. Winning the
    // claim is what entitles this request to move the session off the token (SessionRepository.rotate).
    if (!(await this.spent.claim(spent))) return this.replay(token, now, client);
    const change = {
      tokenHash: hashRefreshToken(refreshToken),
      lastUsedAt: now,
      idleExpiresAt: this.idleExpiry(now, session.absoluteExpiresAt),
    };
    if (!(await this.sessions.rotate(session.id, change))) throw new RefreshTokenError('refresh_invalid');
    return { session: { ...session, ...change }, refreshToken, user };
  }

  /** The session whose current token this is: found by the id the token names, then the hash compared in constant time. */
  private async holderOf(token: PresentedRefreshToken): Promise<SessionRecord | undefined> {
    if (token.sessionId === undefined) return this.sessions.findByTokenHash(token.hash); // legacy-refresh-token.ts
    const session = await this.sessions.findById(token.sessionId);
    return session && hashMatches(session.tokenHash, token) ? session : undefined;
  }

  /** A token that no session holds: unknown, spent within the grace window (same successor), or replayed (theft). */
  private async replay(token: PresentedRefreshToken, now: Date, client: ClientInfo): Promise<RotatedSession> {
    const spent = await this.spent.find(token.hash);
    if (!spent) throw new RefreshTokenError('refresh_invalid');
    const user = await this.accountOf(spent.userId);
    const current = await this.grace.current(token.token, spent, now);
    if (current) {
      this.securityLog.record('refresh_grace_used', client, { userId: spent.userId, sessionId: spent.sessionId });
      return { ...current, user };
    }
    await this.revokeFamily(spent.userId, spent.sessionId, client);
    throw new RefreshTokenError('refresh_reused');
  }

  /** THE account rule for refresh: a disabled account says so, a vanished one is just an invalid token. */
  private async accountOf(userId: string): Promise<UserRecord> {
    const standing = accountStanding(await this.users.findById(userId));
    if (standing.mayAct) return standing.user;
    throw new RefreshTokenError(standing.refusal === 'account_disabled' ? 'account_disabled' : 'refresh_invalid');
  }

  /** Logout: revokes the session the refresh token opens. Unknown or spent tokens change nothing. */
  async revokeByRefreshToken(presented: unknown, client: ClientInfo): Promise<void> {
    const token = parseRefreshToken(presented);
    const session = token && (await this.holderOf(token));
    if (session) await this.revoke(session.userId, session.id, 'logout', client);
  }

  /** Revokes one of the user's own sessions; another user's or an unknown id is a 404. */
  async revokeOwn(userId: string, sessionId: string, client: ClientInfo): Promise<void> {
    if (!(await this.revoke(userId, sessionId, 'revoked_by_user', client))) {
      throw new NotFoundError('session_not_found', 'No such session.');
    }
  }

  /** Revokes every session of the user but `keepSessionId`; AccountRevocationService does the rest. */
  async revokeUserSessions(userId: string, reason: string, keepSessionId?: string): Promise<void> {
    await this.sessions.revokeUserSessions(userId, reason, keepSessionId);
  }

  listActive(userId: string): Promise<SessionRecord[]> {
    return this.sessions.listActive(userId, this.clock.now());
  }

  /** True when the session exists, belongs to the user and is live: access tokens die with their session. */
  async isLive(sessionId: string, userId: string): Promise<boolean> {
    return (await this.liveUntil(sessionId, userId)) !== undefined;
  }

  /**
   * When the session stops being live unless something revokes it first (its idle expiry, which
   * never passes the absolute one); undefined when it is not live now or is not the user's.
   */
  async liveUntil(sessionId: string, userId: string): Promise<Date | undefined> {
    const session = await this.sessions.findById(sessionId);
    if (session === undefined || session.userId !== userId || !isSessionActive(session, this.clock.now())) return undefined;
    return new Date(Math.min(session.idleExpiresAt.getTime(), session.absoluteExpiresAt.getTime()));
  }

  private async revoke(userId: string, sessionId: string, reason: string, client: ClientInfo): Promise<boolean> {
    const revoked = await this.sessions.revoke(sessionId, reason, userId);
    if (revoked) {
      this.securityLog.record('session_revoked', client, { userId, sessionId, reason });
      await this.events.announce('sessionRevoked', userId, sessionId);
    }
    return revoked;
  }

  private async revokeFamily(userId: string, sessionId: string, client: ClientInfo): Promise<void> {
    this.securityLog.record('refresh_reused', client, { userId, sessionId });
    await this.revoke(userId, sessionId, 'refresh_reused', client);
  }

  private absoluteExpiry(now: Date): Date {
    return new Date(now.getTime() + this.config.session.absoluteTtlSeconds * 1000);
  }

  private idleExpiry(now: Date, absolute: Date): Date {
    return new Date(Math.min(now.getTime() + this.config.session.idleTtlSeconds * 1000, absolute.getTime()));
  }
}
