import { createServer, request, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { Writable } from 'node:stream';
import Koa from 'koa';
import { createLogger } from '../../../src/common/logger';
import { gracefulShutdown, type ShutdownPlan } from '../../../src/lifecycle/graceful-shutdown';
import { ShutdownState } from '../../../src/lifecycle/shutdown-state';

/** A Koa server behind ShutdownState's middleware whose /slow answers only when `release()` is called. */
async function slowServer(): Promise<{ server: Server; state: ShutdownState; url: string; release(): void; arrived: Promise<void> }> {
  const state = new ShutdownState();
  const koa = new Koa();
  let release = () => undefined as void;
  let arrive = () => undefined as void;
  const arrived = new Promise<void>((resolve) => (arrive = resolve));
  koa.use(state.middleware());
  koa.use(async (ctx) => {
    arrive();
    await new Promise<void>((resolve) => (release = resolve));
    ctx.body = 'done';
  });
  const server = createServer(koa.callback());
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return { server, state, url: `http://127.0.0.1:${(server.address() as AddressInfo).port}`, release: () => release(), arrived };
}

function get(url: string): Promise<{ status?: number; connection?: string; body: string }> {
  return new Promise((resolve, reject) => {
    request(`${url}/slow`, (res) => {
      let body = '';
      res.on('data', (chunk: Buffer) => (body += chunk.toString()));
      res.on('end', () => resolve({ status: res.statusCode, connection: res.headers.connection, body }));
    })
      .on('error', reject)
      .end();
  });
}

function capture(): { logger: ReturnType<typeof createLogger>; lines: () => Record<string, unknown>[] } {
  const chunks: string[] = [];
  const stream = new Writable({
    write(chunk: Buffer, _encoding, done) {
      chunks.push(chunk.toString());
      done();
    },
  });
  return {
    logger: createLogger('info', stream),
    lines: () =>
      chunks
        .join('')
        .trim()
        .split('\n')
        .map((line) => JSON.parse(line) as Record<string, unknown>),
  };
}

describe('gracefulShutdown', () => {
  const plan = (server: Server, state: ShutdownState, logger: ShutdownPlan['logger'], extra: Partial<ShutdownPlan> = {}): ShutdownPlan => ({
    server,
    state,
    logger,
    drainDelayMs: 0,
    timeoutMs: 2_000,
    announce: () => undefined,
    steps: [],
    ...extra,
  });

  it('lets the request in flight finish with Connection: close, runs the steps in order, and resolves 0', async () => {
    const { server, state, url, release, arrived } = await slowServer();
    const { logger } = capture();
    const ran: string[] = [];
    const inFlight = get(url);
    await arrived;
    const steps = ['sockets', 'database'].map((name) => ({ name, run: async () => void ran.push(name) }));
    const code = gracefulShutdown('SIGTERM', plan(server, state, logger, { announce: () => ran.push('announce'), steps }));
    expect(state.draining).toBe(true);
    // Past the drain delay the listener closes: from then on responses end their connection.
    await new Promise<void>((resolve) => {
      const check = () => (server.listening ? setImmediate(check) : resolve());
      check();
    });
    expect(state.closingConnections).toBe(true);
    release();
    expect(await inFlight).toEqual({ status: 200, connection: 'close', body: 'done' });
    expect(await code).toBe(0);
    expect(ran).toEqual(['announce', 'sockets', 'database']);
  });

  it('flushes the log after its last line, before resolving', async () => {
    const { server, state } = await slowServer();
    const { logger, lines } = capture();
    const flush = jest.spyOn(logger, 'flush').mockImplementation((done) => {
      // Log writes are asynchronous in production: the exit that follows must not cut them off.
      expect(lines().at(-1)).toMatchObject({ msg: 'shutdown complete' });
      done?.();
    });
    expect(await gracefulShutdown('SIGTERM', plan(server, state, logger))).toBe(0);
    expect(flush).toHaveBeenCalledTimes(1);
  });

  it('resolves 1 when the bound expires, logging the request still in flight', async () => {
    const { server, state, url, release, arrived } = await slowServer();
    const { logger, lines } = capture();
    const inFlight = get(url);
    await arrived;
    const never = { name: 'never reached', run: jest.fn(async () => undefined) };
    expect(await gracefulShutdown('SIGTERM', plan(server, state, logger, { timeoutMs: 200, steps: [never] }))).toBe(1);
    expect(never.run).not.toHaveBeenCalled();
    expect(lines().find((line) => line.msg === 'shutdown timed out; exiting with what is still open')).toMatchObject({
      waitingFor: 'HTTP requests in flight',
      openConnections: 1,
      requestsInFlight: [{ method: 'GET', path: '/slow', ageMs: expect.any(Number) }],
    });
    release();
    await inFlight;
    server.closeAllConnections();
  });
});
