import { registerAndLogin } from '../fixtures/users';
import { useTestApp } from '../support/suite';

describe('security: CORS allowlist', () => {
  const t = useTestApp({ env: { CORS_ORIGINS: 'http://allowed.test' }, wipe: false });

  it('gives an origin outside CORS_ORIGINS no CORS headers, on requests and preflights', async () => {
    const simple = await t.http.get('/health').set('Origin', 'http://evil.test');
    expect(simple.headers['access-control-allow-origin']).toBeUndefined();
    const preflight = await t.http.options('/auth/login').set('Origin', 'http://evil.test').set('Access-Control-Request-Method', 'POST');
    expect(preflight.headers['access-control-allow-origin']).toBeUndefined();
    expect(preflight.headers['access-control-allow-methods']).toBeUndefined();
  });

  it('echoes an allowed origin (never a wildcard) and never allows credentials', async () => {
    const preflight = await t.http.options('/auth/login').set('Origin', 'http://allowed.test').set('Access-Control-Request-Method', 'POST');
    expect(preflight.headers['access-control-allow-origin']).toBe('http://allowed.test');
    expect(preflight.headers['access-control-allow-credentials']).toBeUndefined();
    const simple = await t.http.get('/.well-known/jwks.json').set('Origin', 'http://allowed.test');
    expect(simple.headers['access-control-allow-origin']).toBe('http://allowed.test');
    expect(simple.headers.vary).toMatch(/Origin/i);
  });

  it('sends the helmet security headers', async () => {
    const res = await t.http.get('/.well-known/jwks.json');
    expect(res.headers['x-content-type-options']).toBe('nosniff');
    expect(res.headers['strict-transport-security']).toBeDefined();
    expect(res.headers['x-powered-by']).toBeUndefined();
  });

  it('forbids caching of answers that carry tokens or per-user data', async () => {
    const user = await registerAndLogin(t.http);
    const login = await t.http.post('/auth/login').send({ email: user.email, password: user.password }).expect(200);
    expect(login.headers['cache-control']).toBe('no-store');
    const refreshed = await t.http.post('/auth/refresh').send({ refreshToken: user.refreshToken }).expect(200);
    expect(refreshed.headers['cache-control']).toBe('no-store');
    const me = await t.http.get('/users/me').set('Authorization', `Bearer ${user.accessToken}`).expect(200);
    expect(me.headers['cache-control']).toBe('no-store');
  });
});
