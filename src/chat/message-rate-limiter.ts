import { RateLimiterRes, type RateLimiterAbstract } from 'rate-limiter-flexible';
import { Inject, Service } from 'typedi';
import { TooManyRequestsError } from '../common/errors/app-error';
import { RateLimiterFactory } from '../common/rate-limit/rate-limiter.factory';
import type { AppConfig } from '../config/app-config';
import { APP_CONFIG } from '../config/app-config.token';

/**
 * The message:send budget of one socket (CHAT_RATE_LIMIT_POINTS per CHAT_RATE_LIMIT_WINDOW_SECONDS),
 * shared across instances through the rate-limit factory's store (Redis when REDIS_URL is set).
 */
@Service()
export class MessageRateLimiter {
  private readonly limiter: RateLimiterAbstract;

  constructor(@Inject(APP_CONFIG) config: AppConfig, limiters: RateLimiterFactory) {
    this.limiter = limiters.create({
      name: 'chat-send',
      points: config.chat.rateLimit.points,
      durationSeconds: config.chat.rateLimit.windowSeconds,
    });
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
}
