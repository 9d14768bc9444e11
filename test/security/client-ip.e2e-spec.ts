import { aUser, registerAndLogin } from '../fixtures/users';
import { useTestApp } from '../support/suite';
import { startTestApp } from '../support/test-app';

// Behind a load balancer (TRUST_PROXY=true, one hop) the client is the RIGHTMOST X-Forwarded-For
// entry, the one our proxy appended; everything left of it is whatever the client sent.
describe('security: the client address behind a proxy', () => {
  const ATTACKER = '198.51.100.7';
  const OWNER = '203.0.113.20';
  const t = useTestApp({ env: { TRUST_PROXY: 'true', LOGIN_ACCOUNT_MAX_FAILURES: '3' } });

  it('does not let a client dodge per-IP limits by writing its own X-Forwarded-For entries', async () => {
    // Its own app: the registration budget (2 per address) must start untouched.
    const limited = await startTestApp({ TRUST_PROXY: 'true', REGISTER_RATE_LIMIT: '2' }, { shareDatabaseWith: t });
    const statuses: number[] = [];
    for (let i = 0; i < 3; i += 1) {
      const res = await limited.http.post('/users').set('X-Forwarded-For', `10.9.8.${i}, ${ATTACKER}`).send(aUser());
      statuses.push(res.status);
    }
    await limited.close();
    expect(statuses).toEqual([201, 201, 429]);
  });

  it('ignores a forwarded value that is not an address instead of storing it or failing', async () => {
    const user = await registerAndLogin(t.http);
    const login = await t.http
      .post('/auth/login')
      .set('X-Forwarded-For', 'x'.repeat(100))
      .send({ email: user.email, password: user.password });
    expect(login.status).toBe(200);
    const sessions = await t.http.get('/auth/sessions').set('Authorization', `Bearer ${login.body.accessToken}`).expect(200);
    for (const session of sessions.body as { ip: string }[]) expect(session.ip).toMatch(/^(::ffff:)?127\.0\.0\.1$|^::1$/);
  });

  it('locks an account only for the address that guessed, so its owner still logs in from elsewhere', async () => {
    const owner = await registerAndLogin(t.http);
    const guess = (ip: string, password: string) =>
      t.http.post('/auth/login').set('X-Forwarded-For', ip).send({ email: owner.email, password });
    for (let i = 0; i < 3; i += 1) await guess(ATTACKER, `wrong guess ${i}`).expect(401);
    expect((await guess(ATTACKER, owner.password)).status).toBe(429);
    await guess(OWNER, owner.password).expect(200);
  });

  it('still stops a guesser spread over many addresses, at ten times the per-address limit', async () => {
    const owner = await registerAndLogin(t.http);
    const guess = (ip: string) =>
      t.http.post('/auth/login').set('X-Forwarded-For', ip).send({ email: owner.email, password: 'wrong guess' });
    // 3 failures per address is the per-address limit; 30 from all addresses together is the ceiling.
    for (let address = 0; address < 10; address += 1) {
      for (let i = 0; i < 3; i += 1) await guess(`192.0.2.${address}`).expect(401);
    }
    expect((await guess('192.0.2.200')).status).toBe(429);
  });
});
