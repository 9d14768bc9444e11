import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join as joinPath } from 'node:path';
import { startFerretdb, type RunningFerretdb } from '../../dev/ferretdb-server';
import { aChatClient, join, send, type ChatClient } from '../fixtures/chat';
import { registerAndLogin, type LoggedIn } from '../fixtures/users';
import { startLoad, type Load, type Outcome } from '../support/load';
import { connectAs, disconnectAll, tryConnect, client } from '../support/sockets';
import { startTestApp, type TestApp } from '../support/test-app';
import type { AckResponse } from '../support/sockets';

/** DB_OPERATION_TIMEOUT_MS for this file: short, so the test is quick. */
const BOUND_MS = 1_000;
/**
 * What "answered within the bound" allows on top of it: a request cut mid-operation waits once
 * more for the server (the driver's one retry), and two CPUs are shared with the load itself.
 */
const ANSWERED_WITHIN_MS = 2 * BOUND_MS + 1_000;

/**
 * The database dies under load (SIGKILL, like a crash) and comes back on the same port and data:
 * every request and socket event is answered within the bound, 503 db_unavailable with
 * Retry-After (never 401 or 500, never a hang), and the app recovers without a restart. The
 * database server is this file's own FerretDB, so the other suites never see the outage.
 */
describe('a database outage under load', () => {
  let dataDir: string;
  let db: RunningFerretdb;
  let t: TestApp;
  let chatter: ChatClient;
  /** Logged in, but never authenticated a request: the account cache has not seen them. */
  let newcomer: LoggedIn;
  const room = 'outage';

  beforeAll(async () => {
    dataDir = mkdtempSync(joinPath(tmpdir(), 'outage-ferretdb-'));
    db = await startFerretdb({ dataDir });
    t = await startTestApp({ DB_OPERATION_TIMEOUT_MS: String(BOUND_MS) }, { mongodbUri: db.uri });
    chatter = await aChatClient(t);
    await join(chatter.socket, room);
    newcomer = await registerAndLogin(t.http);
  }, 60_000);

  afterAll(async () => {
    disconnectAll();
    await t?.close();
    await db?.stop();
    rmSync(dataDir, { recursive: true, force: true });
  });

  it('answers 503 db_unavailable within the bound while it is down, and recovers when it is back', async () => {
    // An authenticated read that needs the database. (GET /users/me may be answered from the
    // account cache during an outage: the token check needs no database on a cache hit.)
    const me = { method: 'GET' as const, path: '/auth/sessions', headers: { Authorization: `Bearer ${chatter.user.accessToken}` } };
    const login = { method: 'POST' as const, path: '/auth/login', body: { email: chatter.user.email, password: chatter.user.password } };
    const load: Load = startLoad({ url: t.url, requests: [me, me, me, me, login, login] });
    await load.waitUntilEach((outcome) => outcome.status === 200, 2);

    await db.kill();
    const killedAt = Date.now();
    // Every client gets its outage answer (more than one each: not only the requests cut in flight).
    await load.waitUntilEach((outcome) => outcome.startedAt >= killedAt && outcome.status === 503, 2);
    const ready = await fetch(`${t.url}/health/ready`);
    expect(ready.status).toBe(503);
    expect(((await ready.json()) as { code: string }).code).toBe('db_unavailable');
    const sentAt = Date.now();
    const ack = await emit(chatter, 'message:send', { room, text: 'while the database is down' });
    expect(Date.now() - sentAt).toBeLessThan(ANSWERED_WITHIN_MS);
    expect(ack).toMatchObject({ ok: false, error: { code: 'db_unavailable' } });
    // A new connection whose account is not in the account cache cannot be authenticated without
    // the database: refused as an outage, not as a bad token.
    expect(await tryConnect(client(t.url, { auth: { token: newcomer.accessToken } }))).toMatchObject({
      connected: false,
      code: 'db_unavailable',
    });

    const restarted = await startFerretdb({ dataDir, port: db.port });
    db = restarted;
    const backAt = Date.now();
    await load.waitUntilEach((outcome) => outcome.startedAt >= backAt && outcome.status === 200, 2, 30_000);
    const outcomes = await load.stop();

    // While it was down (in flight at the kill, or sent after it, until it came back):
    const duringOutage = outcomes.filter((outcome) => outcome.startedAt + outcome.durationMs >= killedAt && outcome.startedAt < backAt);
    expect(duringOutage.length).toBeGreaterThan(6);
    expect(duringOutage.filter((outcome) => !answeredAsOutage(outcome))).toEqual([]);
    expect(duringOutage.filter((outcome) => outcome.durationMs >= ANSWERED_WITHIN_MS)).toEqual([]);
    // No client ever lost its connection or was told its credentials were bad.
    expect(outcomes.filter((outcome) => outcome.error !== undefined || outcome.status === 401 || outcome.status === 500)).toEqual([]);

    // Recovered without a restart: the same socket sends again, and new connections are accepted.
    await send(chatter.socket, room, 'after the database came back');
    const another = await connectAs(t.url, chatter.user.accessToken);
    expect(another.connected).toBe(true);
    expect((await fetch(`${t.url}/health/ready`)).status).toBe(200);
  }, 90_000);
});

/** 200 (finished before the crash), or the outage answer: 503 db_unavailable with Retry-After. */
function answeredAsOutage(outcome: Outcome): boolean {
  if (outcome.status === 200) return true;
  return outcome.status === 503 && outcome.code === 'db_unavailable' && Number(outcome.retryAfter) > 0;
}

function emit(chat: ChatClient, event: string, payload: unknown): Promise<AckResponse> {
  return chat.socket.timeout(ANSWERED_WITHIN_MS * 2).emitWithAck(event, payload) as Promise<AckResponse>;
}
