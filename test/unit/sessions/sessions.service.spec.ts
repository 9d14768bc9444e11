import type { ClientInfo } from '../../../src/common/http/client-info';
import type { AppConfig } from '../../../src/config/app-config';
import { RevocationEvents } from '../../../src/security/revocation-events';
import type { SecurityLog } from '../../../src/security/security-log';
import { RefreshGrace } from '../../../src/sessions/refresh-grace';
import { hashRefreshToken } from '../../../src/sessions/refresh-token';
import type { SessionRecord } from '../../../src/sessions/session-record';
import type { NewSession, SessionRepository } from '../../../src/sessions/session.repository';
import { RefreshTokenError } from '../../../src/sessions/sessions.errors';
import { SessionsService } from '../../../src/sessions/sessions.service';
import type { SpentRefreshTokenRepository, SpentToken } from '../../../src/sessions/spent-refresh-token.repository';
import { aUserRecord, fakeUsersRepository } from '../../fixtures/fakes';
import { ManualClock } from '../../support/clock';

/**
 * In-memory stand-ins with the repositories' contracts (claim is first-writer-wins; rotate is by
 * id alone, with no compare-and-swap of its own). Every call is recorded, so a test can check
 * that a refresh asks only by id.
 */
class FakeSessions {
  readonly rows = new Map<string, SessionRecord>();
  readonly calls: string[] = [];
  private next = 0;
  newId(): string {
    return (++this.next).toString(16).padStart(24, '0');
  }
  async create(session: NewSession): Promise<SessionRecord> {
    const record = { ...session, revokedAt: null };
    this.rows.set(record.id, record);
    return record;
  }
  async findById(id: string) {
    this.calls.push('findById');
    return this.rows.get(id);
  }
  async findByTokenHash(hash: string) {
    this.calls.push('findByTokenHash');
    return [...this.rows.values()].find((row) => row.tokenHash === hash);
  }
  async rotate(id: string, change: Partial<SessionRecord>) {
    this.calls.push('rotate');
    // Yield first, as a database round trip does, so racing rotations interleave.
    await Promise.resolve();
    const row = this.rows.get(id);
    if (!row) return false;
    Object.assign(row, change);
    return true;
  }
  async revoke(id: string, _reason: string, userId?: string) {
    const row = this.rows.get(id);
    if (!row || row.revokedAt || (userId !== undefined && row.userId !== userId)) return false;
    row.revokedAt = new Date();
    return true;
  }
  async revokeUserSessions(userId: string, _reason: string, keepId?: string) {
    for (const row of this.rows.values()) if (row.userId === userId && row.id !== keepId) row.revokedAt ??= new Date();
  }
  async listActive(userId: string) {
    return [...this.rows.values()].filter((row) => row.userId === userId && !row.revokedAt);
  }
}

class FakeSpent {
  readonly rows = new Map<string, SpentToken>();
  async claim(token: SpentToken) {
    if (this.rows.has(token.tokenHash)) return false;
    this.rows.set(token.tokenHash, token);
    return true;
  }
  async find(hash: string) {
    return this.rows.get(hash);
  }
}

const GRACE_SECONDS = 5;
const config = {
  session: { idleTtlSeconds: 3600, absoluteTtlSeconds: 7200, purgeIntervalSeconds: 60, reuseGraceSeconds: GRACE_SECONDS },
} as AppConfig;
const client: ClientInfo = { ip: '203.0.113.9', userAgent: 'UnitTest/1', requestId: 'req-unit-0001' };
const USER = 'aaaaaaaaaaaaaaaaaaaaaaaa';

describe('SessionsService', () => {
  let sessions: FakeSessions;
  let spent: FakeSpent;
  let events: RevocationEvents;
  let revoked: [string, string][];
  let log: { record: jest.Mock };
  let clock: ManualClock;
  let users: ReturnType<typeof fakeUsersRepository>;
  let service: SessionsService;

  /** The service under test over this test's fakes, with `withConfig` (e.g. another grace). */
  function serviceWith(withConfig: AppConfig): SessionsService {
    const sessionRepository = sessions as unknown as SessionRepository;
    const spentRepository = spent as unknown as SpentRefreshTokenRepository;
    return new SessionsService(
      withConfig,
      clock,
      sessionRepository,
      spentRepository,
      new RefreshGrace(withConfig, sessionRepository, spentRepository),
      users.asRepository,
      events,
      log as unknown as SecurityLog,
    );
  }

  beforeEach(() => {
    sessions = new FakeSessions();
    spent = new FakeSpent();
    events = new RevocationEvents();
    revoked = [];
    events.on('sessionRevoked', (userId, sessionId) => revoked.push([userId, sessionId]));
    log = { record: jest.fn() };
    clock = new ManualClock();
    users = fakeUsersRepository([aUserRecord({ id: USER })]);
    service = serviceWith(config);
  });

  it('start() stores only the hash, with idle and absolute expiry, user agent and ip', async () => {
    const before = Date.now();
    const { session, refreshToken } = await service.start(USER, client);
    expect(session.tokenHash).toBe(hashRefreshToken(refreshToken));
    expect(JSON.stringify([...sessions.rows.values()])).not.toContain(refreshToken);
    expect(session.idleExpiresAt.getTime() - before).toBeGreaterThanOrEqual(3600_000 - 50);
    expect(session.absoluteExpiresAt.getTime() - before).toBeGreaterThanOrEqual(7200_000 - 50);
    expect(session).toMatchObject({ userAgent: 'UnitTest/1', ip: '203.0.113.9', userId: USER });
  });

  it('rotate() spends the token and returns the next one for the same session', async () => {
    const { session, refreshToken } = await service.start(USER, client);
    const rotated = await service.rotate(refreshToken, client);
    expect(rotated.session.id).toBe(session.id);
    expect(rotated.refreshToken).not.toBe(refreshToken);
    expect(sessions.rows.get(session.id)!.tokenHash).toBe(hashRefreshToken(rotated.refreshToken));
    expect(spent.rows.has(hashRefreshToken(refreshToken))).toBe(true);
  });

  it('issues `<session id>.<secret>` tokens and finds the session by that id, never by hash', async () => {
    const { session, refreshToken } = await service.start(USER, client);
    expect(refreshToken).toMatch(new RegExp(`^${session.id}\\.[A-Za-z0-9_-]{43}$`));
    const rotated = await service.rotate(refreshToken, client);
    expect(rotated.refreshToken.startsWith(`${session.id}.`)).toBe(true);
    await service.revokeByRefreshToken(rotated.refreshToken, client);
    expect(sessions.calls).toEqual(['findById', 'rotate', 'findById']);
    expect(revoked).toEqual([[USER, session.id]]);
  });

  it('refuses a token whose secret is not its session’s, or whose id names another session, and changes nothing', async () => {
    const mine = await service.start(USER, client);
    const other = await service.start(USER, client);
    const [, secret] = mine.refreshToken.split('.');
    const [, otherSecret] = other.refreshToken.split('.');
    await expect(service.rotate(`${mine.session.id}.${otherSecret}`, client)).rejects.toMatchObject({ code: 'refresh_invalid' });
    await expect(service.rotate(`${other.session.id}.${secret}`, client)).rejects.toMatchObject({ code: 'refresh_invalid' });
    await service.revokeByRefreshToken(`${other.session.id}.${secret}`, client);
    expect(spent.rows.size).toBe(0);
    expect(revoked).toEqual([]);
    expect(sessions.rows.get(mine.session.id)!.tokenHash).toBe(hashRefreshToken(mine.refreshToken));
    await service.rotate(mine.refreshToken, client);
  });

  it('still rotates a legacy token (43 characters, no session id) by its hash, into a token that carries the id', async () => {
    const legacy = 'L'.repeat(43);
    const { session } = await service.start(USER, client);
    sessions.rows.get(session.id)!.tokenHash = hashRefreshToken(legacy);
    const rotated = await service.rotate(legacy, client);
    expect(rotated.session.id).toBe(session.id);
    expect(rotated.refreshToken.startsWith(`${session.id}.`)).toBe(true);
    clock.advance(GRACE_SECONDS * 1000);
    await expect(service.rotate(legacy, client)).rejects.toMatchObject({ code: 'refresh_reused' });
    expect(revoked).toEqual([[USER, session.id]]);
  });

  it('never moves the idle expiry past the absolute expiry', async () => {
    const { session, refreshToken } = await service.start(USER, client);
    sessions.rows.get(session.id)!.absoluteExpiresAt = new Date(Date.now() + 60_000);
    const rotated = await service.rotate(refreshToken, client);
    expect(rotated.session.idleExpiresAt.getTime()).toBeLessThanOrEqual(rotated.session.absoluteExpiresAt.getTime());
  });

  it('treats a replayed token as theft: refresh_reused, family revoked, sessionRevoked emitted, event logged', async () => {
    const { session, refreshToken } = await service.start(USER, client);
    const next = await service.rotate(refreshToken, client);
    clock.advance(GRACE_SECONDS * 1000);
    await expect(service.rotate(refreshToken, client)).rejects.toMatchObject({ code: 'refresh_reused' });
    expect(sessions.rows.get(session.id)!.revokedAt).toBeInstanceOf(Date);
    expect(revoked).toEqual([[USER, session.id]]);
    expect(log.record).toHaveBeenCalledWith('refresh_reused', client, { userId: USER, sessionId: session.id });
    await expect(service.rotate(next.refreshToken, client)).rejects.toMatchObject({ code: 'refresh_invalid' });
  });

  it('lets only the first of racing rotations spend the token and move the session; the others get its successor, nothing revoked', async () => {
    const { session, refreshToken } = await service.start(USER, client);
    const results = await Promise.all([1, 2, 3, 4].map(() => service.rotate(refreshToken, client)));
    expect(new Set(results.map((result) => result.refreshToken)).size).toBe(1);
    expect(sessions.rows.get(session.id)!.tokenHash).toBe(hashRefreshToken(results[0]!.refreshToken));
    // The claim is the compare-and-swap: one winner, one session update.
    expect(sessions.calls.filter((call) => call === 'rotate')).toHaveLength(1);
    expect(spent.rows.size).toBe(1);
    expect(revoked).toEqual([]);
    await service.rotate(results[0]!.refreshToken, client);
  });

  it('with no grace (0), the loser of a race revokes the family', async () => {
    service = serviceWith({ session: { ...config.session, reuseGraceSeconds: 0 } } as AppConfig);
    const { session, refreshToken } = await service.start(USER, client);
    const results = await Promise.allSettled([service.rotate(refreshToken, client), service.rotate(refreshToken, client)]);
    expect(results.map((result) => result.status).sort()).toEqual(['fulfilled', 'rejected']);
    const loser = results.find((result) => result.status === 'rejected') as PromiseRejectedResult;
    expect(loser.reason).toBeInstanceOf(RefreshTokenError);
    expect(revoked).toEqual([[USER, session.id]]);
  });

  it('with no grace (0), a replay whose request began a moment before the spend is still theft', async () => {
    service = serviceWith({ session: { ...config.session, reuseGraceSeconds: 0 } } as AppConfig);
    const { session, refreshToken } = await service.start(USER, client);
    await service.rotate(refreshToken, client);
    // The racing request read its time 1 ms before the winner spent the token.
    clock.advance(-1);
    await expect(service.rotate(refreshToken, client)).rejects.toMatchObject({ code: 'refresh_reused' });
    expect(revoked).toEqual([[USER, session.id]]);
  });

  describe('multi-tab grace', () => {
    it('answers a second use 1 ms before the grace ends with the current token, and logs it', async () => {
      const { session, refreshToken } = await service.start(USER, client);
      const first = await service.rotate(refreshToken, client);
      clock.advance(GRACE_SECONDS * 1000 - 1);
      const second = await service.rotate(refreshToken, client);
      expect(second.refreshToken).toBe(first.refreshToken);
      expect(second.session.id).toBe(session.id);
      expect(revoked).toEqual([]);
      expect(log.record).toHaveBeenCalledWith('refresh_grace_used', client, { userId: USER, sessionId: session.id });
      // Still one chain: the shared token rotates once, and its replay after the window is theft.
      const third = await service.rotate(second.refreshToken, client);
      clock.advance(GRACE_SECONDS * 1000);
      await expect(service.rotate(first.refreshToken, client)).rejects.toMatchObject({ code: 'refresh_reused' });
      await expect(service.rotate(third.refreshToken, client)).rejects.toMatchObject({ code: 'refresh_invalid' });
    });

    it('treats a use exactly when the grace ends as theft', async () => {
      const { session, refreshToken } = await service.start(USER, client);
      await service.rotate(refreshToken, client);
      clock.advance(GRACE_SECONDS * 1000);
      await expect(service.rotate(refreshToken, client)).rejects.toMatchObject({ code: 'refresh_reused' });
      expect(revoked).toEqual([[USER, session.id]]);
    });

    it('follows the chain when the other tab refreshed again meanwhile', async () => {
      const { refreshToken } = await service.start(USER, client);
      const first = await service.rotate(refreshToken, client);
      clock.advance(1000);
      const second = await service.rotate(first.refreshToken, client);
      clock.advance(1000);
      expect((await service.rotate(refreshToken, client)).refreshToken).toBe(second.refreshToken);
    });

    it('gives no grace on a revoked session', async () => {
      const { session, refreshToken } = await service.start(USER, client);
      await service.rotate(refreshToken, client);
      sessions.rows.get(session.id)!.revokedAt = clock.now();
      await expect(service.rotate(refreshToken, client)).rejects.toMatchObject({ code: 'refresh_reused' });
    });

    it('never stores a usable token: the ledger holds a hash and a sealed successor only', async () => {
      const { refreshToken } = await service.start(USER, client);
      const next = await service.rotate(refreshToken, client);
      const stored = JSON.stringify([...spent.rows.values()]);
      expect(stored).not.toContain(next.refreshToken);
      expect(stored).not.toContain(refreshToken);
    });
  });

  it('refuses a disabled account with account_disabled, even on a revoked session and within the grace', async () => {
    const { session, refreshToken } = await service.start(USER, client);
    const next = await service.rotate(refreshToken, client);
    await users.repository.setStatus(USER, 'disabled');
    await expect(service.rotate(next.refreshToken, client)).rejects.toMatchObject({ code: 'account_disabled', status: 401 });
    await expect(service.rotate(refreshToken, client)).rejects.toMatchObject({ code: 'account_disabled' });
    sessions.rows.get(session.id)!.revokedAt = clock.now();
    await expect(service.rotate(next.refreshToken, client)).rejects.toMatchObject({ code: 'account_disabled' });
  });

  it('refuses malformed, unknown, revoked and expired tokens with the right code', async () => {
    await expect(service.rotate('eyJhbGciOi.x.y', client)).rejects.toMatchObject({ code: 'refresh_invalid' });
    await expect(service.rotate({ $ne: null }, client)).rejects.toMatchObject({ code: 'refresh_invalid' });
    await expect(service.rotate('C'.repeat(43), client)).rejects.toMatchObject({ code: 'refresh_invalid' });
    await expect(service.rotate(`${'c'.repeat(24)}.${'C'.repeat(43)}`, client)).rejects.toMatchObject({ code: 'refresh_invalid' });
    await expect(service.rotate(`${'C'.repeat(24)}.${'C'.repeat(43)}`, client)).rejects.toMatchObject({ code: 'refresh_invalid' });

    const revokedOne = await service.start(USER, client);
    sessions.rows.get(revokedOne.session.id)!.revokedAt = new Date();
    await expect(service.rotate(revokedOne.refreshToken, client)).rejects.toMatchObject({ code: 'refresh_invalid' });

    const idle = await service.start(USER, client);
    sessions.rows.get(idle.session.id)!.idleExpiresAt = new Date(clock.now().getTime() - 1);
    await expect(service.rotate(idle.refreshToken, client)).rejects.toMatchObject({ code: 'refresh_expired' });
    expect(spent.rows.has(hashRefreshToken(idle.refreshToken))).toBe(false);
  });

  it('revokeByRefreshToken() revokes that session once and emits once; unknown tokens are ignored', async () => {
    const { session, refreshToken } = await service.start(USER, client);
    await service.revokeByRefreshToken(refreshToken, client);
    await service.revokeByRefreshToken(refreshToken, client);
    await service.revokeByRefreshToken('D'.repeat(43), client);
    expect(revoked).toEqual([[USER, session.id]]);
    expect(await service.isLive(session.id, USER)).toBe(false);
  });

  it("revokeOwn() refuses another user's session with 404 and revokes nothing", async () => {
    const { session } = await service.start(USER, client);
    await expect(service.revokeOwn('bbbbbbbbbbbbbbbbbbbbbbbb', session.id, client)).rejects.toMatchObject({ status: 404 });
    expect(await service.isLive(session.id, USER)).toBe(true);
    expect(revoked).toEqual([]);
  });

  it('isLive() is false for another user, a revoked session and an idle-expired one', async () => {
    const { session } = await service.start(USER, client);
    expect(await service.isLive(session.id, USER)).toBe(true);
    expect(await service.isLive(session.id, 'bbbbbbbbbbbbbbbbbbbbbbbb')).toBe(false);
    sessions.rows.get(session.id)!.idleExpiresAt = new Date(clock.now().getTime() - 1);
    expect(await service.isLive(session.id, USER)).toBe(false);
  });

  it('revokeUserSessions() keeps only the given session', async () => {
    const keep = await service.start(USER, client);
    const other = await service.start(USER, client);
    await service.revokeUserSessions(USER, 'password_changed', keep.session.id);
    expect(await service.isLive(keep.session.id, USER)).toBe(true);
    expect(await service.isLive(other.session.id, USER)).toBe(false);
  });
});
