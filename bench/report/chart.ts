import type { MetricResult } from './metrics';

/**
 * A small SVG, hand-written so the bench needs no charting library: one bar per metric, showing
 * how far its ratio is from its target on one log axis where 1 = the target just met, whatever
 * the target's direction ("≥ 3": ratio ÷ 3; "≤ 2": 2 ÷ ratio; a band: the nearer edge). A bar
 * that crosses the line passes. The real ratio and target are printed beside the bar.
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
    const shown = Math.min(
      r.min === undefined ? Infinity : r.ratio.median / r.min,
      r.max === undefined ? Infinity : r.max / r.ratio.median,
    );
    const colour = r.verdict === 'PASS' ? '#2e7d32' : r.verdict === 'FAIL' ? '#c62828' : '#757575';
    return [
      `<text x="${left - 8}" y="${y + 16}" text-anchor="end">${escape(`${r.id}. ${r.name}`)}</text>`,
      `<rect x="${x(0.01)}" y="${y + 5}" width="${Math.max(1, x(shown) - x(0.01)).toFixed(1)}" height="14" fill="${colour}"/>`,
      `<text x="${width - 84}" y="${y + 16}">${escape(`${r.ratio.median.toPrecision(2)} (${r.target})`)}</text>`,
    ].join('');
  });
  const ticks = [0.01, 0.1, 1, 10, 100].map(
    (t) =>
      `<line x1="${x(t)}" x2="${x(t)}" y1="${top}" y2="${height - 36}" stroke="${t === 1 ? '#000' : '#ddd'}" stroke-width="${t === 1 ? 2 : 1}"/>` +
      `<text x="${x(t)}" y="${height - 22}" text-anchor="middle">${t === 1 ? 'target' : t < 1 ? `1/${1 / t}` : `${t}×`}</text>`,
  );
  return [
    `<svg xmlns="http://www.w3.org/2000/svg" width="${width}" height="${height}" font-family="sans-serif" font-size="12">`,
    `<rect width="100%" height="100%" fill="#fff"/>`,
    `<text x="10" y="22" font-size="14" font-weight="bold">${escape(caption)}</text>`,
    ...ticks,
    ...rows,
    `<text x="10" y="${height - 6}" fill="#555">distance to the target (log scale): a bar past the black line meets it; green = PASS, red = FAIL; right: ratio (target)</text>`,
    '</svg>',
    '',
  ].join('\n');
}
