import { aUser } from '../fixtures/users';
import { expectProblem } from '../support/problem';
import { useTestApp } from '../support/suite';

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;

describe('errors: one problem+json model for every failure', () => {
  const t = useTestApp();

  describe('request bodies', () => {
    it('returns 400 malformed_body for malformed JSON', async () => {
      const res = await t.http.post('/users').set('Content-Type', 'application/json').send('{"email": "a@example.test",');
      expectProblem(res, 400, 'malformed_body');
      expect(res.text).not.toMatch(/Unexpected|JSON\.parse|SyntaxError|position/);
    });

    it('returns 413 payload_too_large for a JSON body over the 100kb limit', async () => {
      const res = await t.http.post('/users').send({ ...aUser(), displayName: 'x'.repeat(101 * 1024) });
      expectProblem(res, 413, 'payload_too_large');
    });

    it('returns 413 payload_too_large for a urlencoded body over the limit', async () => {
      const res = await t.http
        .post('/users')
        .type('form')
        .send(`displayName=${'x'.repeat(101 * 1024)}`);
      expectProblem(res, 413, 'payload_too_large');
    });

    it('parses an application/*+json body (here ld+json) instead of silently dropping it', async () => {
      const res = await t.http.post('/users').set('Content-Type', 'application/ld+json').send(JSON.stringify(aUser()));
      expect(res.status).toBe(201);
    });

    it('returns 415 unsupported_media_type for a text/plain body', async () => {
      const res = await t.http.post('/users').set('Content-Type', 'text/plain').send(JSON.stringify(aUser()));
      expectProblem(res, 415, 'unsupported_media_type');
    });

    it('returns 415 unsupported_media_type for a multipart body', async () => {
      const res = await t.http.post('/auth/login').field('email', 'a@example.test').field('password', 'whatever-password');
      expectProblem(res, 415, 'unsupported_media_type');
    });

    it('treats an empty POST (Content-Length: 0, no type) as no body: 400 validation_failed, not 415', async () => {
      const res = await t.http.post('/users').set('Content-Length', '0');
      expectProblem(res, 400, 'validation_failed');
    });

    it('returns 400 malformed_body for a JSON array body', async () => {
      expectProblem(await t.http.post('/users').send([aUser()]), 400, 'malformed_body');
    });

    it('returns 400 malformed_body for a JSON string body', async () => {
      const res = await t.http.post('/auth/login').set('Content-Type', 'application/json').send('"a@example.test"');
      expectProblem(res, 400, 'malformed_body');
    });
  });

  describe('routes', () => {
    it.each([
      ['GET', '/nope'],
      ['POST (without a body)', '/nope'],
      ['GET', '/users/someone-else'],
    ])('returns 404 route_not_found for %s %s', async (method, path) => {
      const res = method === 'GET' ? await t.http.get(path) : await t.http.post(path);
      expectProblem(res, 404, 'route_not_found');
    });

    it('returns 404 route_not_found for POST with a JSON body to an unknown path', async () => {
      expectProblem(await t.http.post('/nope').send({ a: 1 }), 404, 'route_not_found');
    });

    it.each([
      ['DELETE', '/users', 'POST'],
      ['PUT', '/users/me', 'GET'],
      ['POST', '/health', 'GET'],
    ])('returns 405 method_not_allowed for %s %s, with an Allow header', async (method, path, allowed) => {
      const res = await t.http[method.toLowerCase() as 'delete' | 'put' | 'post'](path);
      expectProblem(res, 405, 'method_not_allowed');
      expect(res.headers.allow).toContain(allowed);
    });
  });

  describe('no internals in any error body', () => {
    it('does not reveal the duplicate-key error behind a 409', async () => {
      const input = aUser();
      await t.http.post('/users').send(input).expect(201);
      const res = await t.http.post('/users').send(input);
      expectProblem(res, 409, 'email_taken');
      expect(res.text).not.toMatch(/E11000|duplicate key|index|MongoServerError/i);
    });
  });

  describe('X-Request-Id', () => {
    it.each([
      ['a 201', () => t.http.post('/users').send(aUser()), 201],
      ['a 400', () => t.http.post('/users').send({}), 400],
      ['a 401', () => t.http.get('/users/me'), 401],
      ['a 404', () => t.http.get('/nope'), 404],
      ['a 413', () => t.http.post('/users').send({ displayName: 'x'.repeat(200 * 1024) }), 413],
      ['a 415', () => t.http.post('/users').set('Content-Type', 'text/plain').send('hi'), 415],
      ['the health check', () => t.http.get('/health'), 200],
    ])('is set on %s', async (_label, request, status) => {
      const res = await request();
      expect(res.status).toBe(status);
      expect(res.headers['x-request-id']).toMatch(UUID);
    });

    it('differs between requests', async () => {
      const [a, b] = [await t.http.get('/nope'), await t.http.get('/nope')];
      expect(a.headers['x-request-id']).not.toBe(b.headers['x-request-id']);
    });

    it('echoes a safe incoming id', async () => {
      const res = await t.http.get('/nope').set('X-Request-Id', 'trace-0123456789.abc_DEF');
      expect(res.headers['x-request-id']).toBe('trace-0123456789.abc_DEF');
    });

    it('echoes a safe incoming id on errors too', async () => {
      const res = await t.http.post('/users').set('X-Request-Id', 'upstream-id-42').send({});
      expect(res.status).toBe(400);
      expect(res.headers['x-request-id']).toBe('upstream-id-42');
    });

    it.each([
      ['spaces', 'id with spaces in it'],
      ['log-injection characters', 'abc123\tlevel=error"msg":"forged"'],
      ['markup', '<script>alert(1)</script>'],
      ['200 characters', 'a'.repeat(200)],
    ])('replaces an incoming id with %s', async (_label, unsafe) => {
      const res = await t.http.get('/nope').set('X-Request-Id', unsafe);
      expect(res.headers['x-request-id']).toMatch(UUID);
    });
  });
});
