import { Writable } from 'node:stream';
import { createLogger } from '../../src/common/logger';
import { registerAndLogin } from '../fixtures/users';
import { useTestApp } from '../support/suite';

describe('security: security events are logged, secrets never are', () => {
  const lines: Record<string, unknown>[] = [];
  const sink = new Writable({
    write(chunk: Buffer, _encoding, done) {
      for (const line of chunk.toString('utf8').split('\n').filter(Boolean)) lines.push(JSON.parse(line) as Record<string, unknown>);
      done();
    },
  });
  // No multi-tab grace: the immediate replay below must count as reuse.
  const t = useTestApp({
    env: { LOGIN_ACCOUNT_MAX_FAILURES: '2', REFRESH_REUSE_GRACE_SECONDS: '0' },
    logger: createLogger('debug', sink),
    wipe: false,
  });

  const events = () => lines.filter((line) => line.security === true);

  it('writes one structured line per security event, with user id and request id, and no secret anywhere', async () => {
    const user = await registerAndLogin(t.http);
    const newPassword = 'another long passphrase 7';
    // login failure, throttling, refresh, reuse, password change, logout-all
    await t.http.post('/auth/login').send({ email: user.email, password: 'wrong-guess-1' }).expect(401);
    await t.http.post('/auth/login').send({ email: user.email, password: 'wrong-guess-2' }).expect(401);
    await t.http.post('/auth/login').send({ email: user.email, password: user.password }).expect(429);
    const refreshed = await t.http
      .post('/auth/refresh')
      .set('X-Request-Id', 'trace-refresh-0001')
      .send({ refreshToken: user.refreshToken })
      .expect(200);
    await t.http.post('/auth/refresh').set('X-Request-Id', 'trace-reuse-00001').send({ refreshToken: user.refreshToken }).expect(401);
    const other = await registerAndLogin(t.http);
    const changed = await t.http
      .post('/users/me/password')
      .set('Authorization', `Bearer ${other.accessToken}`)
      .send({ currentPassword: other.password, newPassword })
      .expect(200);
    await t.http.post('/auth/logout-all').set('Authorization', `Bearer ${changed.body.accessToken}`).expect(204);

    const names = events().map((line) => line.event);
    expect(names).toEqual(
      expect.arrayContaining([
        'login_succeeded',
        'login_failed',
        'login_throttled',
        'refresh_reused',
        'session_revoked',
        'password_changed',
        'logout_all',
      ]),
    );
    const reuse = events().find((line) => line.event === 'refresh_reused')!;
    expect(reuse).toMatchObject({ userId: user.id, requestId: 'trace-reuse-00001', sessionId: expect.any(String), ip: expect.any(String) });
    expect(events().find((line) => line.event === 'logout_all')).toMatchObject({ userId: other.id, requestId: expect.any(String) });

    const everything = lines.map((line) => JSON.stringify(line)).join('\n');
    const secrets = [
      user.password,
      other.password,
      newPassword,
      'wrong-guess-1',
      user.accessToken,
      user.refreshToken,
      other.accessToken,
      other.refreshToken,
      refreshed.body.accessToken as string,
      refreshed.body.refreshToken as string,
      changed.body.accessToken as string,
      t.config.jwt.secret,
    ];
    for (const secret of secrets) expect(everything).not.toContain(secret);
    expect(everything).not.toMatch(/\$argon2id\$/);
  });
});
