import { randomBytes } from 'node:crypto';
import { registerAndLogin, type LoggedIn } from '../fixtures/users';
import { client, disconnectAll, tryConnect } from '../support/sockets';
import { startTestApp, type TestApp } from '../support/test-app';

/** The page's own origin is always allowed for the API and the socket handshake; CORS_ORIGINS adds others. */
describe("the page's own origin", () => {
  afterEach(() => disconnectAll());

  /** A handshake over WebSocket (the compose proxy's only transport) with these browser headers. */
  function handshake(app: TestApp, user: LoggedIn, headers: Record<string, string>) {
    return tryConnect(client(app.url, { auth: { token: user.accessToken }, extraHeaders: headers }));
  }

  describe('with CORS_ORIGINS listing another site', () => {
    let app: TestApp;
    let user: LoggedIn;
    beforeAll(async () => {
      app = await startTestApp({ CORS_ORIGINS: 'http://elsewhere.test' });
      user = await registerAndLogin(app.http);
    });
    afterAll(() => app.close());

    it('lets the socket handshake in from the origin the page was served from, and the listed one', async () => {
      expect(await handshake(app, user, { Origin: app.url })).toEqual({ connected: true });
      expect(await handshake(app, user, { Origin: 'http://elsewhere.test' })).toEqual({ connected: true });
    });

    it('still refuses another origin, including the same host under another name or scheme', async () => {
      for (const origin of ['http://evil.test', app.url.replace('127.0.0.1', 'localhost'), app.url.replace('http:', 'https:'), 'null'])
        expect(await handshake(app, user, { Origin: origin })).toMatchObject({ connected: false, message: 'websocket error' });
    });

    it('gives the own origin CORS headers like a listed one, and an unlisted origin none', async () => {
      const own = await app.http.get('/health').set('Origin', app.url).expect(200);
      expect(own.headers['access-control-allow-origin']).toBe(app.url);
      const other = await app.http.get('/health').set('Origin', 'http://evil.test').expect(200);
      expect(other.headers['access-control-allow-origin']).toBeUndefined();
    });

    it('ignores X-Forwarded-Host and -Proto without TRUST_PROXY', async () => {
      const forwarded = { Origin: 'https://chat.example', 'X-Forwarded-Host': 'chat.example', 'X-Forwarded-Proto': 'https' };
      expect(await handshake(app, user, forwarded)).toMatchObject({ connected: false });
    });
  });

  describe('in production with no CORS_ORIGINS, behind a proxy (TRUST_PROXY)', () => {
    let app: TestApp;
    let user: LoggedIn;
    beforeAll(async () => {
      app = await startTestApp({
        NODE_ENV: 'production',
        MONGODB_URI: 'mongodb://unused.invalid/app',
        JWT_SECRET: randomBytes(48).toString('base64'),
        CORS_ORIGINS: '',
        TRUST_PROXY: 'true',
      });
      user = await registerAndLogin(app.http);
    });
    afterAll(() => app.close());

    it('works for the page: handshake, CORS and the refresh cookie all recognise the origin the proxy was asked for', async () => {
      const page = { Origin: 'https://chat.example', 'X-Forwarded-Host': 'chat.example', 'X-Forwarded-Proto': 'https' };
      expect(await handshake(app, user, page)).toEqual({ connected: true });
      expect(await handshake(app, user, { ...page, Origin: 'https://evil.test' })).toMatchObject({ connected: false });

      const login = await app.http
        .post('/auth/login')
        .set(page)
        .set('X-Token-Delivery', 'cookie')
        .send({ email: user.email, password: user.password })
        .expect(200);
      expect(login.headers['access-control-allow-origin']).toBe('https://chat.example');
      const cookie = (login.headers['set-cookie'] as unknown as string[])[0]!;
      expect(cookie).toMatch(/; Secure$/);
      const token = /^refresh_token=([^;]+)/.exec(cookie)![1];
      await app.http.post('/auth/refresh').set(page).set('X-Token-Delivery', 'cookie').set('Cookie', `refresh_token=${token}`).expect(200);
    });
  });
});
