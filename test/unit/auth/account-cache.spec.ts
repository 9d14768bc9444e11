import { AccountCache } from '../../../src/auth/account-cache/account-cache';
import { RevocationEvents } from '../../../src/security/revocation-events';
import type { SessionsService } from '../../../src/sessions/sessions.service';
import { aUserRecord, fakeUsersRepository, type PublicShape } from '../../fixtures/fakes';
import { testConfig } from '../../support/config';

const SESSION = 'session-1';
const HOUR = 3_600_000;

describe('AccountCache', () => {
  const setUp = (env: Record<string, string> = {}, users = [aUserRecord()]) => {
    const repository = fakeUsersRepository(users);
    let sessionEnd: Date | undefined = new Date(Date.now() + HOUR);
    const sessions = {
      liveUntil: jest.fn(async (_sessionId: string, _userId: string) => sessionEnd),
    } satisfies Partial<PublicShape<SessionsService>>;
    const events = new RevocationEvents();
    const cache = new AccountCache(testConfig(env), repository.asRepository, sessions as unknown as SessionsService, events);
    const reads = () => repository.repository.findById.mock.calls.length;
    const endSession = () => (sessionEnd = undefined);
    return { cache, events, repository, sessions, reads, endSession, user: users[0]! };
  };

  it('answers a repeated lookup from memory, without reading the database again', async () => {
    const { cache, reads, sessions, user } = setUp();
    expect(await cache.lookup(user.id, SESSION)).toEqual({ user, sessionLive: true });
    expect(await cache.lookup(user.id, SESSION)).toEqual({ user, sessionLive: true });
    expect(reads()).toBe(1);
    expect(sessions.liveUntil).toHaveBeenCalledTimes(1);
  });

  it('does not keep an unknown user or a dead session', async () => {
    const { cache, reads, endSession, user } = setUp();
    expect(await cache.lookup('aaaaaaaaaaaaaaaaaaaaaaaa', SESSION)).toEqual({ user: undefined, sessionLive: true });
    endSession();
    expect(await cache.lookup(user.id, SESSION)).toEqual({ user, sessionLive: false });
    expect(await cache.lookup(user.id, SESSION)).toEqual({ user, sessionLive: false });
    expect(reads()).toBe(3);
  });

  it.each(['userRevoked', 'sessionRevoked', 'accountChanged'] as const)('forgets the user at once on %s', async (event) => {
    const { cache, events, repository, endSession, user } = setUp();
    await cache.lookup(user.id, SESSION);
    await repository.asRepository.bumpTokenVersion(user.id);
    endSession();
    if (event === 'sessionRevoked') events.emit(event, user.id, SESSION);
    else events.emit(event, user.id);
    expect(await cache.lookup(user.id, SESSION)).toEqual({ user: { ...user, tokenVersion: 1 }, sessionLive: false });
  });

  it('drops a fill that raced with an invalidation, so the stale read is never served', async () => {
    const { cache, events, repository, reads, user } = setUp();
    const inFlight = cache.lookup(user.id, SESSION); // reads the database...
    events.emit('userRevoked', user.id); // ...while a revocation lands
    await repository.asRepository.bumpTokenVersion(user.id);
    expect((await inFlight).user?.tokenVersion).toBe(0);
    expect((await cache.lookup(user.id, SESSION)).user?.tokenVersion).toBe(1);
    expect(reads()).toBe(2);
  });

  it('with REDIS_URL, answers nothing from memory until resumed, and nothing once suspended', async () => {
    const { cache, reads, user } = setUp({ REDIS_URL: 'redis://127.0.0.1:6379' });
    await cache.lookup(user.id, SESSION);
    await cache.lookup(user.id, SESSION);
    expect(reads()).toBe(2);
    cache.resume();
    await cache.lookup(user.id, SESSION);
    await cache.lookup(user.id, SESSION);
    expect(reads()).toBe(3);
    cache.suspend();
    expect(cache.size).toBe(0);
    await cache.lookup(user.id, SESSION);
    expect(reads()).toBe(4);
  });

  it('keeps at most AUTH_CACHE_MAX_USERS users, the least recently used leaving first', async () => {
    const users = Array.from({ length: 10 }, () => aUserRecord());
    const { cache, reads } = setUp({ AUTH_CACHE_MAX_USERS: '3' }, users);
    for (const user of users) await cache.lookup(user.id, SESSION);
    expect(cache.size).toBe(3);
    await cache.lookup(users[9]!.id, SESSION);
    expect(reads()).toBe(10);
    await cache.lookup(users[0]!.id, SESSION);
    expect(reads()).toBe(11);
  });

  it('trusts an entry no longer than AUTH_CACHE_TTL_SECONDS', async () => {
    jest.useFakeTimers({ now: Date.now(), doNotFake: ['nextTick', 'setImmediate'] });
    try {
      const { cache, reads, user } = setUp({ AUTH_CACHE_TTL_SECONDS: '5' });
      await cache.lookup(user.id, SESSION);
      jest.advanceTimersByTime(4_000);
      await cache.lookup(user.id, SESSION);
      expect(reads()).toBe(1);
      jest.advanceTimersByTime(2_000);
      await cache.lookup(user.id, SESSION);
      expect(reads()).toBe(2);
    } finally {
      jest.useRealTimers();
    }
  });

  it('hands out a frozen user, so no caller can change what the next request sees', async () => {
    const { cache, user } = setUp();
    await cache.lookup(user.id, SESSION);
    const { user: cached } = await cache.lookup(user.id, SESSION);
    expect(Object.isFrozen(cached)).toBe(true);
    expect(Object.isFrozen(cached?.roles)).toBe(true);
  });
});
