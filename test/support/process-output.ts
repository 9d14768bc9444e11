import type { Readable } from 'node:stream';

export interface LineCollector {
  /** Every complete line read so far. */
  readonly lines: string[];
  /** Resolves with the first line (already read or still to come) that matches; rejects after timeoutMs. */
  waitFor(matches: (line: string) => boolean, timeoutMs?: number): Promise<string>;
  /** Resolves once `count` lines match; rejects after timeoutMs. */
  waitForCount(matches: (line: string) => boolean, count: number, timeoutMs?: number): Promise<string[]>;
}

/** Collects a child process's output line by line, so tests wait for what it says instead of sleeping. */
export function lineCollector(stream: Readable): LineCollector {
  const lines: string[] = [];
  const waiters = new Set<() => void>();
  let partial = '';
  stream.setEncoding('utf8');
  stream.on('data', (chunk: string) => {
    const parts = (partial + chunk).split('\n');
    partial = parts.pop() ?? '';
    lines.push(...parts);
    for (const waiter of waiters) waiter();
  });

  const waitForCount = (matches: (line: string) => boolean, count: number, timeoutMs = 10_000) =>
    new Promise<string[]>((resolve, reject) => {
      const check = () => {
        const found = lines.filter(matches);
        if (found.length < count) return;
        clearTimeout(timer);
        waiters.delete(check);
        resolve(found.slice(0, count));
      };
      const timer = setTimeout(() => {
        waiters.delete(check);
        reject(new Error(`timed out after ${timeoutMs} ms waiting for ${count} matching lines; got:\n${lines.join('\n')}`));
      }, timeoutMs);
      waiters.add(check);
      check();
    });

  return {
    lines,
    waitForCount,
    waitFor: async (matches, timeoutMs) => (await waitForCount(matches, 1, timeoutMs))[0],
  };
}
