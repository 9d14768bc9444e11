import { LRUCache } from 'lru-cache';
import { Inject, Service } from 'typedi';
import type { AppConfig } from '../../config/app-config';
import { APP_CONFIG } from '../../config/app-config.token';
import { RevocationEvents } from '../../security/revocation-events';
import { SessionsService } from '../../sessions/sessions.service';
import type { UserRecord } from '../../users/user-record';
import { UsersRepository } from '../../users/users.repository';

/** What the authorization checker needs to know about a token's user and session. */
export interface AccountState {
  /** The user as stored, or undefined when there is none. */
  user: UserRecord | undefined;
  /** The session exists, belongs to the user and is live. */
  sessionLive: boolean;
}

interface Entry {
  /** Frozen: every request shares it, so nobody may change it in place. */
  user: UserRecord;
  /** Live sessions of the user seen so far, each trusted until min(its expiry, when it was read + TTL) (ms). */
  sessions: Map<string, number>;
}

/** A user rarely has more live devices than this; past it the oldest is read again on its next request. */
const MAX_SESSIONS_PER_USER = 32;

/**
 * The authorization checker's view of users and sessions, kept in memory so that a request
 * with a good token costs no database read. Filled on a miss; never the authority:
 *
 * - Every revocation and account change on this instance (RevocationEvents) drops the user's
 *   entry at once; other instances hear it through RevocationChannel, which calls invalidate().
 * - A fill that raced with an invalidation is discarded: each read notes the generation it
 *   started in, and any invalidation, suspend or resume starts a new one.
 * - While the revocation channel is not subscribed (Redis down, reconnecting, SUBSCRIBE not
 *   acknowledged yet) the cache is suspended: empty, and every lookup reads the database.
 * - Bounded in users (LRU), in sessions per user, and in age (TTL), the backstop for a change
 *   that no event announced.
 *
 * A cached session answers only until its own expiry; after that the database decides again.
 */
@Service()
export class AccountCache {
  private readonly entries: LRUCache<string, Entry>;
  private readonly ttlMs: number;
  private generation = 0;
  private trusted: boolean;
  /** Other instances may revoke (REDIS_URL is set), through the revocation channel. */
  private readonly remote: boolean;

  constructor(
    @Inject(APP_CONFIG) config: AppConfig,
    private readonly users: UsersRepository,
    private readonly sessions: SessionsService,
    events: RevocationEvents,
  ) {
    this.ttlMs = config.authCache.ttlMs;
    this.entries = new LRUCache<string, Entry>({ max: config.authCache.maxUsers, ttl: this.ttlMs });
    // With Redis, another instance may revoke at any time: trust nothing until the channel is subscribed.
    this.remote = config.redisUrl !== undefined;
    this.trusted = !this.remote;
    events.on('userRevoked', (userId) => this.invalidate(userId));
    events.on('sessionRevoked', (userId) => this.invalidate(userId));
    events.on('accountChanged', (userId) => this.invalidate(userId));
  }

  /** The user and the liveness of their session, from memory when this instance may trust it. */
  async lookup(userId: string, sessionId: string): Promise<AccountState> {
    // With other instances, let this turn of the event loop finish before trusting memory. Redis
    // delivers a revocation to this instance before the revoking instance answers its client,
    // so the message is already in our socket buffer when that client's next request arrives;
    // but both can be read in the same poll phase, the request first. setImmediate runs after
    // the whole poll phase, so the revocation is applied before we answer from the cache.
    if (this.remote) await new Promise<void>((resolve) => setImmediate(resolve));
    const now = Date.now();
    const entry = this.trusted ? this.entries.get(userId) : undefined;
    const trustUntil = entry?.sessions.get(sessionId);
    if (entry && trustUntil !== undefined && now < trustUntil) return { user: entry.user, sessionLive: true };

    const generation = this.generation;
    const [user, sessionEnd] = await Promise.all([this.users.findById(userId), this.sessions.liveUntil(sessionId, userId)]);
    if (user && sessionEnd && this.trusted && generation === this.generation) {
      this.remember(user, sessionId, Math.min(sessionEnd.getTime(), now + this.ttlMs));
    }
    return { user, sessionLive: sessionEnd !== undefined };
  }

  /** Drops what is known of the user: called for every revocation or account change, local or remote. */
  invalidate(userId: string): void {
    this.generation += 1;
    this.entries.delete(userId);
  }

  /** Drops everything (a message on the revocation channel that could not be read). */
  invalidateAll(): void {
    this.generation += 1;
    this.entries.clear();
  }

  /** Stops answering from memory (the revocation channel is down): empty, and every lookup reads through. */
  suspend(): void {
    this.trusted = false;
    this.invalidateAll();
  }

  /** Answers from memory again, from an empty cache: called once the channel's SUBSCRIBE is acknowledged. */
  resume(): void {
    this.invalidateAll();
    this.trusted = true;
  }

  /** Whether the user is cached now, without touching its recency (tests, and whoever reports on the cache). */
  has(userId: string): boolean {
    return this.entries.has(userId);
  }

  /** How many users are cached now (tests check the bound). */
  get size(): number {
    return this.entries.size;
  }

  private remember(user: UserRecord, sessionId: string, trustUntil: number): void {
    // The user's other sessions stay, each with its own deadline: nothing invalidated them since.
    const sessions = this.entries.get(user.id)?.sessions ?? new Map<string, number>();
    sessions.delete(sessionId);
    sessions.set(sessionId, trustUntil);
    // Maps keep insertion order: the first key is the session seen longest ago.
    if (sessions.size > MAX_SESSIONS_PER_USER) sessions.delete(sessions.keys().next().value as string);
    this.entries.set(user.id, { user: freeze(user), sessions });
  }
}

function freeze(user: UserRecord): UserRecord {
  return Object.freeze({ ...user, roles: Object.freeze([...user.roles]) as UserRecord['roles'] });
}
