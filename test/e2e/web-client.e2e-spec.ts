import Koa from 'koa';
import supertest from 'supertest';
import { serveWebClient, WEB_CLIENT_CSP } from '../../src/web/serve-web-client';
import { useTestApp } from '../support/suite';
import { buildWebClient } from '../support/web-client';

const IMMUTABLE = 'public, max-age=31536000, immutable';

describe('the browser client at /', () => {
  beforeAll(() => buildWebClient());
  const t = useTestApp({ wipe: false });

  async function assetPaths(): Promise<string[]> {
    const page = await t.http.get('/').expect(200);
    return [...page.text.matchAll(/(?:src|href)="(\/assets\/[^"]+)"/g)].map((match) => match[1]);
  }

  it('serves index.html with the strict page policy and revalidation on every load', async () => {
    const res = await t.http.get('/').expect(200);
    expect(res.headers['content-type']).toMatch(/^text\/html/);
    expect(res.headers['content-security-policy']).toBe(WEB_CLIENT_CSP);
    expect(res.headers['cache-control']).toBe('no-cache');
    // Nothing inline: every script and stylesheet is a same-origin file the policy allows.
    expect(res.text).not.toMatch(/<script(?![^>]*\ssrc=)[^>]*>/);
    expect(res.text).not.toMatch(/<style|\sstyle=|\son[a-z]+=/i);
    expect(res.text).not.toMatch(/https?:\/\//);
  });

  it('answers a revalidation of index.html with 304', async () => {
    const first = await t.http.get('/').expect(200);
    await t.http.get('/').set('If-Modified-Since', first.headers['last-modified']).expect(304);
  });

  it('serves the content-hashed script and stylesheet as immutable for a year, precompressed when accepted', async () => {
    const assets = await assetPaths();
    expect(assets).toEqual([
      expect.stringMatching(/^\/assets\/app-[A-Z0-9]{8}\.css$/),
      expect.stringMatching(/^\/assets\/app-[A-Z0-9]{8}\.js$/),
    ]);
    for (const path of assets) {
      const plain = await t.http.get(path).set('Accept-Encoding', 'identity').expect(200);
      expect(plain.headers['cache-control']).toBe(IMMUTABLE);
      expect(plain.headers['content-type']).toMatch(path.endsWith('.js') ? /javascript/ : /^text\/css/);
      expect(plain.headers['content-encoding']).toBeUndefined();
      const brotli = await t.http.get(path).set('Accept-Encoding', 'br, gzip').expect(200);
      expect(brotli.headers['content-encoding']).toBe('br');
      expect(brotli.headers.vary).toMatch(/Accept-Encoding/i);
      expect(brotli.headers['cache-control']).toBe(IMMUTABLE);
    }
  });

  it('keeps no-store and problem+json on everything that is not a client file', async () => {
    const health = await t.http.get('/health').expect(200);
    expect(health.headers['cache-control']).toBe('no-store');
    for (const path of ['/assets/app-AAAAAAAA.js', '/assets/../package.json', '/index.htm', '/client/src/main.ts']) {
      const res = await t.http.get(path).expect(404);
      expect(res.headers['content-type']).toMatch(/^application\/problem\+json/);
      expect(res.headers['cache-control']).toBe('no-store');
    }
    const post = await t.http.post('/').send({}).expect(404);
    expect(post.headers['content-type']).toMatch(/^application\/problem\+json/);
  });
});

describe('serveWebClient without a built client', () => {
  it('passes every request on, so an API-only deployment answers as before', async () => {
    const koa = new Koa();
    koa.use(async (ctx, next) => {
      ctx.set('Cache-Control', 'no-store');
      await next();
    });
    koa.use(serveWebClient('/nonexistent/web-client'));
    koa.use((ctx) => (ctx.body = 'the api'));
    const res = await supertest(koa.callback()).get('/').expect(200);
    expect(res.text).toBe('the api');
    expect(res.headers['cache-control']).toBe('no-store');
    expect(res.headers['content-security-policy']).toBeUndefined();
  });
});
