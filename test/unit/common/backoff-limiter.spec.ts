import { RateLimiterMemory } from 'rate-limiter-flexible';
import { BackoffLimiter } from '../../../src/common/rate-limit/backoff-limiter';
import { TooManyRequestsError } from '../../../src/common/errors/app-error';

describe('BackoffLimiter', () => {
  const options = { maxAttempts: 2, windowSeconds: 60, baseBlockSeconds: 10, maxBlockSeconds: 25, memorySeconds: 3600 };
  let limiter: BackoffLimiter;
  beforeEach(() => {
    jest.useFakeTimers({ now: new Date('2026-01-01T00:00:00Z') });
    limiter = new BackoffLimiter(
      new RateLimiterMemory({ points: options.maxAttempts, duration: options.windowSeconds }),
      new RateLimiterMemory({ points: Number.MAX_SAFE_INTEGER, duration: options.memorySeconds }),
      options,
    );
  });
  afterEach(() => jest.useRealTimers());

  const failOnce = async () => limiter.failed(await limiter.attempt('k'));
  const retryAfter = async () => {
    const error = await limiter.attempt('k', 'login_throttled').then(
      () => undefined,
      (e: unknown) => e,
    );
    expect(error).toBeInstanceOf(TooManyRequestsError);
    expect((error as TooManyRequestsError).code).toBe('login_throttled');
    return (error as TooManyRequestsError).details!.retryAfterSeconds!;
  };

  it('locks after maxAttempts failures and doubles the wait on each further lock, up to the maximum', async () => {
    expect(await failOnce()).toBeUndefined();
    expect(await failOnce()).toBe(10);
    expect(await retryAfter()).toBe(10);

    jest.advanceTimersByTime(10_001);
    await failOnce();
    expect(await failOnce()).toBe(20);
    expect(await retryAfter()).toBe(20);

    jest.advanceTimersByTime(20_001);
    await failOnce();
    expect(await failOnce()).toBe(25);
  });

  it('a success clears the history; a refund only returns the point', async () => {
    await failOnce();
    await limiter.succeeded(await limiter.attempt('k'));
    expect(await failOnce()).toBeUndefined();
    await limiter.refund(await limiter.attempt('k'));
    expect(await failOnce()).toBe(10);
  });
});
