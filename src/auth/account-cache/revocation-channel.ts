import { randomUUID } from 'node:crypto';
import { EventEmitter } from 'node:events';
import { Redis } from 'ioredis';
import { Inject, Service } from 'typedi';
import { LOGGER, type Logger } from '../../common/logger';
import type { AppConfig } from '../../config/app-config';
import { APP_CONFIG } from '../../config/app-config.token';
import { RevocationEvents } from '../../security/revocation-events';
import { AccountCache } from './account-cache';

export interface RevocationChannelEventMap {
  /** SUBSCRIBE was acknowledged on the current connection: the account cache answers again. */
  subscribed: [];
  /** The subscriber connection went (or the channel closed): the account cache reads through. */
  lost: [];
}

/** The longest a revoking request waits for Redis to take the message. */
const PUBLISH_TIMEOUT_MS = 1_000;

/** One message on the channel: which user's cached state every other instance must drop. */
interface RevocationMessage {
  origin: string;
  userId: string;
}

/**
 * Carries revocations between instances over Redis pub/sub (with REDIS_URL), so a token revoked
 * on one instance is refused by the others' caches too. Every local revocation or account change
 * (RevocationEvents) is published; every message from another instance invalidates that user in
 * this instance's AccountCache.
 *
 * Pub/sub delivers only to connected subscribers, so a message sent while this instance's
 * subscriber is down is lost for good. Hence the rule: the cache is trusted only while the
 * subscriber is subscribed. On 'close', 'reconnecting' or 'end' the cache is suspended (emptied,
 * read-through); after a reconnect the channel SUBSCRIBEs again (autoResubscribe is off so that
 * the acknowledgement is seen here) and only that acknowledgement resumes it, from empty.
 * Both transitions are announced ('subscribed', 'lost') for whoever reports health, and for tests.
 */
@Service()
export class RevocationChannel extends EventEmitter<RevocationChannelEventMap> {
  private readonly origin = randomUUID();
  private publisher?: Redis;
  private subscriber?: Redis;
  /** Counts subscriber connections, so an acknowledgement from a connection already lost resumes nothing. */
  private connection = 0;
  private isSubscribed = false;

  constructor(
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    private readonly events: RevocationEvents,
    private readonly cache: AccountCache,
    @Inject(LOGGER) private readonly logger: Logger,
  ) {
    super();
  }

  private readonly publish = (userId: string): void => {
    const message: RevocationMessage = { origin: this.origin, userId };
    if (!this.publisher) return;
    const published = this.publisher.publish(this.config.authCache.revocationChannel, JSON.stringify(message)).catch((error: unknown) => {
      // Other instances keep their entry for at most AUTH_CACHE_TTL_SECONDS: the TTL is the backstop.
      this.logger.warn({ err: error, userId }, 'could not publish a revocation to other instances');
    });
    // The revoking request answers once Redis has taken the message (announce() awaits this).
    this.events.track(published);
  };

  /** True while SUBSCRIBE is acknowledged on the current connection (the account cache answers). */
  get subscribed(): boolean {
    return this.isSubscribed;
  }

  /** Without REDIS_URL there is one instance and nothing to do: local invalidation suffices. */
  start(): void {
    const url = this.config.redisUrl;
    if (!url) return;
    // No offline queue and a command timeout: a revoking request waits for the publish, never for Redis to come back.
    this.publisher = new Redis(url, { enableOfflineQueue: false, maxRetriesPerRequest: 1, commandTimeout: PUBLISH_TIMEOUT_MS });
    this.subscriber = new Redis(url, { autoResubscribe: false });
    for (const client of [this.publisher, this.subscriber]) {
      client.on('error', (error: Error) => this.logger.warn({ err: error }, 'revocation channel: Redis connection error'));
    }
    this.subscriber.on('ready', () => this.subscribe());
    for (const lost of ['close', 'reconnecting', 'end'] as const) this.subscriber.on(lost, () => this.lost());
    this.subscriber.on('message', (channel: string, raw: string) => this.receive(channel, raw));
    for (const event of ['userRevoked', 'sessionRevoked', 'accountChanged'] as const) this.events.on(event, this.publish);
  }

  async close(): Promise<void> {
    for (const event of ['userRevoked', 'sessionRevoked', 'accountChanged'] as const) this.events.off(event, this.publish);
    const clients = [this.publisher, this.subscriber].filter((client) => client !== undefined);
    this.publisher = this.subscriber = undefined;
    this.lost();
    await Promise.all(clients.map((client) => client.quit().catch(() => client.disconnect())));
  }

  private subscribe(): void {
    const connection = this.connection;
    this.subscriber?.subscribe(this.config.authCache.revocationChannel).then(
      () => {
        if (connection !== this.connection) return;
        this.isSubscribed = true;
        this.cache.resume();
        this.logger.info('revocation channel subscribed; account cache on');
        this.emit('subscribed');
      },
      (error: unknown) => this.logger.warn({ err: error }, 'revocation channel: SUBSCRIBE failed; account cache stays off'),
    );
  }

  private lost(): void {
    this.connection += 1;
    this.isSubscribed = false;
    this.cache.suspend();
    this.emit('lost');
  }

  private receive(channel: string, raw: string): void {
    if (channel !== this.config.authCache.revocationChannel) return;
    const message = parse(raw);
    // Something on our channel we cannot read might have been a revocation: forget everything.
    if (!message) return this.cache.invalidateAll();
    if (message.origin !== this.origin) this.cache.invalidate(message.userId);
  }
}

function parse(raw: string): RevocationMessage | undefined {
  try {
    const value = JSON.parse(raw) as Partial<RevocationMessage> | null;
    return typeof value?.origin === 'string' && typeof value.userId === 'string'
      ? { origin: value.origin, userId: value.userId }
      : undefined;
  } catch {
    return undefined;
  }
}
