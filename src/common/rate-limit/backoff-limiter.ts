import { RateLimiterRes, type RateLimiterAbstract } from 'rate-limiter-flexible';
import { TooManyRequestsError } from '../errors/app-error';

export interface BackoffOptions {
  /** Attempts allowed per window before the key is locked. */
  maxAttempts: number;
  windowSeconds: number;
  /** First lock; every further lock doubles, up to maxBlockSeconds. */
  baseBlockSeconds: number;
  maxBlockSeconds: number;
  /** How long past locks are remembered for the doubling. */
  memorySeconds: number;
}

/** The permit for one attempt; hand it back through failed() or succeeded(). */
export interface AttemptPermit {
  readonly key: string;
  /** True when this attempt used the last point of the window: failing it locks the key. */
  readonly last: boolean;
}

/**
 * Exponential backoff for guessable actions (logins): `maxAttempts` per window, then the key is
 * locked for base, 2×base, 4×base... An attempt takes its point BEFORE the guess is checked, and
 * the take is atomic in the store, so concurrent guesses cannot slip past the budget. Backoff,
 * not a permanent lock: an attacker cannot lock an owner out for longer than the current wait.
 */
export class BackoffLimiter {
  constructor(
    private readonly attempts: RateLimiterAbstract,
    private readonly strikes: RateLimiterAbstract,
    private readonly options: BackoffOptions,
  ) {}

  /** Takes a point for `key`, or throws TooManyRequestsError(code) with the wait in Retry-After. */
  async attempt(key: string, code = 'rate_limited'): Promise<AttemptPermit> {
    try {
      const res = await this.attempts.consume(key);
      return { key, last: res.remainingPoints === 0 };
    } catch (rejection) {
      throw toTooManyRequests(rejection, code);
    }
  }

  /** A failed attempt: when it was the last of the window, lock the key for the next backoff step. */
  async failed(permit: AttemptPermit): Promise<number | undefined> {
    if (!permit.last) return undefined;
    const { consumedPoints } = await this.strikes.penalty(permit.key, 1);
    const seconds = Math.min(this.options.maxBlockSeconds, this.options.baseBlockSeconds * 2 ** (consumedPoints - 1));
    await this.attempts.block(permit.key, seconds);
    return seconds;
  }

  /** A successful attempt clears the key's history. */
  async succeeded(permit: AttemptPermit): Promise<void> {
    await Promise.all([this.attempts.delete(permit.key), this.strikes.delete(permit.key)]);
  }

  /** A successful attempt that should not clear the key (a shared IP): just return its point. */
  async refund(permit: AttemptPermit): Promise<void> {
    await this.attempts.reward(permit.key, 1);
  }
}

/** consume() rejects with a RateLimiterRes when over budget, and with an Error when the store failed. */
export function toTooManyRequests(rejection: unknown, code: string): unknown {
  return rejection instanceof RateLimiterRes ? new TooManyRequestsError(rejection.msBeforeNext / 1000, code) : rejection;
}
