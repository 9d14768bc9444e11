import type { Figures } from '../measure/settings';
import { median, type Spread, spread } from '../support/stats';

/** The targets: every ratio is ours ÷ a baseline measured in the same run. */
export interface MetricDefinition {
  id: string;
  name: string;
  ours: string;
  baseline: string;
  baselineName: string;
  unit: string;
  /** Inclusive bounds on the ratio; undefined = informational. */
  min?: number;
  max?: number;
  /** Extra figures printed beside the metric (keys of the round figures). */
  extra?: Array<[label: string, key: string]>;
}

export const METRICS: MetricDefinition[] = [
  { id: '1', name: 'GET /users/me ÷ bare Koa JSON', ours: 'meRps', baseline: 'koaRps', baselineName: 'bare Koa', unit: 'req/s', min: 0.7 },
  {
    id: '2',
    name: "GET /users/me ÷ article's /custom",
    ours: 'meRps',
    baseline: 'articleRps',
    baselineName: 'article stack',
    unit: 'req/s',
    min: 3,
  },
  {
    id: '3',
    name: 'logins ÷ argon2id verifies alone',
    ours: 'loginRps',
    baseline: 'argon2Vps',
    baselineName: 'argon2 verify',
    unit: '/s',
    min: 0.85,
  },
  {
    id: '4',
    name: 'GET p99 during login flood ÷ without',
    ours: 'floodP99',
    baseline: 'steadyP99',
    baselineName: 'no flood',
    unit: 'ms',
    max: 2,
  },
  { id: '5', name: 'refresh rotations ÷ logins', ours: 'refreshRps', baseline: 'loginRps', baselineName: 'logins', unit: '/s', min: 10 },
  {
    id: '6',
    name: 'login median: unknown ÷ known email',
    ours: 'loginUnknownMs',
    baseline: 'loginKnownMs',
    baselineName: 'known, wrong pw',
    unit: 'ms',
    min: 0.9,
    max: 1.1,
  },
  {
    id: '7',
    name: 'chat deliveries/s, 200 in a room ÷ bare',
    ours: 'chatDps',
    baseline: 'bareChatDps',
    baselineName: 'bare socket.io',
    unit: 'msg/s',
    min: 0.5,
    extra: [
      ['ours send→receipt p50/p99 ms', 'chatP50|chatP99'],
      ['bare p50/p99 ms', 'bareChatP50|bareChatP99'],
    ],
  },
  {
    id: '8',
    name: 'authenticated connects/s ÷ bare',
    ours: 'appCps',
    baseline: 'bareCps',
    baselineName: 'bare socket.io',
    unit: '/s',
    min: 0.9,
  },
  {
    id: '9',
    name: 'heap per idle socket ÷ bare',
    ours: 'appHeapPerSocket',
    baseline: 'bareHeapPerSocket',
    baselineName: 'bare socket.io',
    unit: 'B',
    max: 1.15,
  },
];

export interface MetricResult {
  id: string;
  name: string;
  unit: string;
  baselineName: string;
  ours: Spread;
  baseline: Spread;
  /** The ratio per round; the verdict reads its median. */
  ratio: Spread;
  target: string;
  min?: number;
  max?: number;
  verdict: 'PASS' | 'FAIL' | 'info';
  extra: Array<[string, string]>;
}

export function evaluate(rounds: readonly Figures[]): MetricResult[] {
  return METRICS.map((m) => {
    const ratio = spread(rounds.map((r) => r[m.ours]! / r[m.baseline]!));
    const within = (m.min === undefined || ratio.median >= m.min) && (m.max === undefined || ratio.median <= m.max);
    const target =
      m.min !== undefined && m.max !== undefined
        ? `${m.min}..${m.max}`
        : m.min !== undefined
          ? `≥ ${m.min}`
          : m.max !== undefined
            ? `≤ ${m.max}`
            : '—';
    return {
      id: m.id,
      name: m.name,
      unit: m.unit,
      baselineName: m.baselineName,
      ours: spread(rounds.map((r) => r[m.ours]!)),
      baseline: spread(rounds.map((r) => r[m.baseline]!)),
      ratio,
      target,
      min: m.min,
      max: m.max,
      verdict: m.min === undefined && m.max === undefined ? 'info' : within ? 'PASS' : 'FAIL',
      extra: (m.extra ?? []).map(([label, keys]) => [
        label,
        keys
          .split('|')
          .map((k) => format(median(rounds.map((r) => r[k]!))))
          .join(' / '),
      ]),
    };
  });
}

/** Three significant figures, thousands grouped: enough for ratios that move by percents. */
export function format(value: number): string {
  if (!Number.isFinite(value)) return 'n/a';
  const digits = Math.abs(value) >= 100 ? 0 : Math.abs(value) >= 10 ? 1 : Math.abs(value) >= 1 ? 2 : 3;
  return value.toLocaleString('en-US', { maximumFractionDigits: digits, minimumFractionDigits: digits });
}
