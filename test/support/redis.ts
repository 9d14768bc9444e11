import { spawn, type ChildProcess } from 'node:child_process';
import { once } from 'node:events';
import { createServer, type AddressInfo } from 'node:net';
import Redis from 'ioredis';

/** The Redis every multi-instance test shares (started by .ci/run when the machine has none running). */
export const TEST_REDIS_URL = 'redis://127.0.0.1:6379';

/** Fails (never skips) when Redis does not answer. */
export async function requireRedis(url = TEST_REDIS_URL): Promise<void> {
  const probe = new Redis(url, { lazyConnect: true, maxRetriesPerRequest: 0, retryStrategy: () => null });
  try {
    await probe.connect();
    await probe.ping();
  } catch (error) {
    throw new Error(`Redis is required at ${url} for this test: ${String(error)}`);
  } finally {
    probe.disconnect();
  }
}

/** A redis-server of the test's own, which it may stop and start again (the shared one must stay up). */
export interface PrivateRedis {
  url: string;
  /** Kills the server (SIGKILL: no goodbye to clients, as in a crash). */
  stop(): Promise<void>;
  /** Starts it again on the same port (nothing to do when it runs). */
  start(): Promise<void>;
}

/** Starts redis-server on a free loopback port, without persistence; resolves once it accepts connections. */
export async function startPrivateRedis(): Promise<PrivateRedis> {
  const port = await freePort();
  let server: ChildProcess | undefined;
  const start = async () => {
    if (server && server.exitCode === null) return;
    const child = spawn('redis-server', ['--port', String(port), '--bind', '127.0.0.1', '--save', '', '--appendonly', 'no'], {
      stdio: ['ignore', 'pipe', 'inherit'],
    });
    server = child;
    await new Promise<void>((resolve, reject) => {
      let output = '';
      child.stdout.on('data', (chunk: Buffer) => {
        output += chunk.toString();
        if (output.includes('Ready to accept connections')) resolve();
      });
      child.once('exit', (code) => reject(new Error(`redis-server exited (${code}) before it was ready:\n${output}`)));
    });
  };
  const stop = async () => {
    const child = server;
    server = undefined;
    if (!child || child.exitCode !== null) return;
    const exited = once(child, 'exit');
    child.kill('SIGKILL');
    await exited;
  };
  await start();
  return { url: `redis://127.0.0.1:${port}`, stop, start };
}

function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const probe = createServer();
    probe.once('error', reject);
    probe.listen(0, '127.0.0.1', () => {
      const { port } = probe.address() as AddressInfo;
      probe.close(() => resolve(port));
    });
  });
}
