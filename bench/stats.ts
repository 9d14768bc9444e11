/** Small statistics for benchmark samples (milliseconds). */
export function median(samples: readonly number[]): number {
  const sorted = [...samples].sort((a, b) => a - b);
  const middle = Math.floor(sorted.length / 2);
  return sorted.length % 2 ? sorted[middle]! : (sorted[middle - 1]! + sorted[middle]!) / 2;
}

export function percentile(samples: readonly number[], p: number): number {
  const sorted = [...samples].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))]!;
}

/** Runs `fn` `count` times in sequence and returns each duration in milliseconds. */
export async function timeEach(count: number, fn: (index: number) => Promise<unknown>): Promise<number[]> {
  const samples: number[] = [];
  for (let index = 0; index < count; index += 1) {
    const started = process.hrtime.bigint();
    await fn(index);
    samples.push(Number(process.hrtime.bigint() - started) / 1e6);
  }
  return samples;
}

export interface BenchRow {
  name: string;
  baseline: string;
  medianMs: number;
  baselineMedianMs: number;
  note?: string;
}

export function printRows(rows: readonly BenchRow[]): void {
  for (const row of rows) {
    const ratio = row.medianMs / row.baselineMedianMs;
    console.log(
      `${row.name.padEnd(44)} median ${row.medianMs.toFixed(3).padStart(9)} ms | baseline ${row.baseline}: ${row.baselineMedianMs
        .toFixed(3)
        .padStart(9)} ms | ratio ${ratio.toFixed(2)}${row.note ? ` | ${row.note}` : ''}`,
    );
  }
}
