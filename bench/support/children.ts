import { spawn, type ChildProcess } from 'node:child_process';
import { join } from 'node:path';
import type { JobReply } from './rpc';

export const ROOT = join(__dirname, '..', '..');
const TS_NODE = ['-r', 'ts-node/register/transpile-only'];
const HEAP_PROBE = ['--expose-gc', '-r', join(ROOT, 'bench', 'support', 'heap-probe.cjs')];

export interface ChildSpec {
  name: string;
  /** A .ts file runs through ts-node; a .js file runs as is (the built app). */
  script: string;
  env?: Record<string, string | undefined>;
  /** CPU list for taskset, e.g. "0"; undefined = no pinning. */
  cpus?: string;
  /** Load heap-probe.cjs so the harness can ask for the heap after a full GC. */
  heapProbe?: boolean;
  /** More options for node itself (`--cpu-prof` is refused in NODE_OPTIONS). */
  nodeArgs?: string[];
}

/** A child process with an IPC channel; `call` sends it a job and waits for the answer. */
export class Child {
  private nextId = 1;
  private readonly pending = new Map<number, (reply: JobReply) => void>();
  readonly startedAt = process.hrtime.bigint();
  stderrTail = '';
  readonly ready: Promise<Record<string, unknown>>;

  constructor(
    readonly name: string,
    readonly proc: ChildProcess,
  ) {
    this.ready = new Promise((resolve, reject) => {
      proc.on('message', (message: JobReply | { ready: true }) => {
        if ('ready' in message) return resolve(message);
        this.pending.get(message.id)?.(message);
        this.pending.delete(message.id);
      });
      proc.once('exit', (code, signal) => {
        reject(new Error(`${name} exited (${code ?? signal}) before it was ready:\n${this.stderrTail}`));
        for (const settle of this.pending.values()) settle({ id: 0, ok: false, error: `${name} exited (${code ?? signal})` });
      });
    });
    this.ready.catch(() => undefined); // callers that never await readiness must not crash the harness
    proc.stderr?.on('data', (chunk: Buffer) => (this.stderrTail = (this.stderrTail + chunk.toString()).slice(-4000)));
  }

  call<T>(job: string, input?: unknown, timeoutMs = 120_000): Promise<T> {
    const id = this.nextId++;
    return new Promise<T>((resolve, reject) => {
      const timer = setTimeout(() => {
        this.pending.delete(id);
        reject(new Error(`${this.name}: job ${job} timed out after ${timeoutMs} ms`));
      }, timeoutMs);
      this.pending.set(id, (reply) => {
        clearTimeout(timer);
        if (reply.ok) resolve(reply.result as T);
        else reject(new Error(`${this.name}: job ${job} failed: ${reply.error}`));
      });
      this.proc.send({ id, job, input });
    });
  }
}

const running = new Set<Child>();

/** Starts `spec` as its own process; every child is registered so `stopAll()` can end it. */
export function startChild(spec: ChildSpec): Child {
  const nodeArgs = [
    ...(spec.nodeArgs ?? []),
    ...(spec.heapProbe ? HEAP_PROBE : []),
    ...(spec.script.endsWith('.ts') ? TS_NODE : []),
    spec.script,
  ];
  const [command, args] = spec.cpus ? ['taskset', ['-c', spec.cpus, process.execPath, ...nodeArgs]] : [process.execPath, nodeArgs];
  const env: Record<string, string | undefined> = { ...process.env, ...spec.env };
  for (const key of Object.keys(env)) if (env[key] === undefined) delete env[key];
  const child = new Child(spec.name, spawn(command, args, { cwd: ROOT, env, stdio: ['ignore', 'ignore', 'pipe', 'ipc'] }));
  running.add(child);
  child.proc.once('exit', () => running.delete(child));
  return child;
}

/** SIGTERM to every child still running, SIGKILL to those that linger past `graceMs`. */
export async function stopAll(graceMs = 5000): Promise<void> {
  const children = [...running];
  await Promise.all(
    children.map(
      (child) =>
        new Promise<void>((resolve) => {
          if (child.proc.exitCode !== null || child.proc.signalCode !== null) return resolve();
          const kill = setTimeout(() => child.proc.kill('SIGKILL'), graceMs);
          child.proc.once('exit', () => {
            clearTimeout(kill);
            resolve();
          });
          child.proc.kill('SIGTERM');
        }),
    ),
  );
}

/** Polls `url` until it answers 2xx; resolves with the milliseconds since `since`. */
export async function waitForHttp(url: string, child: Child, timeoutMs = 60_000): Promise<number> {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    if (child.proc.exitCode !== null) throw new Error(`${child.name} exited (${child.proc.exitCode}):\n${child.stderrTail}`);
    const ok = await fetch(url).then(
      (response) => response.ok,
      () => false,
    );
    if (ok) return Number(process.hrtime.bigint() - child.startedAt) / 1e6;
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
  throw new Error(`${child.name} did not answer ${url} within ${timeoutMs} ms:\n${child.stderrTail}`);
}
