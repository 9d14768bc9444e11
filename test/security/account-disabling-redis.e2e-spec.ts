import { randomBytes, randomUUID } from 'node:crypto';
import { RevocationEvents } from '../../src/security/revocation-events';
import { adminAction, registerAdmin } from '../fixtures/admin';
import { registerAndLogin, type LoggedIn } from '../fixtures/users';
import { getMe } from '../support/http';
import { expectProblem } from '../support/problem';
import { requireRedis, TEST_REDIS_URL } from '../support/redis';
import { client, connectAs, disconnectAll, tryConnect, waitForEvent } from '../support/sockets';
import { startTestApp, type TestApp } from '../support/test-app';

/**
 * Two instances sharing the database, Redis (socket.io adapter) and the signing secret, as two
 * replicas behind a balancer. An admin disables an account on A; the account's sockets on B are
 * disconnected and B refuses everything the account holds with account_disabled.
 */
describe('security: disabling an account across two instances (Redis)', () => {
  let a: TestApp;
  let b: TestApp;
  let admin: LoggedIn;
  let user: LoggedIn;

  beforeAll(async () => {
    await requireRedis();
    const env = {
      REDIS_URL: TEST_REDIS_URL,
      JWT_SECRET: randomBytes(48).toString('base64'),
      RATE_LIMIT_KEY_PREFIX: `disable-${randomUUID()}`,
    };
    a = await startTestApp(env);
    b = await startTestApp(env, { shareDatabaseWith: a });
  });
  afterAll(async () => {
    await b?.close();
    await a?.close();
  });
  beforeEach(async () => {
    await a.wipe();
    admin = await registerAdmin(a);
    user = await registerAndLogin(b.http);
  });
  afterEach(() => disconnectAll());

  it("disconnects the user's sockets on the other instance and refuses their login, refresh, token and handshake there", async () => {
    const statusChanges: string[] = [];
    a.app.container.get(RevocationEvents).on('accountChanged', (id) => statusChanges.push(id));
    const socket = await connectAs(b.url, user.accessToken);
    const disconnected = waitForEvent<string>(socket, 'disconnect');

    await adminAction(a, admin, user.id, 'disable').expect(200);

    expect(await disconnected).toBe('io server disconnect');
    expectProblem(await b.http.post('/auth/login').send({ email: user.email, password: user.password }), 403, 'account_disabled');
    expectProblem(await b.http.post('/auth/refresh').send({ refreshToken: user.refreshToken }), 401, 'account_disabled');
    expectProblem(await getMe(b, user.accessToken), 401, 'account_disabled');
    expect(await tryConnect(client(b.url, { auth: { token: user.accessToken } }))).toEqual({
      connected: false,
      message: 'unauthorized',
      code: 'account_disabled',
    });
    // For caches of the account (announced where the admin acted).
    expect(statusChanges).toEqual([user.id]);
  });

  it('lets a re-enabled user log in and connect on either instance', async () => {
    await adminAction(a, admin, user.id, 'disable').expect(200);
    await adminAction(b, admin, user.id, 'enable').expect(200);
    const login = await a.http.post('/auth/login').send({ email: user.email, password: user.password }).expect(200);
    await connectAs(b.url, login.body.accessToken as string);
    await getMe(b, login.body.accessToken as string).expect(200);
  });
});
