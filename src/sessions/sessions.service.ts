import { Inject, Service } from 'typedi';
import { NotFoundError } from '../common/errors/app-error';
import type { ClientInfo } from '../common/http/client-info';
import type { AppConfig } from '../config/app-config';
import { APP_CONFIG } from '../config/app-config.token';
import { RevocationEvents } from '../security/revocation-events';
import { SecurityLog } from '../security/security-log';
import { generateRefreshToken, hashRefreshToken, isWellFormedRefreshToken } from './refresh-token';
import { isSessionActive, type SessionRecord } from './session-record';
import { SessionRepository } from './session.repository';
import { RefreshTokenError } from './sessions.errors';
import { SpentRefreshTokenRepository } from './spent-refresh-token.repository';

/** A session together with the one refresh token that currently opens it (shown to the client once). */
export interface IssuedSession {
  session: SessionRecord;
  refreshToken: string;
}

/**
 * Sessions and refresh-token rotation. Each refresh spends the presented token (a unique-index
 * claim, so exactly one concurrent refresh wins) and issues the next one. A spent token presented
 * again means two parties hold the family: the family is revoked and RevocationEvents announces it.
 */
@Service()
export class SessionsService {
  constructor(
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    private readonly sessions: SessionRepository,
    private readonly spent: SpentRefreshTokenRepository,
    private readonly events: RevocationEvents,
    private readonly securityLog: SecurityLog,
  ) {}

  async start(userId: string, client: ClientInfo): Promise<IssuedSession> {
    const now = new Date();
    const refreshToken = generateRefreshToken();
    const session = await this.sessions.create({
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

  /** Spends `presented` and returns the session with its next refresh token. */
  async rotate(presented: unknown, client: ClientInfo): Promise<IssuedSession> {
    if (!isWellFormedRefreshToken(presented)) throw new RefreshTokenError('refresh_invalid');
    const now = new Date();
    const tokenHash = hashRefreshToken(presented);
    const session = await this.sessions.findByTokenHash(tokenHash);
    if (!session) {
      const spent = await this.spent.find(tokenHash);
      if (spent) await this.revokeFamily(spent.userId, spent.sessionId, client);
      throw new RefreshTokenError(spent ? 'refresh_reused' : 'refresh_invalid');
    }
    if (session.revokedAt !== null) throw new RefreshTokenError('refresh_invalid');
    if (!isSessionActive(session, now)) throw new RefreshTokenError('refresh_expired');

    const claimed = await this.spent.claim({
      tokenHash,
      sessionId: session.id,
      userId: session.userId,
      expiresAt: session.absoluteExpiresAt,
    });
    if (!claimed) {
      // Another request spent this token a moment ago: same rule as a later replay, no grace window.
      await this.revokeFamily(session.userId, session.id, client);
      throw new RefreshTokenError('refresh_reused');
    }
    const refreshToken = generateRefreshToken();
    const change = {
      tokenHash: hashRefreshToken(refreshToken),
      lastUsedAt: now,
      idleExpiresAt: this.idleExpiry(now, session.absoluteExpiresAt),
    };
    if (!(await this.sessions.rotate(session.id, tokenHash, change))) throw new RefreshTokenError('refresh_invalid');
    return { session: { ...session, ...change }, refreshToken };
  }

  /** Logout: revokes the session the refresh token opens. Unknown or spent tokens change nothing. */
  async revokeByRefreshToken(presented: unknown, client: ClientInfo): Promise<void> {
    if (!isWellFormedRefreshToken(presented)) return;
    const session = await this.sessions.findByTokenHash(hashRefreshToken(presented));
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
    return this.sessions.listActive(userId, new Date());
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
    if (session === undefined || session.userId !== userId || !isSessionActive(session)) return undefined;
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
