/** How long and how hard each measurement runs; `--quick` and the full run differ only here. */
export interface Settings {
  rounds: number;
  httpMs: number;
  /** Load on each GET target before the rounds (JIT warm-up). */
  warmUpMs: number;
  httpConnections: number;
  loginMs: number;
  loginConnections: number;
  refreshConnections: number;
  floodMs: number;
  /** The steady rate of authenticated GETs whose p99 is compared with and without a login flood. */
  steadyRps: number;
  timingSamples: number;
  connects: number;
  heapSockets: number;
  chatClients: number;
  chatMs: number;
}

export const QUICK: Settings = {
  rounds: 3,
  httpMs: 1000,
  warmUpMs: 2000,
  httpConnections: 50,
  loginMs: 1000,
  loginConnections: 8,
  refreshConnections: 16,
  floodMs: 1000,
  steadyRps: 100,
  timingSamples: 8,
  connects: 200,
  heapSockets: 200,
  chatClients: 200,
  chatMs: 1000,
};
export const FULL: Settings = {
  rounds: 3,
  httpMs: 6000,
  warmUpMs: 2000,
  httpConnections: 50,
  loginMs: 5000,
  loginConnections: 8,
  refreshConnections: 16,
  floodMs: 5000,
  steadyRps: 100,
  timingSamples: 40,
  connects: 500,
  heapSockets: 500,
  chatClients: 200,
  chatMs: 5000,
};

export type Figures = Record<string, number>;

/** Whether a metric (by its id in report/metrics.ts) is measured in this run (`--only`). */
export type Wanted = (metricId: string) => boolean;

/** `--only 1,2` or `--only=1,2`: measure those metrics only (a quicker loop while working on one). */
export function wantedFrom(argv: readonly string[]): Wanted {
  const at = argv.findIndex((arg) => arg === '--only' || arg.startsWith('--only='));
  if (at < 0) return () => true;
  const list = argv[at]!.includes('=') ? argv[at]!.split('=')[1]! : (argv[at + 1] ?? '');
  const ids = new Set(list.split(',').filter(Boolean));
  if (ids.size === 0) throw new Error('--only needs a list of metric ids, e.g. --only 1,2');
  return (metricId) => ids.has(metricId);
}

export const anyOf = (wanted: Wanted, ...ids: string[]): boolean => ids.some(wanted);

/** Runs a pair of measurements, swapping their order every other round so drift hits both sides. */
export type Pair = (a: () => Promise<void>, b: () => Promise<void>) => Promise<void>;

export function pairFor(round: number): Pair {
  return async (a, b) => {
    for (const step of round % 2 ? [b, a] : [a, b]) await step();
  };
}
