import type { Clock } from '../../src/common/clock';

/** A clock the test moves: put it in an app's container (CLOCK) before the first socket event. */
export class FakeClock implements Clock {
  private millis = Date.now();

  now(): Date {
    return new Date(this.millis);
  }

  /** Back to the real time, e.g. right before the test stores what it will later age. */
  reset(): void {
    this.millis = Date.now();
  }

  advance(seconds: number): void {
    this.millis += seconds * 1000;
  }
}
