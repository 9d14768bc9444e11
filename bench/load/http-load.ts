import autocannon from 'autocannon';
import { serveJobs } from '../support/rpc';
import { elapsedMs, median } from '../support/stats';

/** HTTP load generator, its own process: the harness sends it jobs, it never shares a CPU queue with a server. */

interface CannonJob {
  url: string;
  headers?: Record<string, string>;
  method?: 'GET' | 'POST';
  body?: string;
  connections: number;
  durationMs: number;
  /** Requests per second over all connections; 0 = as fast as the server answers. */
  overallRate?: number;
}

export interface HttpFigures {
  rps: number;
  p50: number;
  p99: number;
  non2xx: number;
  errors: number;
}

/** Throughput counts 2xx only, so a server that fails fast cannot look fast. */
async function cannon(job: CannonJob): Promise<HttpFigures> {
  const result = await autocannon({
    url: job.url,
    method: job.method ?? 'GET',
    headers: job.body ? { 'content-type': 'application/json', ...job.headers } : job.headers,
    body: job.body,
    connections: job.connections,
    duration: job.durationMs / 1000,
    overallRate: job.overallRate || undefined,
  });
  return {
    rps: result['2xx'] / result.duration,
    p50: result.latency.p50,
    p99: result.latency.p99,
    non2xx: result.non2xx,
    errors: result.errors + result.timeouts,
  };
}

interface PostLoopJob {
  url: string;
  durationMs: number;
  /** One body per connection; with `chain`, each response's field of that name feeds the next body. */
  bodies: Array<Record<string, string>>;
  chain?: string;
}

/**
 * A closed loop of POSTs per connection, for requests autocannon cannot chain: each refresh
 * spends its token, so every connection carries its own token forward from one response to the
 * next (autocannon resets a connection's context after every request of a one-request list).
 */
async function postLoop(job: PostLoopJob): Promise<{ rps: number; non2xx: number }> {
  const started = process.hrtime.bigint();
  let ok = 0;
  let failed = 0;
  const lane = async (initial: Record<string, string>) => {
    const body = { ...initial };
    while (elapsedMs(started) < job.durationMs) {
      const response = await fetch(job.url, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify(body),
      });
      const reply = (await response.json().catch(() => ({}))) as Record<string, string>;
      if (!response.ok) {
        failed += 1;
        if (job.chain) return; // a broken chain cannot go on: its token is spent or revoked
        continue;
      }
      ok += 1;
      if (job.chain) body[job.chain] = reply[job.chain]!;
    }
  };
  await Promise.all(job.bodies.map(lane));
  return { rps: ok / (elapsedMs(started) / 1000), non2xx: failed };
}

/**
 * Median login latency for a known email with a wrong password against an unknown email,
 * interleaved one by one so both sides see the same machine load.
 */
async function loginTiming(job: { url: string; knownEmail: string; samples: number }): Promise<{ knownMs: number; unknownMs: number }> {
  const time = async (email: string, password: string) => {
    const started = process.hrtime.bigint();
    const response = await fetch(job.url, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ email, password }),
    });
    await response.arrayBuffer();
    if (response.status !== 401) throw new Error(`login timing: expected 401, got ${response.status}`);
    return elapsedMs(started);
  };
  const known: number[] = [];
  const unknown: number[] = [];
  for (let i = 0; i < job.samples; i += 1) {
    known.push(await time(job.knownEmail, `wrong password number ${i}`));
    unknown.push(await time(`nobody-${i}-${Date.now()}@example.test`, `wrong password number ${i}`));
  }
  return { knownMs: median(known), unknownMs: median(unknown) };
}

serveJobs({ cannon, postLoop, loginTiming });
