import { request } from 'node:http';
import { aUser } from '../fixtures/users';
import { expectProblem } from '../support/problem';
import { useTestApp } from '../support/suite';

// Its own app: BODY_LIMIT is read once, at boot.
describe('BODY_LIMIT', () => {
  const t = useTestApp({ env: { BODY_LIMIT: '1kb' }, wipe: false });

  it('accepts a body under the configured limit', async () => {
    await t.http.post('/users').send(aUser()).expect(201);
  });

  it('returns 413 payload_too_large for a body over the configured limit', async () => {
    expectProblem(await t.http.post('/users').send(aUser({ displayName: 'x'.repeat(2048) })), 413, 'payload_too_large');
  });

  it('counts a chunked body (no Content-Length) against the limit too', async () => {
    const status = await new Promise<number>((resolve, reject) => {
      const req = request(`${t.url}/users`, { method: 'POST', headers: { 'Content-Type': 'application/json' } }, (res) => {
        res.resume();
        resolve(res.statusCode ?? 0);
      });
      req.on('error', reject);
      req.write(`{"displayName":"${'x'.repeat(800)}`);
      req.end(`${'x'.repeat(800)}"}`);
    });
    expect(status).toBe(413);
  });
});
