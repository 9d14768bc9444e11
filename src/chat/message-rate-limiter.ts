import Redis from 'ioredis';
import { RateLimiterMemory, RateLimiterRedis, RateLimiterRes, type RateLimiterAbstract } from 'rate-limiter-flexible';
import { Inject, Service } from 'typedi';
import { TooManyRequestsError } from '../common/errors/app-error';
import type { AppConfig } from '../config/app-config';
import { APP_CONFIG } from '../config/app-config.token';

/**
 * The message:send budget of one socket (CHAT_RATE_LIMIT_POINTS per CHAT_RATE_LIMIT_WINDOW_SECONDS).
 * In memory on a single instance; in Redis when REDIS_URL is set, with an in-memory fallback so a
 * Redis outage degrades to per-instance limits instead of refusing every message.
 */
@Service()
export class MessageRateLimiter {
  private readonly limiter: RateLimiterAbstract;
  private readonly redis?: Redis;

  constructor(@Inject(APP_CONFIG) config: AppConfig) {
    const options = { keyPrefix: 'chat-send', points: config.chat.rateLimit.points, duration: config.chat.rateLimit.windowSeconds };
    if (config.redisUrl) {
      // No offline queue: while Redis is unreachable, consume() fails fast and the insurance limiter answers.
      this.redis = new Redis(config.redisUrl, { enableOfflineQueue: false, maxRetriesPerRequest: 1 });
      this.redis.on('error', () => undefined); // reconnects on its own; the insurance limiter covers the gap
      this.limiter = new RateLimiterRedis({ ...options, storeClient: this.redis, insuranceLimiter: new RateLimiterMemory(options) });
    } else {
      this.limiter = new RateLimiterMemory(options);
    }
  }

  /** Spends one point for `key` (a socket id); throws TooManyRequestsError when none is left. */
  async consume(key: string): Promise<void> {
    try {
      await this.limiter.consume(key);
    } catch (error) {
      if (error instanceof RateLimiterRes) throw new TooManyRequestsError(error.msBeforeNext / 1000);
      throw error;
    }
  }

  async close(): Promise<void> {
    await this.redis?.quit().catch(() => undefined);
  }
}
