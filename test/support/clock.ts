import type { Clock } from '../../src/common/clock';

/**
 * A clock that stands still until the test moves it, so a time boundary is tested to the
 * millisecond without sleeping. Starts at the real time, so stored dates stay plausible.
 */
export class ManualClock implements Clock {
  private current = Date.now();

  now(): Date {
    return new Date(this.current);
  }

  advance(ms: number): void {
    this.current += ms;
  }
}
