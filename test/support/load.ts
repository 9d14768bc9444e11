import { Agent, request as httpRequest } from 'node:http';

/** What one request of a load loop ended in. */
export interface Outcome {
  client: number;
  /** Date.now() when the request was sent, and how long until it was answered or failed. */
  startedAt: number;
  durationMs: number;
  status?: number;
  /** The problem document's code, for error responses. */
  code?: string;
  retryAfter?: string;
  /** The socket error (ECONNREFUSED, ECONNRESET...), when no response arrived. */
  error?: string;
}

export interface LoadRequest {
  method: 'GET' | 'POST';
  path: string;
  headers?: Record<string, string>;
  body?: unknown;
}

export interface Load {
  readonly outcomes: Outcome[];
  /** Resolves once every client has at least `count` outcomes matching `matches`. */
  waitUntilEach(matches: (outcome: Outcome) => boolean, count: number, timeoutMs?: number): Promise<void>;
  /** Stops the loops after their current request and resolves with every outcome. */
  stop(): Promise<Outcome[]>;
}

export interface LoadOptions {
  url: string;
  /** One request shape per client; each client loops on its own keep-alive connection. */
  requests: readonly LoadRequest[];
  /** Stop a client at its first ECONNREFUSED (the server is gone for good: the shutdown test). */
  stopWhenRefused?: boolean;
}

/**
 * Clients that loop on requests as an operator's load test would: each on its own keep-alive
 * agent (one connection, reused while the server allows), recording every outcome.
 */
export function startLoad({ url, requests, stopWhenRefused = false }: LoadOptions): Load {
  const outcomes: Outcome[] = [];
  const waiters = new Set<() => void>();
  let stopped = false;
  const loops = requests.map(async (shape, client) => {
    const agent = new Agent({ keepAlive: true, maxSockets: 1 });
    try {
      while (!stopped) {
        const outcome = await send(url, shape, agent, client);
        outcomes.push(outcome);
        for (const waiter of waiters) waiter();
        if (outcome.error === 'ECONNREFUSED') {
          if (stopWhenRefused) return;
          // The server is not there: ask again shortly rather than spin (not an ordering wait).
          await new Promise((resolve) => setTimeout(resolve, 20));
        }
      }
    } finally {
      agent.destroy();
    }
  });

  return {
    outcomes,
    waitUntilEach: (matches, count, timeoutMs = 15_000) =>
      new Promise((resolve, reject) => {
        const check = () => {
          if (requests.some((_, client) => outcomes.filter((o) => o.client === client && matches(o)).length < count)) return;
          clearTimeout(timer);
          waiters.delete(check);
          resolve();
        };
        const timer = setTimeout(() => {
          waiters.delete(check);
          reject(new Error(`timed out after ${timeoutMs} ms; outcomes so far:\n${JSON.stringify(outcomes.slice(-40), null, 1)}`));
        }, timeoutMs);
        waiters.add(check);
        check();
      }),
    stop: async () => {
      stopped = true;
      await Promise.all(loops);
      return outcomes;
    },
  };
}

function send(url: string, shape: LoadRequest, agent: Agent, client: number): Promise<Outcome> {
  const startedAt = Date.now();
  const body = shape.body === undefined ? undefined : JSON.stringify(shape.body);
  return new Promise((resolve) => {
    const req = httpRequest(
      `${url}${shape.path}`,
      {
        method: shape.method,
        agent,
        headers: { ...shape.headers, ...(body ? { 'Content-Type': 'application/json', 'Content-Length': Buffer.byteLength(body) } : {}) },
      },
      (res) => {
        const chunks: Buffer[] = [];
        res.on('data', (chunk: Buffer) => chunks.push(chunk));
        res.on('error', (error: NodeJS.ErrnoException) =>
          resolve({ client, startedAt, durationMs: Date.now() - startedAt, error: error.code ?? error.message }),
        );
        res.on('end', () => {
          const status = res.statusCode ?? 0;
          let code: string | undefined;
          if (status >= 400) code = (JSON.parse(Buffer.concat(chunks).toString() || '{}') as { code?: string }).code;
          const retryAfter = res.headers['retry-after'];
          resolve({ client, startedAt, durationMs: Date.now() - startedAt, status, code, ...(retryAfter ? { retryAfter } : {}) });
        });
      },
    );
    req.on('error', (error: NodeJS.ErrnoException) =>
      resolve({ client, startedAt, durationMs: Date.now() - startedAt, error: error.code ?? error.message }),
    );
    req.end(body);
  });
}
