import type { TestApp } from '../test/support/test-app';
import { median, timeEach, type BenchRow } from './stats';

/**
 * Enumeration by timing: a wrong password for a real account must cost the same as any password
 * for an email that does not exist (the dummy-hash verification). Samples are interleaved so
 * both sides see the same machine load; the ratio should stay close to 1.00.
 */
export async function benchLoginTiming(t: TestApp, samples = 40): Promise<BenchRow> {
  const email = 'bench-known@example.test';
  await post(t, '/users', { email, password: 'correct horse battery staple', displayName: 'Bench' });
  const known: number[] = [];
  const unknown: number[] = [];
  for (let round = 0; round < samples; round += 1) {
    // Distinct emails per round keep per-account throttling out of the measurement.
    known.push(...(await timeEach(1, () => post(t, '/auth/login', { email, password: `wrong password ${round}` }))));
    unknown.push(
      ...(await timeEach(1, () => post(t, '/auth/login', { email: `nobody-${round}@example.test`, password: 'whatever it is' }))),
    );
  }
  return {
    name: 'login, known email + wrong password',
    baseline: 'unknown email',
    medianMs: median(known),
    baselineMedianMs: median(unknown),
    note: 'close to 1.00 = no timing oracle',
  };
}

async function post(t: TestApp, path: string, body: object): Promise<number> {
  const response = await fetch(`${t.url}${path}`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify(body),
  });
  await response.arrayBuffer();
  return response.status;
}
