import supertest from 'supertest';
import { aChatClient, type ChatClient } from '../fixtures/chat';
import { dropProductionDatabase, productionEnv, startAppProcess, type AppProcess } from '../support/app-process';
import { startLoad, type Outcome } from '../support/load';
import { requireRedis, TEST_REDIS_URL } from '../support/redis';
import { prepareRuntimeStage, type RuntimeStage } from '../support/runtime-stage';
import { disconnectAll, waitForEvent } from '../support/sockets';

/** A refusal before anything was sent is how a closed listener answers: the client retries elsewhere. */
const REFUSED_BEFORE_SENT = 'ECONNREFUSED';

/**
 * SIGTERM to a real production process (`node dist/main.js`, the Dockerfile's runtime stage)
 * under load: no request may fail mid-flight, socket clients are told the server is going away,
 * and the process exits 0.
 */
describe('graceful shutdown on SIGTERM under load', () => {
  let stage: RuntimeStage;
  let env: Record<string, string>;
  let app: AppProcess | undefined;

  beforeAll(async () => {
    await requireRedis();
    // Redis too, so its clients (socket.io adapter, rate-limit store, readiness probe) are closed on the way out.
    env = { ...productionEnv('shutdown', TEST_REDIS_URL), SHUTDOWN_DRAIN_DELAY_MS: '500', SHUTDOWN_TIMEOUT_MS: '10000' };
    stage = prepareRuntimeStage();
  }, 300_000);

  afterAll(async () => {
    disconnectAll();
    await app?.stop('SIGKILL');
    stage?.remove();
    if (env) await dropProductionDatabase(env);
  });

  it('answers every request that reached it, tells sockets it is going away, and exits 0', async () => {
    app = await startAppProcess(stage.dir, env);
    const http = supertest(app.url);
    const chatters: ChatClient[] = [await aChatClient({ http, url: app.url }), await aChatClient({ http, url: app.url })];
    const [reader] = chatters;
    const credentials = { email: reader!.user.email, password: reader!.user.password };
    const told = chatters.map((chatter) => waitForEvent<{ reconnect: boolean }>(chatter.socket, 'server:shutdown', 15_000));
    const dropped = chatters.map((chatter) => waitForEvent<string>(chatter.socket, 'disconnect', 15_000));

    // Six clients on a fast authenticated read, two on logins (argon2: long enough to be caught in flight).
    const me = { method: 'GET' as const, path: '/users/me', headers: { Authorization: `Bearer ${reader!.user.accessToken}` } };
    const login = { method: 'POST' as const, path: '/auth/login', body: credentials };
    const load = startLoad({ url: app.url, requests: [me, me, me, me, me, me, login, login], stopWhenRefused: true });
    await load.waitUntilEach((outcome) => outcome.status === 200, 3);

    const signalledAt = Date.now();
    const exit = app.stop('SIGTERM');
    // Readiness turns 503 as soon as the process handles the signal (a probe sent in the same
    // instant may still be answered first), while the drain delay keeps serving everything else.
    let ready = await fetch(`${app.url}/health/ready`);
    for (let probe = 0; ready.status === 200 && probe < 20; probe += 1) {
      await new Promise((resolve) => setTimeout(resolve, 25));
      ready = await fetch(`${app.url}/health/ready`);
    }
    expect(ready.status).toBe(503);
    expect(((await ready.json()) as { code: string }).code).toBe('shutting_down');

    expect(await exit).toEqual({ code: 0, signal: null });
    const outcomes = await load.stop();

    const failedMidFlight = outcomes.filter((outcome) => outcome.error !== undefined && outcome.error !== REFUSED_BEFORE_SENT);
    expect(failedMidFlight).toEqual([]);
    expect(outcomes.filter((outcome) => outcome.status !== undefined && outcome.status !== 200)).toEqual([]);
    // The load really ran through the shutdown: answered after the signal, then refused, on every client.
    const afterSignal = (outcome: Outcome) => outcome.startedAt >= signalledAt;
    expect(outcomes.filter((outcome) => afterSignal(outcome) && outcome.status === 200).length).toBeGreaterThan(0);
    for (let client = 0; client < 8; client += 1) {
      expect(outcomes.filter((outcome) => outcome.client === client).at(-1)?.error).toBe(REFUSED_BEFORE_SENT);
    }

    expect(await Promise.all(told)).toEqual([{ reconnect: true }, { reconnect: true }]);
    // A transport close (not a server-side disconnect): socket.io clients reconnect on their own.
    expect(await Promise.all(dropped)).toEqual(['transport close', 'transport close']);
    expect(app.output.lines.some((line) => line.includes('"msg":"shutdown complete"'))).toBe(true);
  }, 60_000);
});
