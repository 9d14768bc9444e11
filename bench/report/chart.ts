import type { MetricResult } from './metrics';

/**
 * A small SVG, hand-written so the bench needs no charting library: one bar per metric, the
 * ratio on a log axis from 0.01 to 100, the target drawn as a tick. For "≤" targets the bar is
 * drawn as target ÷ ratio, so that for every bar longer-than-the-tick means better.
 */
export function renderChart(results: readonly MetricResult[], caption: string): string {
  const rowHeight = 26;
  const left = 300;
  const width = 760;
  const plot = width - left - 90;
  const top = 40;
  const height = top + results.length * rowHeight + 40;
  const x = (value: number) => left + ((Math.log10(Math.min(100, Math.max(0.01, value))) + 2) / 4) * plot;
  const escape = (text: string) => text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');
  const rows = results.map((r, i) => {
    const y = top + i * rowHeight;
    const upperOnly = r.min === undefined && r.max !== undefined;
    const shown = upperOnly ? (r.max! * r.max!) / r.ratio.median : r.ratio.median;
    const bounds = upperOnly ? [r.max!] : [r.min, r.max].filter((b): b is number => b !== undefined);
    const colour = r.verdict === 'PASS' ? '#2e7d32' : r.verdict === 'FAIL' ? '#c62828' : '#757575';
    return [
      `<text x="${left - 8}" y="${y + 16}" text-anchor="end">${escape(`${r.id}. ${r.name}`)}</text>`,
      `<rect x="${x(0.01)}" y="${y + 5}" width="${Math.max(1, x(shown) - x(0.01)).toFixed(1)}" height="14" fill="${colour}"/>`,
      ...bounds.map((b) => `<line x1="${x(b)}" x2="${x(b)}" y1="${y + 1}" y2="${y + 23}" stroke="#000" stroke-width="2"/>`),
      `<text x="${width - 84}" y="${y + 16}">${escape(`${r.ratio.median.toPrecision(2)} (${r.target})`)}</text>`,
    ].join('');
  });
  const ticks = [0.01, 0.1, 1, 10, 100].map(
    (t) =>
      `<line x1="${x(t)}" x2="${x(t)}" y1="${top}" y2="${height - 36}" stroke="#ddd"/><text x="${x(t)}" y="${height - 22}" text-anchor="middle">${t}×</text>`,
  );
  return [
    `<svg xmlns="http://www.w3.org/2000/svg" width="${width}" height="${height}" font-family="sans-serif" font-size="12">`,
    `<rect width="100%" height="100%" fill="#fff"/>`,
    `<text x="10" y="22" font-size="14" font-weight="bold">${escape(caption)}</text>`,
    ...ticks,
    ...rows,
    `<text x="10" y="${height - 6}" fill="#555">ratio to the baseline (log scale); black tick = target; green = PASS, red = FAIL; ≤ targets drawn inverted</text>`,
    '</svg>',
    '',
  ].join('\n');
}
