import { randomUUID } from 'node:crypto';
import supertest from 'supertest';
import { aChatClient, join, send, type ChatClient } from '../fixtures/chat';
import { freePort } from '../../dev/free-port';
import {
  dropProductionDatabase,
  processUid,
  productionEnv,
  READINESS_PATH,
  startAppProcess,
  type AppProcess,
} from '../support/app-process';
import { requireNginx, startNginx, type RunningNginx } from '../support/nginx';
import { requireRedis, TEST_REDIS_URL } from '../support/redis';
import { prepareRuntimeStage, type RuntimeStage } from '../support/runtime-stage';
import { client, disconnectAll, request, tryConnect, waitForEvent, waitForMatch } from '../support/sockets';

const NOBODY_UID = 65534;
const EXITED_CLEANLY = { code: 0, signal: null };

/**
 * The Dockerfile's runtime stage without Docker: the production install and a fresh dist/ in a
 * folder of their own (test/support/runtime-stage.ts), `node dist/main.js` as `nobody` with
 * NODE_ENV=production and only the variables compose gives the container. Then two such
 * instances behind the nginx configuration compose uses, on loopback. Needs nginx, Redis and the
 * suite's database: fails, never skips, without them.
 */
describe('the Dockerfile runtime stage, reproduced outside Docker', () => {
  let stage: RuntimeStage;
  let env: Record<string, string>;

  beforeAll(async () => {
    requireNginx();
    await requireRedis();
    env = { ...productionEnv('deploy', TEST_REDIS_URL), TRUST_PROXY: 'true', TRUSTED_PROXY_HOPS: '1' };
    // A cache miss runs `npm ci --omit=dev` against the registry.
    stage = prepareRuntimeStage();
  }, 300_000);

  afterAll(async () => {
    stage?.remove();
    if (env) await dropProductionDatabase(env);
  });

  it('runs as an unprivileged user in production mode, gets ready and exits 0 on SIGTERM', async () => {
    const app = await startAppProcess(stage.dir, env);
    let exit: Awaited<ReturnType<AppProcess['stop']>> | undefined;
    try {
      expect(processUid(app.pid)).toBe(NOBODY_UID);
      const listening = JSON.parse(await app.output.waitFor((line) => line.includes('"msg":"listening"'))) as { env: string };
      expect(listening.env).toBe('production');
      expect((await fetch(`${app.url}${READINESS_PATH}`)).status).toBe(200);
      // The API documents and Swagger UI come with the image: docs/asyncapi.yaml, swagger-ui-dist.
      for (const path of ['/openapi.json', '/asyncapi.json', '/docs', '/docs/swagger-ui-bundle.js']) {
        expect({ path, status: (await fetch(`${app.url}${path}`)).status }).toEqual({ path, status: 200 });
      }
    } finally {
      exit = await app.stop('SIGTERM');
    }
    expect(exit).toEqual(EXITED_CLEANLY);
  }, 60_000);

  describe('two instances behind the compose nginx configuration', () => {
    let a: AppProcess;
    let b: AppProcess;
    let nginx: RunningNginx;

    beforeAll(async () => {
      [a, b] = await Promise.all([startAppProcess(stage.dir, env), startAppProcess(stage.dir, env)]);
      nginx = await startNginx(await freePort(), [a.port, b.port]);
    }, 60_000);

    afterEach(() => disconnectAll());

    afterAll(async () => {
      disconnectAll();
      await nginx?.stop();
      await a?.stop('SIGKILL');
      await b?.stop('SIGKILL');
    });

    it('refuses socket.io long-polling at the proxy: clients must use the WebSocket transport', async () => {
      const res = await fetch(`${nginx.url}/socket.io/?EIO=4&transport=polling`);
      expect(res.status).toBe(400);
      expect(await res.text()).toContain("transports: ['websocket']");
      expect(await tryConnect(client(nginx.url, { transports: ['polling'] }))).toMatchObject({ connected: false });
    });

    it('spreads HTTP requests over both instances', async () => {
      const path = `${READINESS_PATH}?probe=${randomUUID()}`;
      for (let i = 0; i < 6; i += 1) expect((await fetch(`${nginx.url}${path}`)).status).toBe(200);
      // nginx's access log names the upstream of every request (log_format chat in the template).
      const lines = await nginx.accessLog.waitForCount((line) => line.includes(path), 6);
      const upstreams = new Set(lines.map((line) => /upstream=(\S+)/.exec(line)?.[1]));
      expect([...upstreams].sort()).toEqual([`127.0.0.1:${a.port}`, `127.0.0.1:${b.port}`].sort());
    });

    it('lets two clients on different instances chat through nginx; both instances exit 0 on SIGTERM', async () => {
      const http = supertest(nginx.url);
      const alice = await aChatClient({ http, url: nginx.url });
      const bob = await aChatClient({ http, url: nginx.url });
      const room = `deploy-${randomUUID()}`;
      await join(alice.socket, room);
      await join(bob.socket, room);

      const bobHears = waitForMatch<{ text: string }>(bob.socket, 'message:new', (message) => message.text === 'hello from alice');
      await send(alice.socket, room, 'hello from alice');
      await bobHears;
      const aliceHears = waitForMatch<{ text: string }>(alice.socket, 'message:new', (message) => message.text === 'hello from bob');
      await send(bob.socket, room, 'hello from bob');
      await aliceHears;

      // Where each socket lives: stopping instance A disconnects exactly the one it holds.
      const firstGone = Promise.race([disconnected(alice), disconnected(bob)]).catch(() => {
        throw new Error('stopping instance A disconnected neither client: nginx sent both to instance B');
      });
      expect(await a.stop('SIGTERM')).toEqual(EXITED_CLEANLY);
      const gone = await firstGone;
      const stayed = gone === alice ? bob : alice;
      // The other one is on B: still connected through nginx and still answered, with both messages.
      if (!stayed.socket.connected) throw new Error('stopping instance A disconnected both clients: nginx sent both to instance A');
      const history = await request<{ ok: true; messages: { text: string }[] }>(stayed.socket, 'message:history', { room });
      expect(history.messages.map((message) => message.text).sort()).toEqual(['hello from alice', 'hello from bob']);

      // B shuts down cleanly too, with a client still connected.
      const stayedGone = waitForEvent(stayed.socket, 'disconnect', 10_000);
      expect(await b.stop('SIGTERM')).toEqual(EXITED_CLEANLY);
      await stayedGone;
    }, 60_000);
  });
});

/** Resolves with the client once its socket disconnects (rejection handled: only the race's winner matters). */
function disconnected(chat: ChatClient): Promise<ChatClient> {
  const gone = waitForEvent(chat.socket, 'disconnect', 10_000).then(() => chat);
  gone.catch(() => undefined);
  return gone;
}
