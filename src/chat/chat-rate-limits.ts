import type { RateLimiterAbstract } from 'rate-limiter-flexible';
import { Inject, Service } from 'typedi';
import { toTooManyRequests } from '../common/rate-limit/backoff-limiter';
import { RateLimiterFactory } from '../common/rate-limit/rate-limiter.factory';
import type { AppConfig } from '../config/app-config';
import { APP_CONFIG } from '../config/app-config.token';
import { JOIN_RATE_LIMIT, MANAGE_RATE_LIMIT, TYPING_RATE_LIMIT } from './chat.constants';

/** The socket events that cost other users something, and so have a budget. */
export type LimitedChatEvent = 'message:send' | 'typing' | 'room:join' | 'room:manage';

/**
 * Per-user budgets for message:send (CHAT_RATE_LIMIT_POINTS per CHAT_RATE_LIMIT_WINDOW_SECONDS;
 * edits and deletes spend it too), typing, room:join (also room:create and dm:open) and
 * room:manage (invite, remove, rename), see chat.constants.ts. Keyed by user id, not socket id, so reconnecting or
 * opening more tabs does not buy a fresh budget. Shared across instances through the factory's
 * store (Redis when REDIS_URL is set).
 */
@Service()
export class ChatRateLimits {
  private readonly limiters: Record<LimitedChatEvent, RateLimiterAbstract>;

  constructor(@Inject(APP_CONFIG) config: AppConfig, factory: RateLimiterFactory) {
    const { points, windowSeconds } = config.chat.rateLimit;
    this.limiters = {
      'message:send': factory.create({ name: 'chat-send', points, durationSeconds: windowSeconds }),
      typing: factory.create({ name: 'chat-typing', ...TYPING_RATE_LIMIT }),
      'room:join': factory.create({ name: 'chat-join', ...JOIN_RATE_LIMIT }),
      'room:manage': factory.create({ name: 'chat-manage', ...MANAGE_RATE_LIMIT }),
    };
  }

  /** Spends one of the user's points for `event`; throws TooManyRequestsError (rate_limited) when none is left. */
  async consume(event: LimitedChatEvent, userId: string): Promise<void> {
    try {
      await this.limiters[event].consume(userId);
    } catch (rejection) {
      throw toTooManyRequests(rejection, 'rate_limited');
    }
  }
}
