import { HealthController } from '../../src/health/health.controller';
import { RedisProbe } from '../../src/health/redis-probe';
import { ShutdownState } from '../../src/lifecycle/shutdown-state';
import { freePort } from '../../dev/free-port';
import { expectProblem } from '../support/problem';
import { requireRedis, TEST_REDIS_URL } from '../support/redis';
import { useTestApp } from '../support/suite';
import { startTestApp, type TestApp } from '../support/test-app';

describe('GET /health/live and /health/ready', () => {
  const t = useTestApp({ wipe: false });
  const state = () => t.app.container.get(ShutdownState);
  afterEach(() => Object.assign(state(), { draining: false, closingConnections: false }));

  it('live answers 200 while the process serves HTTP', async () => {
    expect((await t.http.get('/health/live').expect(200)).body).toEqual({ status: 'ok' });
  });

  it('ready answers 200 with the dependencies it checked; /health is its alias', async () => {
    expect((await t.http.get('/health/ready').expect(200)).body).toEqual({ status: 'ok', db: 'up' });
    expect((await t.http.get('/health').expect(200)).body).toEqual({ status: 'ok', db: 'up' });
  });

  it('ready (and /health) answer 503 shutting_down with Retry-After once the instance drains; live stays 200', async () => {
    state().draining = true;
    for (const path of ['/health/ready', '/health']) {
      const res = await t.http.get(path);
      expectProblem(res, 503, 'shutting_down');
      expect(Number(res.headers['retry-after'])).toBeGreaterThan(0);
    }
    await t.http.get('/health/live').expect(200);
  });

  it('closes keep-alive connections after each response once connections are closing', async () => {
    // fetch keeps connections alive, as a load balancer does.
    expect((await fetch(`${t.url}/health/live`)).headers.get('connection')).toBe('keep-alive');
    state().closingConnections = true;
    expect((await fetch(`${t.url}/health/live`)).headers.get('connection')).toBe('close');
    expect((await fetch(`${t.url}/no/such/path`)).headers.get('connection')).toBe('close');
  });

  describe('with REDIS_URL', () => {
    let withRedis: TestApp;
    beforeAll(async () => {
      await requireRedis();
      withRedis = await startTestApp({ REDIS_URL: TEST_REDIS_URL }, { shareDatabaseWith: t });
    });
    afterAll(() => withRedis?.close());

    it('ready pings Redis too', async () => {
      expect((await withRedis.http.get('/health/ready').expect(200)).body).toEqual({ status: 'ok', db: 'up', redis: 'up' });
    });

    it('ready refuses with redis_unavailable when Redis does not answer in time', async () => {
      // The controller as the container builds it, but with a probe asking a port where nothing listens.
      const deadRedis = new RedisProbe({ ...withRedis.config, redisUrl: `redis://127.0.0.1:${await freePort()}` });
      const health = new HealthController(withRedis.config, new ShutdownState(), deadRedis);
      try {
        await expect(health.ready()).rejects.toMatchObject({ status: 503, code: 'redis_unavailable' });
      } finally {
        await deadRedis.close();
      }
    });
  });
});
