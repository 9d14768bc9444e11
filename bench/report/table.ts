import { format, type MetricResult } from './metrics';

export interface RunInfo {
  date: string;
  mode: 'quick' | 'full';
  rounds: number;
  node: string;
  database: string;
  cpus: { servers?: string; load?: string; total: number };
  appReadyMs: number;
  appIdleRssMiB: number;
  argon2HashMs: number;
  pbkdf2Ms: number;
}

/** The one table `npm run bench` prints: metric, ours, baseline, ratio (min..max), target, verdict. */
export function renderTable(results: readonly MetricResult[], info: RunInfo): string {
  const rows = [
    ['#', 'metric', 'ours', 'baseline', 'ratio (min..max)', 'target', 'verdict'],
    ...results.map((r) => [
      r.id,
      r.name,
      `${format(r.ours.median)} ${r.unit}`,
      `${format(r.baseline.median)} ${r.unit} (${r.baselineName})`,
      `${format(r.ratio.median)} (${format(r.ratio.min)}..${format(r.ratio.max)})`,
      r.target,
      r.verdict,
    ]),
    ['10', 'app start → ready; idle RSS', `${format(info.appReadyMs)} ms; ${format(info.appIdleRssMiB)} MiB`, '—', '', '—', 'info'],
    [
      '',
      'hash a password: argon2id ÷ PBKDF2-SHA1×1',
      `${format(info.argon2HashMs)} ms`,
      `${format(info.pbkdf2Ms)} ms (article)`,
      format(info.argon2HashMs / info.pbkdf2Ms),
      '—',
      'info',
    ],
  ];
  const widths = rows[0]!.map((_, column) => Math.max(...rows.map((row) => row[column]!.length)));
  const line = (row: string[]) => row.map((cell, column) => cell.padEnd(widths[column]!)).join(' | ');
  const extras = results.flatMap((r) => r.extra.map(([label, value]) => `  #${r.id} ${label}: ${value}`));
  const cores = info.cpus.servers
    ? `servers (app and baselines, one at a time under load) pinned to CPU ${info.cpus.servers}, load generators to CPU ${info.cpus.load}, database unpinned; ${info.cpus.total} cores in all`
    : `${info.cpus.total} core(s), shared by servers, load generators and the database (not pinned)`;
  return [
    `koa-jwt-chat bench, ${info.date}, ${info.mode} (${info.rounds} interleaved rounds, median and min..max of per-round ratios)`,
    `node ${info.node}; database: ${info.database}; ${cores}`,
    '',
    line(rows[0]!),
    widths.map((w) => '-'.repeat(w)).join('-|-'),
    ...rows.slice(1).map(line),
    ...extras,
  ].join('\n');
}
