import { Token } from 'typedi';

/** The time, as rules that depend on it see it (edit windows): tests put a clock they move into the app's container. */
export interface Clock {
  now(): Date;
}

export const CLOCK = new Token<Clock>('clock');

export const systemClock: Clock = { now: () => new Date() };
