import type { Clock } from '../../src/common/clock';

/**
 * A clock that stands still until the test moves it, so a time boundary is tested to the
 * millisecond without sleeping. Starts at the real time, so stored dates stay plausible. Give it
 * to the app (createApp's `clock` option, or the container's CLOCK before the first event).
 */
export class ManualClock implements Clock {
  private current = Date.now();

  now(): Date {
    return new Date(this.current);
  }

  advance(ms: number): void {
    this.current += ms;
  }

  /** Back to the real time, e.g. right before the test stores what it will later age. */
  reset(): void {
    this.current = Date.now();
  }
}
