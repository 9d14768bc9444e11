import type { OpenAPIV3_1 } from 'openapi-types';
import type { Browser } from 'playwright-core';
import { API_DOCS_CSP } from '../../src/openapi/swagger-ui.middleware';
import { launchChromium, screenshot, watchForTrouble } from '../support/browser';
import { useTestApp } from '../support/suite';

describe('Swagger UI at /docs', () => {
  const t = useTestApp({ wipe: false });
  let browser: Browser;
  beforeAll(async () => (browser = await launchChromium()));
  afterAll(() => browser?.close());

  it('serves the page and its init script with its own strict CSP, and no inline script', async () => {
    const page = await t.http
      .get('/docs')
      .expect(200)
      .expect('Content-Type', /text\/html/);
    expect(page.headers['content-security-policy']).toBe(API_DOCS_CSP);
    expect(API_DOCS_CSP).toContain("script-src 'self'");
    expect(API_DOCS_CSP).not.toContain('unsafe-inline');
    expect(page.text).not.toMatch(/<script>(?!<\/script>)|<script(?![^>]*\bsrc=)[^>]*>/);
    await t.http
      .get('/docs/init.js')
      .expect(200)
      .expect('Content-Type', /javascript/)
      .expect('Content-Security-Policy', API_DOCS_CSP);
    await t.http
      .get('/docs/swagger-ui-bundle.js')
      .expect(200)
      .expect('Content-Type', /javascript/);
    await t.http.get('/docs/index.html').expect(404);
  });

  it('renders every operation of /openapi.json in headless Chromium, without CSP violations', async () => {
    const document = (await t.http.get('/openapi.json').expect(200)).body as OpenAPIV3_1.Document;
    const operations = Object.values(document.paths ?? {}).reduce((sum, item) => sum + Object.keys(item ?? {}).length, 0);

    const context = await browser.newContext({ viewport: { width: 1280, height: 900 } });
    const page = await context.newPage();
    const trouble = watchForTrouble(page);
    await page.goto(`${t.url}/docs`);
    await page
      .locator('.opblock')
      .nth(operations - 1)
      .waitFor();
    expect(await page.locator('.opblock').count()).toBe(operations);
    const paths = await page.locator('.opblock-summary-path').allTextContents();
    expect(paths.map((path) => path.replace(/\u200b/g, ''))).toEqual(
      expect.arrayContaining(['/users/me', '/auth/login', '/rooms/{room}/messages']),
    );
    // The security schemes are offered: the Authorize button opens them.
    await page
      .getByRole('button', { name: /Authorize/ })
      .first()
      .waitFor();
    await screenshot(page, 'api-docs');
    expect(trouble).toEqual([]);
    await context.close();
  });
});
