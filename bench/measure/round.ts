import type { Stack } from '../support/stack';
import type { Fixtures } from './fixtures';
import { measureHttp } from './http';
import { anyOf, type Figures, type Settings, type Wanted } from './settings';
import { measureSockets } from './sockets';

/** One round of every measurement, HTTP first, then sockets. */
export async function runRound(stack: Stack, s: Settings, f: Fixtures, round: number, wanted: Wanted): Promise<Figures> {
  const out: Figures = {};
  await measureHttp(stack, s, f, round, out, wanted);
  if (anyOf(wanted, '7', '8', '9')) await measureSockets(stack, s, f, round, out);
  return out;
}
