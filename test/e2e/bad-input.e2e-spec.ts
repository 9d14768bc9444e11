import { request } from 'node:http';
import { gzipSync } from 'node:zlib';
import { UserModel } from '../../src/users/user.model';
import { aUser, type UserInput } from '../fixtures/users';
import { expectProblem } from '../support/problem';
import { useTestApp } from '../support/suite';

const ENDPOINTS = ['/users', '/auth/login'] as const;

/** Sends bytes as they are (superagent would re-encode a Buffer sent as JSON). */
function rawPost(baseUrl: string, path: string, body: Buffer, headers: Record<string, string>): Promise<{ status: number; body: unknown }> {
  return new Promise((resolve, reject) => {
    const req = request(`${baseUrl}${path}`, { method: 'POST', headers: { ...headers, 'Content-Length': String(body.length) } }, (res) => {
      let text = '';
      res.setEncoding('utf8');
      res.on('data', (chunk: string) => (text += chunk));
      res.on('end', () => resolve({ status: res.statusCode ?? 0, body: JSON.parse(text) as unknown }));
    });
    req.on('error', reject);
    req.end(body);
  });
}

describe('hostile and malformed input on POST /users and POST /auth/login', () => {
  const t = useTestApp();
  let existing: UserInput;
  beforeEach(async () => {
    existing = aUser();
    await t.http.post('/users').send(existing).expect(201);
  });

  /** A body for `path` built from the existing user's valid fields, with some replaced. */
  const bodyFor = (path: (typeof ENDPOINTS)[number], replaced: Record<string, unknown>) => {
    const valid =
      path === '/users' ? { ...aUser(), email: `new-${existing.email}` } : { email: existing.email, password: existing.password };
    return { ...valid, ...replaced };
  };

  describe.each(ENDPOINTS)('%s', (path) => {
    it.each([
      ['a number as email', { email: 12345 }],
      ['a boolean as password', { password: true }],
      ['null as email', { email: null }],
      ['null as password', { password: null }],
      ['an array as email', { email: ['a@example.test'] }],
      ['an array as password', { password: ['correct horse battery staple'] }],
      ['an object as password', { password: { value: 'correct horse battery staple' } }],
      ['an operator object as email ({ $gt: "" })', { email: { $gt: '' } }],
      ['an operator object as password ({ $ne: null })', { password: { $ne: null } }],
      ['a 129-character password', { password: 'p'.repeat(129) }],
    ])('returns 400 validation_failed for %s', async (_label, replaced) => {
      expectProblem(await t.http.post(path).send(bodyFor(path, replaced)), 400, 'validation_failed');
    });

    it('returns 400 malformed_body for a JSON array body', async () => {
      expectProblem(await t.http.post(path).send([bodyFor(path, {})]), 400, 'malformed_body');
    });

    it.each([
      [
        'a top-level __proto__ key',
        (body: object) => `${JSON.stringify(body).slice(0, -1)},"__proto__":{"isAdmin":true,"roles":["admin"]}}`,
      ],
      ['a nested __proto__ key', (body: object) => `${JSON.stringify(body).slice(0, -1)},"profile":{"__proto__":{"isAdmin":true}}}`],
      [
        'a constructor.prototype key',
        (body: object) => `${JSON.stringify(body).slice(0, -1)},"constructor":{"prototype":{"isAdmin":true}}}`,
      ],
    ])('returns 400 malformed_body for %s and pollutes nothing', async (_label, raw) => {
      // Refused by the body parser itself, before validation could be fooled by an inherited property.
      const res = await t.http
        .post(path)
        .set('Content-Type', 'application/json')
        .send(raw(bodyFor(path, {})));
      expectProblem(res, 400, 'malformed_body');
      expect(({} as Record<string, unknown>).isAdmin).toBeUndefined();
      expect(await UserModel.countDocuments({ roles: 'admin' })).toBe(0);
    });

    it('returns 400 for a urlencoded operator (email[$gt]=)', async () => {
      const res = await t.http.post(path).type('form').send('email[$gt]=&password[$ne]=&displayName=x');
      expectProblem(res, 400, 'validation_failed');
    });

    it('returns 413 payload_too_large for a 1 MB password, before any validation or hashing', async () => {
      const res = await t.http.post(path).send(bodyFor(path, { password: 'p'.repeat(1024 * 1024) }));
      expectProblem(res, 413, 'payload_too_large');
    });

    it('returns 400 validation_failed for a ~100 kB password that fits under the body limit', async () => {
      const res = await t.http.post(path).send(bodyFor(path, { password: 'p'.repeat(100 * 1024 - 200) }));
      expectProblem(res, 400, 'validation_failed');
    });
  });

  describe.each(ENDPOINTS)('%s, deeply nested JSON under the body limit', (path) => {
    it.each([
      ['40,000 nested arrays as a field', `{"email":${'['.repeat(40_000)}${']'.repeat(40_000)}}`],
      ['15,000 nested objects', `${'{"a":'.repeat(15_000)}1${'}'.repeat(15_000)}`],
    ])('returns 400 malformed_body for %s, not 500', async (_label, raw) => {
      const res = await t.http.post(path).set('Content-Type', 'application/json').send(raw);
      expectProblem(res, 400, 'malformed_body');
    });
  });

  it('applies the body limit to the decompressed size of a gzip body', async () => {
    const bomb = gzipSync(JSON.stringify({ ...aUser(), displayName: 'x'.repeat(5 * 1024 * 1024) }));
    expect(bomb.length).toBeLessThan(100 * 1024);
    const res = await rawPost(t.url, '/users', bomb, { 'Content-Type': 'application/json', 'Content-Encoding': 'gzip' });
    expect(res).toMatchObject({ status: 413, body: { code: 'payload_too_large' } });
  });

  it('accepts a gzip body that fits the limit once decompressed', async () => {
    const res = await rawPost(t.url, '/users', gzipSync(JSON.stringify(aUser())), {
      'Content-Type': 'application/json',
      'Content-Encoding': 'gzip',
    });
    expect(res.status).toBe(201);
  });

  // class-transformer silently drops keys that name a member of the DTO's prototype chain, so
  // whitelist validation would never see them: the body parser refuses them first.
  describe.each(ENDPOINTS)('%s, unknown fields named like Object.prototype members', (path) => {
    it.each(['constructor', 'toString', 'hasOwnProperty', 'valueOf'])('refuses the unknown field %s with 400', async (key) => {
      const raw = `${JSON.stringify(bodyFor(path, {})).slice(0, -1)},"${key}":"x"}`;
      const res = await t.http.post(path).set('Content-Type', 'application/json').send(raw);
      expect(res.status).toBe(400);
      expect(['validation_failed', 'malformed_body']).toContain(res.body.code);
    });
  });

  it('never logs in with an operator object in place of the password', async () => {
    const res = await t.http.post('/auth/login').send({ email: existing.email, password: { $ne: null } });
    expect(res.status).toBe(400);
    expect(res.body.accessToken).toBeUndefined();
  });

  it('never finds a user through an operator object in place of the email', async () => {
    const res = await t.http.post('/auth/login').send({ email: { $regex: '.*' }, password: existing.password });
    expect(res.status).toBe(400);
    expect(res.body.accessToken).toBeUndefined();
  });

  it('accepts a urlencoded form with valid fields (the parser is on purpose)', async () => {
    const res = await t.http.post('/auth/login').type('form').send({ email: existing.email, password: existing.password });
    expect(res.status).toBe(200);
  });

  it('stores no user from any refused registration', async () => {
    await t.http
      .post('/users')
      .send({ ...aUser(), email: { $gt: '' } })
      .expect(400);
    await t.http
      .post('/users')
      .send({ ...aUser(), password: 'p'.repeat(129) })
      .expect(400);
    expect(await UserModel.countDocuments()).toBe(1);
  });
});
