import { expectNoInternals } from '../support/problem';
import { useTestApp } from '../support/suite';

describe('GET /health', () => {
  const t = useTestApp({ wipe: false });

  it('returns 200 { status: "ok", db: "up" } without authentication', async () => {
    const res = await t.http.get('/health').expect(200);
    expect(res.headers['content-type']).toMatch(/^application\/json/);
    expect(res.body).toEqual({ status: 'ok', db: 'up' });
    expectNoInternals(res);
  });

  it('ignores an invalid token: a load balancer sends none, and nothing here is private', async () => {
    await t.http.get('/health').set('Authorization', 'Bearer not.a.jwt').expect(200);
  });
});
