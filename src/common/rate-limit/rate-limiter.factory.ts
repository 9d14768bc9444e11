import { Redis } from 'ioredis';
import { RateLimiterMemory, RateLimiterRedis, RateLimiterRes, type RateLimiterAbstract } from 'rate-limiter-flexible';
import { Inject, Service } from 'typedi';
import type { AppConfig } from '../../config/app-config';
import { APP_CONFIG } from '../../config/app-config.token';
import { AppMetrics } from '../../metrics/app-metrics';
import { LOGGER, type Logger } from '../logger';
import { BackoffLimiter, type BackoffOptions } from './backoff-limiter';

export interface LimiterOptions {
  /** Unique per purpose ('login-account', 'chat-message', ...): it namespaces the keys. */
  name: string;
  points: number;
  durationSeconds: number;
}

/**
 * The one place rate limiters are made (rate-limiter-flexible). In memory by default; in Redis
 * when REDIS_URL is set, so every instance counts against the same budget. If Redis fails, a
 * per-instance memory limiter stands in (insuranceLimiter): limits loosen, requests are not lost.
 */
@Service()
export class RateLimiterFactory {
  private redis?: Redis;

  constructor(
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    @Inject(LOGGER) private readonly logger: Logger,
    private readonly metrics: AppMetrics,
  ) {}

  /** A fixed-window limiter: `points` per `durationSeconds` per key. Its refusals are counted under `name`. */
  create({ name, points, durationSeconds }: LimiterOptions, metricName = name): RateLimiterAbstract {
    const options = { keyPrefix: `${this.config.rateLimit.keyPrefix}:${name}`, points, duration: durationSeconds };
    const limiter = this.config.redisUrl
      ? new RateLimiterRedis({
          ...options,
          storeClient: this.client(this.config.redisUrl),
          insuranceLimiter: new RateLimiterMemory(options),
        })
      : new RateLimiterMemory(options);
    return this.counted(limiter, metricName);
  }

  /** Attempts per window, then exponentially growing waits (see BackoffLimiter). */
  createBackoff(options: BackoffOptions & { name: string }): BackoffLimiter {
    const attempts = this.create(
      { name: `${options.name}:attempts`, points: options.maxAttempts, durationSeconds: options.windowSeconds },
      options.name,
    );
    // Remembers how many times the key was locked, so each new lock lasts twice as long.
    const strikes = this.create({
      name: `${options.name}:strikes`,
      points: Number.MAX_SAFE_INTEGER,
      durationSeconds: options.memorySeconds,
    });
    return new BackoffLimiter(attempts, strikes, options);
  }

  /** Closes the Redis connection, if one was opened; called when the app closes. */
  async close(): Promise<void> {
    await this.redis?.quit();
    this.redis = undefined;
  }

  /**
   * Every limiter is made here, so counting refusals here covers them all (login backoff, chat,
   * registrations...) without each caller remembering to. A refusal is a RateLimiterRes; an Error
   * is the store failing, which is not a throttled request.
   */
  private counted(limiter: RateLimiterAbstract, metricName: string): RateLimiterAbstract {
    const consume = limiter.consume.bind(limiter);
    limiter.consume = async (...args) => {
      try {
        return await consume(...args);
      } catch (rejection) {
        if (rejection instanceof RateLimiterRes) this.metrics.rateLimited(metricName);
        throw rejection;
      }
    };
    return limiter;
  }

  private client(url: string): Redis {
    // Few retries per command: a dead Redis should hand over to the insurance limiter quickly.
    if (!this.redis) {
      this.redis = new Redis(url, { maxRetriesPerRequest: 1, connectTimeout: 2_000 });
      // Without a listener ioredis prints every reconnect failure to stderr; the limits carry on in memory.
      this.redis.on('error', (error: Error) => this.logger.warn({ err: error }, 'rate-limit Redis unavailable; using per-instance limits'));
    }
    return this.redis;
  }
}
