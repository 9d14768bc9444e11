import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { prepare } from './measure/fixtures';
import { runRound } from './measure/round';
import { type Figures, FULL, QUICK, wantedFrom } from './measure/settings';
import { renderChart } from './report/chart';
import { evaluate } from './report/metrics';
import { renderTable, type RunInfo } from './report/table';
import { ROOT, stopAll } from './support/children';
import { describeDatabase } from './support/database-label';
import type { ProvidedMongo } from './support/mongo';
import { startStack } from './support/stack';

/**
 * `npm run bench [-- --quick] [--only 1,2]`: starts the app and its baselines, measures every figure of
 * issue 9 as a ratio within this run, prints one table, writes bench/results/<date>.json and
 * .svg, and (full runs only) docs/bench-chart.svg, the chart the README shows.
 */
const quick = process.argv.includes('--quick');
const wanted = wantedFrom(process.argv);
const partial = process.argv.some((arg) => arg.startsWith('--only'));
const settings = quick ? QUICK : FULL;
const log = (message: string) => console.log(`[bench] ${message}`);
let mongo: ProvidedMongo | undefined;
let interrupted = false;

async function main(): Promise<void> {
  const stack = await startStack(log);
  mongo = stack.mongo;
  const idle = await stack.app.call<{ rss: number }>('heap');
  const hashCost = await stack.argon2.call<{ argon2Ms: number; pbkdf2Ms: number }>('hashCost', { samples: 5 });
  log('creating accounts');
  const fixtures = await prepare(stack, settings, wanted);
  const rounds: Figures[] = [];
  for (let round = 0; round < settings.rounds; round += 1) {
    log(`round ${round + 1}/${settings.rounds}`);
    rounds.push(await runRound(stack, settings, fixtures, round, wanted));
  }

  const date = new Date().toISOString();
  const info: RunInfo = {
    date,
    mode: quick ? 'quick' : 'full',
    rounds: settings.rounds,
    node: process.version,
    database: await describeDatabase(stack.mongo),
    cpus: stack.cpus,
    appReadyMs: stack.app.readyMs,
    appIdleRssMiB: idle.rss / 2 ** 20,
    argon2HashMs: hashCost.argon2Ms,
    pbkdf2Ms: hashCost.pbkdf2Ms,
  };
  const results = evaluate(rounds).filter((result) => wanted(result.id));
  console.log(`\n${renderTable(results, info)}\n`);

  const resultsDir = join(ROOT, 'bench', 'results');
  mkdirSync(resultsDir, { recursive: true });
  const stem = join(resultsDir, date.replace(/[:.]/g, '-'));
  writeFileSync(`${stem}.json`, `${JSON.stringify({ info, settings, results, rounds }, null, 2)}\n`);
  const chart = renderChart(results, `npm run bench (${info.mode}), ${date.slice(0, 10)}, node ${info.node}, ${info.database}`);
  writeFileSync(`${stem}.svg`, chart);
  const ofRecord = !quick && !partial;
  if (ofRecord) writeFileSync(join(ROOT, 'docs', 'bench-chart.svg'), chart);
  log(`wrote ${stem}.json and .svg${ofRecord ? ' and docs/bench-chart.svg' : ''}`);
}

async function shutdown(): Promise<void> {
  await stopAll();
  await mongo?.stop().catch(() => undefined);
}

// Whatever happens, the run ends by itself and leaves no process behind.
const watchdog = setTimeout(
  () => {
    console.error('[bench] watchdog: the run took too long, stopping');
    void shutdown().finally(() => process.exit(2));
  },
  (quick ? 6 : 25) * 60_000,
);
for (const signal of ['SIGINT', 'SIGTERM'] as const) {
  process.once(signal, () => {
    interrupted = true; // the jobs in flight now fail because their processes stop: not news
    console.error(`[bench] ${signal}: stopping every process`);
    void shutdown().finally(() => process.exit(130));
  });
}

main()
  .then(shutdown, async (error: unknown) => {
    if (!interrupted) console.error('[bench] failed:', error);
    await shutdown();
    process.exitCode = 1;
  })
  .finally(() => clearTimeout(watchdog));
