import type { Response } from 'supertest';
import { registerAndLogin } from '../fixtures/users';
import { useTestApp } from '../support/suite';

/** Headers that legitimately differ between any two responses. */
const VARYING = new Set(['date', 'x-request-id']);

function comparable(res: Response): { status: number; body: unknown; headers: [string, unknown][] } {
  const headers = Object.entries(res.headers)
    .filter(([name]) => !VARYING.has(name))
    .sort(([a], [b]) => a.localeCompare(b));
  return { status: res.status, body: res.body, headers };
}

describe('security: account enumeration', () => {
  const t = useTestApp({ env: { LOGIN_ACCOUNT_MAX_FAILURES: '2' } });

  it('answers a wrong password and an unknown email identically (status, body, headers)', async () => {
    const user = await registerAndLogin(t.http);
    const known = await t.http.post('/auth/login').send({ email: user.email, password: 'wrong password' });
    const unknown = await t.http.post('/auth/login').send({ email: 'ghost@example.test', password: 'wrong password' });
    expect(known.status).toBe(401);
    expect(known.body.code).toBe('invalid_credentials');
    expect(comparable(unknown)).toEqual(comparable(known));
  });

  it('answers a locked known account and a locked unknown email identically (Retry-After aside)', async () => {
    const user = await registerAndLogin(t.http);
    const lock = async (email: string) => {
      for (let i = 0; i < 2; i += 1) await t.http.post('/auth/login').send({ email, password: 'wrong password' }).expect(401);
      return t.http.post('/auth/login').send({ email, password: 'wrong password' }).expect(429);
    };
    const known = comparable(await lock(user.email));
    const unknown = comparable(await lock('ghost2@example.test'));
    const withoutRetryAfter = (c: ReturnType<typeof comparable>) => ({
      ...c,
      headers: c.headers.filter(([name]) => name !== 'retry-after'),
    });
    expect(withoutRetryAfter(unknown)).toEqual(withoutRetryAfter(known));
  });
});
