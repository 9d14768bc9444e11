import { spawn } from 'node:child_process';
import { randomBytes, randomUUID } from 'node:crypto';
import mongoose from 'mongoose';
import { readFileSync } from 'node:fs';
import { lineCollector, type LineCollector } from './process-output';
import { freePort } from '../../dev/free-port';

/**
 * The path a load balancer probes before sending traffic: not shutting down, MongoDB (and Redis
 * when configured) answer. `/health` is its alias; `/health/live` is the Dockerfile's HEALTHCHECK.
 */
export const READINESS_PATH = '/health/ready';

/** The unprivileged account the instances run as (the image's `node` user does not exist here). */
export const UNPRIVILEGED_USER = { user: 'nobody', group: 'nogroup' };

export interface AppProcess {
  url: string;
  port: number;
  pid: number;
  /** stdout: pino's JSON lines. */
  output: LineCollector;
  /** stderr: configuration errors and crashes. */
  errors: LineCollector;
  /** Sends the signal and resolves with the exit code (null when killed by a signal). */
  stop(signal?: NodeJS.Signals): Promise<{ code: number | null; signal: NodeJS.Signals | null }>;
}

/**
 * What a production instance is given (as compose gives the container): NODE_ENV=production, a
 * database of its own on the suite's server (named `<name>_<random>`), a strong JWT_SECRET, and
 * the shared Redis with rate-limit keys of its own.
 */
export function productionEnv(name: string, redisUrl: string): Record<string, string> {
  const base = process.env.TEST_MONGODB_URI;
  if (!base) throw new Error('TEST_MONGODB_URI is not set: run the tests through jest (global-setup starts the database)');
  const mongodbUri = new URL(base);
  mongodbUri.pathname = `/${name}_${randomUUID().replace(/-/g, '').slice(0, 12)}`;
  return {
    NODE_ENV: 'production',
    MONGODB_URI: mongodbUri.toString(),
    JWT_SECRET: randomBytes(48).toString('base64'),
    REDIS_URL: redisUrl,
    // Other runs share this Redis: counters of their own.
    RATE_LIMIT_KEY_PREFIX: `${name}-${randomUUID()}`,
  };
}

/** Drops the database an instance of productionEnv() used. */
export async function dropProductionDatabase(env: Record<string, string>): Promise<void> {
  const connection = await mongoose.createConnection(env.MONGODB_URI!).asPromise();
  await connection.dropDatabase();
  await connection.close();
}

/**
 * Runs `node dist/main.js` in a runtime-stage folder as `nobody`, with only the given environment
 * (plus PATH), as the container would; resolves once READINESS_PATH answers 200.
 */
export async function startAppProcess(dir: string, env: Record<string, string>): Promise<AppProcess> {
  const port = await freePort();
  const { user, group } = UNPRIVILEGED_USER;
  const child = spawn('setpriv', [`--reuid=${user}`, `--regid=${group}`, '--clear-groups', '--', process.execPath, 'dist/main.js'], {
    cwd: dir,
    env: { PATH: process.env.PATH ?? '/usr/bin:/bin', HOST: '127.0.0.1', PORT: String(port), ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  const output = lineCollector(child.stdout);
  const errors = lineCollector(child.stderr);
  const exited = new Promise<{ code: number | null; signal: NodeJS.Signals | null }>((resolve) =>
    child.once('exit', (code, signal) => resolve({ code, signal })),
  );
  const url = `http://127.0.0.1:${port}`;
  const app: AppProcess = {
    url,
    port,
    pid: child.pid!,
    output,
    errors,
    stop: async (signal = 'SIGTERM') => {
      if (child.exitCode === null && child.signalCode === null) child.kill(signal);
      return exited;
    },
  };
  try {
    await Promise.race([
      waitUntilReady(url),
      exited.then((how) => Promise.reject(new Error(`exited before it was ready: ${JSON.stringify(how)}`))),
    ]);
  } catch (error) {
    await app.stop('SIGKILL');
    throw new Error(
      `app instance on port ${port} did not become ready: ${String(error)}\n${[...output.lines, ...errors.lines].join('\n')}`,
    );
  }
  return app;
}

/** Polls READINESS_PATH as an orchestrator's readiness probe would, until 200 or the deadline. */
async function waitUntilReady(url: string, deadlineMs = 30_000): Promise<void> {
  const deadline = Date.now() + deadlineMs;
  let last = 'no answer';
  while (Date.now() < deadline) {
    try {
      const res = await fetch(`${url}${READINESS_PATH}`);
      if (res.status === 200) return;
      last = `HTTP ${res.status}`;
    } catch (error) {
      last = String(error);
    }
    await new Promise((resolve) => setTimeout(resolve, 200));
  }
  throw new Error(`${READINESS_PATH} not ready after ${deadlineMs} ms (${last})`);
}

/** The real user id of a running process, from /proc. */
export function processUid(pid: number): number {
  const line = readFileSync(`/proc/${pid}/status`, 'utf8')
    .split('\n')
    .find((entry) => entry.startsWith('Uid:'));
  return Number(line?.split(/\s+/)[1]);
}
