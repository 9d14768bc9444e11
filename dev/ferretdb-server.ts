import { spawn, type ChildProcess } from 'node:child_process';
import { mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { createConnection } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { ensureFerretdbBinary } from './ferretdb-binary';
import { freePort } from './free-port';

export interface RunningFerretdb {
  uri: string;
  port: number;
  stop(): Promise<void>;
  /** SIGKILL, as a crash would: no goodbye to clients. The data folder stays (restart on the same port to recover). */
  kill(): Promise<void>;
}

export interface FerretdbOptions {
  dataDir?: string;
  /** A fixed port (to restart a killed server where its clients expect it); a free one by default. */
  port?: number;
  log?: (message: string) => void;
}

/**
 * Starts FerretDB on a free loopback port with the SQLite backend and telemetry disabled.
 * `dataDir` keeps data between runs (npm run dev); without it a temporary folder is used and removed.
 */
export async function startFerretdb(options: FerretdbOptions = {}): Promise<RunningFerretdb> {
  const binary = ensureFerretdbBinary(options.log);
  const dataDir = options.dataDir ?? mkdtempSync(join(tmpdir(), 'ferretdb-data-'));
  mkdirSync(dataDir, { recursive: true });
  const port = options.port ?? (await freePort());
  const child = spawn(
    binary,
    [
      '--handler=sqlite',
      // WAL (FerretDB's default) with synchronous=NORMAL: a commit survives the database process
      // dying and may be lost only with the machine, as with MongoDB's default write concern
      // (journal flushed every 100 ms). FULL fsyncs every commit, which nearly halved inserts.
      `--sqlite-url=file:${dataDir}/?_pragma=synchronous(normal)`,
      `--state-dir=${dataDir}`,
      `--listen-addr=127.0.0.1:${port}`,
      '--debug-addr=-',
      '--telemetry=disable',
      '--log-level=warn',
    ],
    { stdio: ['ignore', 'ignore', 'pipe'] },
  );
  let stderr = '';
  child.stderr?.on('data', (chunk: Buffer) => (stderr = (stderr + chunk.toString()).slice(-4_000)));
  // Never leave an orphan database behind if this process exits without calling stop().
  const killOnExit = () => child.kill('SIGKILL');
  process.once('exit', killOnExit);

  try {
    await waitForPort(port, child, () => stderr);
  } catch (error) {
    child.kill('SIGKILL');
    throw error;
  }

  return {
    uri: `mongodb://127.0.0.1:${port}/`,
    port,
    stop: async () => {
      process.removeListener('exit', killOnExit);
      await terminate(child);
      if (!options.dataDir) rmSync(dataDir, { recursive: true, force: true });
    },
    kill: async () => {
      process.removeListener('exit', killOnExit);
      if (child.exitCode !== null || child.signalCode !== null) return;
      const exited = new Promise((resolve) => child.once('exit', resolve));
      child.kill('SIGKILL');
      await exited;
    },
  };
}

async function waitForPort(port: number, child: ChildProcess, stderr: () => string, timeoutMs = 30_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    if (child.exitCode !== null) throw new Error(`FerretDB exited with code ${child.exitCode}: ${stderr()}`);
    if (await canConnect(port)) return;
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
  throw new Error(`FerretDB did not listen on 127.0.0.1:${port} within ${timeoutMs} ms: ${stderr()}`);
}

function canConnect(port: number): Promise<boolean> {
  return new Promise((resolve) => {
    const socket = createConnection({ host: '127.0.0.1', port });
    socket.once('connect', () => {
      socket.destroy();
      resolve(true);
    });
    socket.once('error', () => resolve(false));
  });
}

function terminate(child: ChildProcess): Promise<void> {
  if (child.exitCode !== null || child.signalCode !== null) return Promise.resolve();
  return new Promise((resolve) => {
    const force = setTimeout(() => child.kill('SIGKILL'), 5_000);
    child.once('exit', () => {
      clearTimeout(force);
      resolve();
    });
    child.kill('SIGTERM');
  });
}
