import { randomUUID } from 'node:crypto';
import { SessionModel } from '../../src/sessions/session.model';
import { AppMetrics } from '../../src/metrics/app-metrics';
import { startMetricsServer } from '../../src/observability/metrics-server';
import { aChatClient, join, send } from '../fixtures/chat';
import { registerAndLogin } from '../fixtures/users';
import { freePort } from '../../dev/free-port';
import { deltas, sample } from '../support/metrics';
import { expectProblem } from '../support/problem';
import { useTestApp } from '../support/suite';
import { startTestApp, type TestApp } from '../support/test-app';
import { sessionIdOf } from '../support/tokens';

const METRICS_TOKEN = `metrics-${randomUUID()}`;

describe('GET /metrics (Prometheus)', () => {
  // Two failures per account and IP, then the third attempt is throttled.
  const t = useTestApp({ env: { METRICS_TOKEN, LOGIN_ACCOUNT_MAX_FAILURES: '2', REFRESH_REUSE_GRACE_SECONDS: '0' }, sockets: true });
  const scrape = async (): Promise<string> => {
    const res = await t.http.get('/metrics').set('Authorization', `Bearer ${METRICS_TOKEN}`).expect(200);
    expect(res.headers['content-type']).toMatch(/^text\/plain; version=0\.0\.4/);
    return res.text;
  };

  it('counts logins by outcome and throttled attempts by limiter', async () => {
    const user = await registerAndLogin(t.http);
    const before = await scrape();
    await t.http.post('/auth/login').send({ email: user.email, password: user.password }).expect(200);
    for (let i = 0; i < 2; i += 1) await t.http.post('/auth/login').send({ email: user.email, password: 'wrong password!' }).expect(401);
    await t.http.post('/auth/login').send({ email: user.email, password: 'wrong password!' }).expect(429);

    expect(
      deltas(before, await scrape(), [
        'auth_logins_total{outcome="success"}',
        'auth_logins_total{outcome="bad_credentials"}',
        'auth_logins_total{outcome="throttled"}',
        'rate_limit_throttled_total{limiter="login-account-ip"}',
      ]),
    ).toEqual({
      'auth_logins_total{outcome="success"}': 1,
      'auth_logins_total{outcome="bad_credentials"}': 2,
      'auth_logins_total{outcome="throttled"}': 1,
      'rate_limit_throttled_total{limiter="login-account-ip"}': 1,
    });
  });

  it('counts refreshes by outcome and revocations by kind', async () => {
    const user = await registerAndLogin(t.http);
    const expiring = await registerAndLogin(t.http);
    const leaving = await registerAndLogin(t.http);
    const before = await scrape();
    await t.http.post('/auth/refresh').send({ refreshToken: user.refreshToken }).expect(200);
    // The spent token again: reuse, which revokes the session.
    await t.http.post('/auth/refresh').send({ refreshToken: user.refreshToken }).expect(401);
    await SessionModel.updateOne({ _id: sessionIdOf(expiring.accessToken) }, { idleExpiresAt: new Date(Date.now() - 1_000) });
    await t.http.post('/auth/refresh').send({ refreshToken: expiring.refreshToken }).expect(401);
    await t.http.post('/auth/logout-all').set('Authorization', `Bearer ${leaving.accessToken}`).expect(204);

    expect(
      deltas(before, await scrape(), [
        'auth_refreshes_total{outcome="rotated"}',
        'auth_refreshes_total{outcome="reused"}',
        'auth_refreshes_total{outcome="expired"}',
        'auth_revocations_total{kind="session"}',
        'auth_revocations_total{kind="user"}',
      ]),
    ).toEqual({
      'auth_refreshes_total{outcome="rotated"}': 1,
      'auth_refreshes_total{outcome="reused"}': 1,
      'auth_refreshes_total{outcome="expired"}': 1,
      'auth_revocations_total{kind="session"}': 1,
      'auth_revocations_total{kind="user"}': 1,
    });
  });

  it('counts chat messages once each, open sockets, and requests by route pattern and status', async () => {
    const chatter = await aChatClient(t);
    const room = `metrics-${randomUUID().slice(0, 8)}`;
    await join(chatter.socket, room);
    const before = await scrape();
    await send(chatter.socket, room, 'one', 'm-1');
    await send(chatter.socket, room, 'one again', 'm-1');
    await send(chatter.socket, room, 'two');
    for (let i = 0; i < 3; i += 1)
      await t.http.get(`/rooms/${room}/messages`).set('Authorization', `Bearer ${chatter.user.accessToken}`).expect(200);
    await t.http.get('/no/such/path').expect(404);
    const after = await scrape();

    expect(
      deltas(before, after, [
        'chat_messages_sent_total',
        'http_request_duration_seconds_count{method="GET",route="/rooms/:room/messages",status="200"}',
        'http_request_duration_seconds_count{method="GET",route="unmatched",status="404"}',
      ]),
    ).toEqual({
      chat_messages_sent_total: 2,
      'http_request_duration_seconds_count{method="GET",route="/rooms/:room/messages",status="200"}': 3,
      'http_request_duration_seconds_count{method="GET",route="unmatched",status="404"}': 1,
    });
    expect(after).not.toContain(room);
    expect(sample(after, 'socket_connections_active')).toBe(1);
    // Event-loop lag and the default process metrics.
    expect(after).toMatch(/^nodejs_eventloop_lag_seconds \d/m);
    expect(after).toMatch(/^process_resident_memory_bytes \d/m);
  });

  it.each([
    ['no token', undefined],
    ['a wrong token', `Bearer ${METRICS_TOKEN}x`],
    ['the token without the Bearer scheme', METRICS_TOKEN],
  ])('answers 401 problem+json to %s', async (_label, authorization) => {
    const call = t.http.get('/metrics');
    const res = await (authorization === undefined ? call : call.set('Authorization', authorization));
    expectProblem(res, 401, 'metrics_token_invalid');
    expect(res.text).not.toContain('auth_logins_total');
  });

  describe('without METRICS_TOKEN', () => {
    let other: TestApp;
    beforeAll(async () => (other = await startTestApp({}, { shareDatabaseWith: t })));
    afterAll(() => other?.close());

    it('is not served on the main port at all (404), even with a token', async () => {
      expectProblem(await other.http.get('/metrics'), 404, 'route_not_found');
      expectProblem(await other.http.get('/metrics').set('Authorization', `Bearer ${METRICS_TOKEN}`), 404, 'route_not_found');
    });

    it('keeps a registry per app: this instance counts only its own logins', async () => {
      const user = await registerAndLogin(t.http);
      await t.http.post('/auth/login').send({ email: user.email, password: user.password }).expect(200);
      const own = await other.app.container.get(AppMetrics).scrape();
      expect(sample(own, 'auth_logins_total{outcome="success"}')).toBe(0);
      expect(sample(await scrape(), 'auth_logins_total{outcome="success"}')).toBeGreaterThan(0);
    });
  });

  describe('on METRICS_PORT', () => {
    it('serves the same text without a token on the internal interface, and nothing else', async () => {
      const port = await freePort();
      const server = await startMetricsServer(t.app.container.get(AppMetrics), '127.0.0.1', port, t.app.logger);
      try {
        const res = await fetch(`http://127.0.0.1:${port}/metrics`);
        expect(res.status).toBe(200);
        expect(await res.text()).toMatch(/^# HELP auth_logins_total /m);
        expect((await fetch(`http://127.0.0.1:${port}/users/me`)).status).toBe(404);
      } finally {
        await server.close();
      }
    });
  });
});
