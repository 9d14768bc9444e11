import { Server as NetServer } from 'node:net';
import type { Server } from 'node:http';
import { flushLogs, type Logger } from '../common/logger';
import type { ShutdownState } from './shutdown-state';

export interface ShutdownStep {
  name: string;
  run(): Promise<void>;
}

export interface ShutdownPlan {
  server: Server;
  state: ShutdownState;
  logger: Logger;
  drainDelayMs: number;
  /** The bound on everything after the drain delay; its expiry is the one non-zero exit. */
  timeoutMs: number;
  /** Tells socket clients the server is going away and ends their connections, so they reconnect elsewhere. */
  announce(): void;
  /** Run in order once no HTTP request is left; each runs even if an earlier one failed. */
  steps: readonly ShutdownStep[];
}

/**
 * The shutdown that loses no request, in the order a load balancer needs:
 * 1. readiness turns 503 at once, while requests are still served for `drainDelayMs`;
 * 2. the listener closes (new connections are refused: a client retries elsewhere), every later
 *    response says `Connection: close`, socket clients are told and disconnected;
 * 3. in-flight requests finish; keep-alive connections close after their current response;
 * 4. the steps close the rest (socket.io, purger, Redis, mongoose);
 * 5. the log's queued lines are written out.
 * Resolves with the exit code: 0, or 1 when the bound expired (logged with what was still open).
 */
export async function gracefulShutdown(signal: string, plan: ShutdownPlan): Promise<number> {
  const { server, state, logger } = plan;
  state.draining = true;
  logger.info({ signal, drainDelayMs: plan.drainDelayMs }, 'shutting down: readiness now 503');
  await delay(plan.drainDelayMs);

  let current = 'HTTP requests in flight';
  let timer: NodeJS.Timeout | undefined;
  const expired = new Promise<'expired'>((resolve) => (timer = setTimeout(() => resolve('expired'), plan.timeoutMs)));
  const finished = (async () => {
    state.closingConnections = true;
    const connectionsGone = stopAccepting(server);
    plan.announce();
    // Clients that keep a connection open without sending anything get no response to carry
    // `Connection: close`: after a moment (long enough for a looping client's next request to
    // arrive and be answered), whatever is still idle is closed.
    const idle = setTimeout(() => server.closeIdleConnections(), Math.min(1_000, plan.timeoutMs / 4));
    await connectionsGone;
    clearTimeout(idle);
    for (const step of plan.steps) {
      current = step.name;
      try {
        await step.run();
      } catch (error) {
        logger.error({ err: error, step: step.name }, 'shutdown step failed');
      }
    }
    return 'done' as const;
  })();

  const outcome = await Promise.race([finished, expired]);
  clearTimeout(timer);
  if (outcome === 'done') {
    logger.info('shutdown complete');
    // Log writes are asynchronous: the caller exits next, so every queued line goes out first.
    await flushLogs(logger);
    return 0;
  }
  logger.error(
    {
      timeoutMs: plan.timeoutMs,
      waitingFor: current,
      openConnections: await openConnections(server),
      requestsInFlight: state.requestsInFlight().map((request) => ({ ...request, ageMs: Date.now() - request.startedAt })),
    },
    'shutdown timed out; exiting with what is still open',
  );
  await flushLogs(logger);
  return 1;
}

/**
 * Closes the listener only, and resolves once every connection has ended. http.Server#close()
 * would also close idle keep-alive connections at once, racing a client that is just sending its
 * next request on one (it would see a reset): those connections end after their next response.
 */
function stopAccepting(server: Server): Promise<void> {
  return new Promise((resolve) => {
    if (!server.listening) return resolve();
    NetServer.prototype.close.call(server, () => resolve());
  });
}

function openConnections(server: Server): Promise<number> {
  return new Promise((resolve) => server.getConnections((error, count) => resolve(error ? -1 : count)));
}

function delay(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, ms));
}
