import { availableParallelism } from 'node:os';
import { Worker } from 'node:worker_threads';

/**
 * How much lower than the event loop the hashing threads run (Linux nice, 0..19). At 10 the
 * kernel gives a busy event loop about ten times their share of a core they both want: a login
 * flood no longer delays every other request, and hashing still has all the CPU nobody else
 * wants. Lowering one's own priority needs no privilege.
 */
export const HASHING_NICENESS = 10;
/** An idle thread is ended after this long (and started again on the next hash). */
const IDLE_MS = 10_000;

/** What a hashing thread is asked: @node-rs/argon2's synchronous hash or verify, with its arguments. */
export type HashingJob =
  { op: 'hash'; args: [password: string, options: object] } | { op: 'verify'; args: [hash: string, password: string] };

/**
 * The thread's code. Evaluated, not a file, so it runs the same from dist/ and under ts-jest. It
 * lowers its own thread's priority (on Linux setpriority(0) applies to the calling thread only) and
 * hashes synchronously, so the work happens on this niced thread and not on libuv's shared pool.
 */
const THREAD_SOURCE = `
const { parentPort, workerData } = require('node:worker_threads');
const { setPriority } = require('node:os');
const argon2 = require(workerData.argon2);
try { setPriority(0, workerData.niceness); } catch {}
parentPort.on('message', (job) => {
  try {
    const result = job.op === 'hash' ? argon2.hashSync(...job.args) : argon2.verifySync(...job.args);
    parentPort.postMessage({ result });
  } catch (error) {
    parentPort.postMessage({ error: String((error && error.message) || error) });
  }
});`;

interface Pending {
  job: HashingJob;
  resolve: (result: unknown) => void;
  reject: (error: Error) => void;
}

/**
 * A few low-priority threads that run argon2id, one job each at a time: at most (cores - 1, at
 * least 1) hashes at once, the rest wait in order. availableParallelism() honours CPU affinity
 * (taskset, container cpusets). Threads start on demand and end when idle, so an app that never
 * hashes (or a test that builds many apps) keeps none.
 */
export class HashingThreads {
  private readonly idle: Worker[] = [];
  private readonly queue: Pending[] = [];
  private running = 0;
  private readonly size = Math.max(1, availableParallelism() - 1);

  run<T>(job: HashingJob): Promise<T> {
    return new Promise<T>((resolve, reject) => {
      this.queue.push({ job, resolve: resolve as (result: unknown) => void, reject });
      this.next();
    });
  }

  private next(): void {
    while (this.queue.length > 0 && this.running < this.size) {
      const pending = this.queue.shift()!;
      this.running += 1;
      this.execute(this.idle.pop() ?? startThread(), pending);
    }
  }

  private execute(worker: Worker, { job, resolve, reject }: Pending): void {
    clearTimeout(idleTimers.get(worker));
    // Holds the process open while it hashes (a command that awaits a hash must get it); idle, it never does.
    worker.ref();
    const settle = (outcome: { result?: unknown; error?: string }, failed?: Error) => {
      worker.off('message', onMessage).off('error', onError);
      this.running -= 1;
      if (failed) {
        void worker.terminate();
      } else {
        worker.unref();
        this.idle.push(worker);
        idleTimers.set(worker, setTimeout(() => this.retire(worker), IDLE_MS).unref());
      }
      if (failed || outcome.error !== undefined) reject(failed ?? new Error(outcome.error));
      else resolve(outcome.result);
      this.next();
    };
    const onMessage = (outcome: { result?: unknown; error?: string }) => settle(outcome);
    const onError = (error: Error) => settle({}, error);
    worker.on('message', onMessage).on('error', onError);
    worker.postMessage(job);
  }

  private retire(worker: Worker): void {
    const index = this.idle.indexOf(worker);
    if (index === -1) return;
    this.idle.splice(index, 1);
    void worker.terminate();
  }
}

const idleTimers = new WeakMap<Worker, NodeJS.Timeout>();

function startThread(): Worker {
  const worker = new Worker(THREAD_SOURCE, {
    eval: true,
    workerData: { argon2: require.resolve('@node-rs/argon2'), niceness: HASHING_NICENESS },
  });
  return worker;
}
