import { execFileSync } from 'node:child_process';
import { mkdirSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { availableParallelism } from 'node:os';
import { join } from 'node:path';
import { freePort } from '../dev/free-port';
import type { HttpFigures } from './load/http-load';
import { ROOT, startChild, stopAll, waitForHttp } from './support/children';
import { provideMongo, type ProvidedMongo } from './support/mongo';
import { appUsers } from './support/seed';
import { appEnv, withDatabase } from './support/stack';

/**
 * `npm run bench:profile [-- --no-build]`: the built app under `node --cpu-prof`, pinned to the
 * first core, loaded with autocannon (50 connections, `GET /users/me`, one user) from the last
 * core, then a summary of the profile: self time by frame and inclusive time by package or app
 * file. How each step in docs/benchmarks.md was profiled. The .cpuprofile stays in
 * bench/results/profiles/ (not committed) for a closer look in Chrome's DevTools.
 */
const WARM_UP_MS = 2000;
const LOAD_MS = 8000;
const log = (message: string) => console.log(`[profile] ${message}`);
let mongo: ProvidedMongo | undefined;

async function main(): Promise<void> {
  if (!process.argv.includes('--no-build')) execFileSync('npm', ['run', '--silent', 'build'], { cwd: ROOT, stdio: 'inherit' });
  const dir = join(ROOT, 'bench', 'results', 'profiles');
  rmSync(dir, { recursive: true, force: true });
  mkdirSync(dir, { recursive: true });
  mongo = await provideMongo({ log });
  const total = availableParallelism();
  const [servers, load] = total >= 2 ? ['0', String(total - 1)] : [undefined, undefined];
  const port = await freePort();
  const app = startChild({
    name: 'app',
    script: join(ROOT, 'dist', 'main.js'),
    cpus: servers,
    env: appEnv(port, withDatabase(mongo.uri, `profile-${Date.now()}`)),
    nodeArgs: ['--cpu-prof', `--cpu-prof-dir=${dir}`],
  });
  const httpLoad = startChild({ name: 'http load', script: 'bench/load/http-load.ts', cpus: load });
  const url = `http://127.0.0.1:${port}`;
  await waitForHttp(`${url}/health`, app);
  await httpLoad.ready;
  const [user] = await appUsers(url, 'profile', 1);
  const cannon = (durationMs: number) =>
    httpLoad.call<HttpFigures>('cannon', {
      url: `${url}/users/me`,
      headers: { authorization: `Bearer ${user!.accessToken}` },
      connections: 50,
      durationMs,
    });
  await cannon(WARM_UP_MS);
  const figures = await cannon(LOAD_MS);
  log(`GET /users/me under the profiler: ${figures.rps.toFixed(0)} req/s, p99 ${figures.p99} ms, non-2xx ${figures.non2xx}`);
  await stopAll(15_000); // SIGTERM: the app shuts down gracefully, and node writes the profile on exit
  const file = readdirSync(dir).find((name) => name.endsWith('.cpuprofile'));
  if (!file) throw new Error(`no profile in ${dir}`);
  summarise(JSON.parse(readFileSync(join(dir, file), 'utf8')) as CpuProfile);
  log(`profile: ${join(dir, file)}`);
}

interface CpuProfile {
  nodes: Array<{ id: number; callFrame: { functionName: string; url: string; lineNumber: number }; children?: number[] }>;
  samples: number[];
}

/** Where a frame's code lives: a package under node_modules, an app file under dist/, or node itself. */
function placeOf(url: string): string {
  const pkg = /node_modules\/((?:@[^/]+\/)?[^/]+)/.exec(url);
  if (pkg) return pkg[1]!;
  const app = /\/dist\/(.+)$/.exec(url);
  if (app) return `app:${app[1]}`;
  return url ? 'node:internal' : '(native)';
}

function summarise(profile: CpuProfile): void {
  const byId = new Map(profile.nodes.map((node) => [node.id, node]));
  const parent = new Map<number, number>();
  for (const node of profile.nodes) for (const child of node.children ?? []) parent.set(child, node.id);
  const self = new Map<string, number>();
  const inclusive = new Map<string, number>();
  const count = profile.samples.length;
  let idle = 0;
  for (const sample of profile.samples) {
    const leaf = byId.get(sample)!;
    const { functionName, url, lineNumber } = leaf.callFrame;
    if (functionName === '(idle)') idle += 1;
    const selfKey = `${functionName || '(anonymous)'} ${placeOf(url)}${url ? `:${lineNumber + 1}` : ''}`;
    self.set(selfKey, (self.get(selfKey) ?? 0) + 1);
    const seen = new Set<string>();
    for (let id: number | undefined = sample; id !== undefined; id = parent.get(id)) {
      const { url: frameUrl, functionName: name } = byId.get(id)!.callFrame;
      if (!frameUrl && name !== '(garbage collector)') continue;
      seen.add(frameUrl ? placeOf(frameUrl) : name);
    }
    for (const key of seen) inclusive.set(key, (inclusive.get(key) ?? 0) + 1);
  }
  const busy = count - idle;
  const top = (map: Map<string, number>, n: number, of: number) =>
    [...map.entries()]
      .sort((a, b) => b[1] - a[1])
      .slice(0, n)
      .map(([key, samples]) => `  ${((100 * samples) / of).toFixed(1).padStart(5)}%  ${key}`)
      .join('\n');
  log(`${count} samples, idle ${((100 * idle) / count).toFixed(1)}%`);
  log(`self time, share of all samples:\n${top(self, 25, count)}`);
  log(`inclusive time by package or app file, share of busy samples:\n${top(inclusive, 40, busy)}`);
}

main()
  .catch((error: unknown) => {
    console.error('[profile] failed:', error);
    process.exitCode = 1;
  })
  .finally(async () => {
    await stopAll();
    await mongo?.stop().catch(() => undefined);
  });
