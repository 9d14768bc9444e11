/** The value of one sample (`name{labels}` exactly as exposed, labels in prom-client's order) in a scrape; 0 when absent. */
export function sample(scrape: string, series: string): number {
  const line = scrape.split('\n').find((entry) => entry.startsWith(`${series} `));
  return line === undefined ? 0 : Number(line.slice(series.length + 1));
}

/** How much each series grew between two scrapes. */
export function deltas(before: string, after: string, series: readonly string[]): Record<string, number> {
  return Object.fromEntries(series.map((name) => [name, sample(after, name) - sample(before, name)]));
}
