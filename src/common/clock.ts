import { Token } from 'typedi';

/** Where services read the time when a rule depends on it, so tests can move time instead of sleeping. */
export interface Clock {
  now(): Date;
}

export const systemClock: Clock = { now: () => new Date() };

/** Typed container key; createAppContainer() registers systemClock unless the app is given another. */
export const CLOCK = new Token<Clock>('clock');
