import { registerAndLogin } from '../fixtures/users';
import { useTestApp } from '../support/suite';

/**
 * The exact header set of API responses: helmet's defaults (computed once at boot), no-store, the
 * request id. Pinned in full so a faster way of setting them can neither drop nor change one.
 */
const SECURITY_HEADERS = {
  'content-security-policy':
    "default-src 'self';base-uri 'self';font-src 'self' https: data:;form-action 'self';frame-ancestors 'self';img-src 'self' data:;object-src 'none';script-src 'self';script-src-attr 'none';style-src 'self' https: 'unsafe-inline';upgrade-insecure-requests",
  'cross-origin-opener-policy': 'same-origin',
  'cross-origin-resource-policy': 'same-origin',
  'origin-agent-cluster': '?1',
  'referrer-policy': 'no-referrer',
  'strict-transport-security': 'max-age=31536000; includeSubDomains',
  'x-content-type-options': 'nosniff',
  'x-dns-prefetch-control': 'off',
  'x-download-options': 'noopen',
  'x-frame-options': 'SAMEORIGIN',
  'x-permitted-cross-domain-policies': 'none',
  'x-xss-protection': '0',
  'cache-control': 'no-store',
};

const PER_RESPONSE = {
  'x-request-id': expect.stringMatching(/^[0-9a-f-]{36}$/),
  date: expect.any(String),
  connection: expect.any(String),
  'content-length': expect.stringMatching(/^\d+$/),
};

describe('security: the response headers', () => {
  const t = useTestApp({ wipe: false });

  it('answers GET /users/me with exactly the security headers, no-store and its request id', async () => {
    const user = await registerAndLogin(t.http);
    const res = await t.http.get('/users/me').set('Authorization', `Bearer ${user.accessToken}`).expect(200);
    expect(res.headers).toEqual({
      ...SECURITY_HEADERS,
      ...PER_RESPONSE,
      'content-type': 'application/json; charset=utf-8',
      vary: 'Origin',
    });
  });

  it('sends the same headers on a refusal (problem+json)', async () => {
    const res = await t.http.get('/users/me').expect(401);
    expect(res.headers).toEqual({
      ...SECURITY_HEADERS,
      ...PER_RESPONSE,
      'content-type': 'application/problem+json',
      vary: 'Origin',
    });
  });
});
