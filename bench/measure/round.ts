import type { Stack } from '../support/stack';
import type { Fixtures } from './fixtures';
import { measureHttp } from './http';
import type { Figures, Settings } from './settings';
import { measureSockets } from './sockets';

/** One round of every measurement, HTTP first, then sockets. */
export async function runRound(stack: Stack, s: Settings, f: Fixtures, round: number): Promise<Figures> {
  const out: Figures = {};
  await measureHttp(stack, s, f, round, out);
  await measureSockets(stack, s, f, round, out);
  return out;
}
