import { request as httpRequest } from 'node:http';
import { registerAndLogin } from '../fixtures/users';
import { rawExchange, type RawResponse } from '../support/raw-http';
import { client, tryConnect } from '../support/sockets';
import { useTestApp, useLoggedInUser } from '../support/suite';

/** A problem document as a raw answer carries it: the type, the JSON body and its code. */
function expectRawProblem(res: RawResponse, status: number, code: string): void {
  expect({ status: res.status, type: res.headers['content-type'] }).toEqual({
    status,
    type: expect.stringMatching(/^application\/problem\+json/),
  });
  expect(JSON.parse(res.body)).toEqual({ type: 'about:blank', title: expect.any(String), status, detail: expect.any(String), code });
  expect(res.headers['x-content-type-options']).toBe('nosniff');
}

/** Sends one request through node:http, where each element of a header array is its own header line. */
function send(url: string, method: string, path: string, headers: Record<string, string | string[]> = {}): Promise<RawResponse> {
  return new Promise((resolve, reject) => {
    const req = httpRequest(`${url}${path}`, { method, headers }, (res) => {
      let body = '';
      res.setEncoding('utf8');
      res.on('data', (chunk: string) => (body += chunk));
      res.on('end', () => resolve({ status: res.statusCode ?? 0, headers: res.headers as Record<string, string>, body }));
    });
    req.on('error', reject);
    req.end();
  });
}

describe('protocol-level errors are problem+json too (defect 4)', () => {
  const t = useTestApp();

  it('answers oversized headers with 431 headers_too_large as problem+json, not an empty body', async () => {
    const res = await rawExchange(t.url, `GET /health HTTP/1.1\r\nHost: x\r\nX-Big: ${'a'.repeat(20 * 1024)}\r\n\r\n`);
    expectRawProblem(res, 431, 'headers_too_large');
    expect(res.headers.connection).toBe('close');
  });

  it('answers a request that is not HTTP with 400 malformed_request as problem+json', async () => {
    expectRawProblem(await rawExchange(t.url, 'HELLO\x01 there\r\n\r\n'), 400, 'malformed_request');
  });

  it('answers CONNECT, which Node would drop silently, with 501 not_implemented', async () => {
    expectRawProblem(await rawExchange(t.url, 'CONNECT example.com:443 HTTP/1.1\r\nHost: example.com:443\r\n\r\n'), 501, 'not_implemented');
  });

  it('answers an unsupported Expect header with 417 expectation_failed as problem+json, not an empty body', async () => {
    expectRawProblem(await send(t.url, 'GET', '/health', { Expect: 'something-else' }), 417, 'expectation_failed');
  });

  it.each(['/users', '/nope'])('answers TRACE %s with 501 not_implemented as problem+json, not text/plain', async (path) => {
    expectRawProblem(await send(t.url, 'TRACE', path), 501, 'not_implemented');
  });
});

describe('two Authorization headers are refused (defect 5)', () => {
  const t = useTestApp({ sockets: true });
  const me = useLoggedInUser(t);

  it.each(['/users/me', '/custom'])('answers GET %s with 400 ambiguous_authorization, even for two valid tokens', async (path) => {
    const other = await registerAndLogin(t.http);
    const res = await send(t.url, 'GET', path, { Authorization: [`Bearer ${me.accessToken}`, `Bearer ${other.accessToken}`] });
    expectRawProblem(res, 400, 'ambiguous_authorization');
    const same = await send(t.url, 'GET', path, { Authorization: [`Bearer ${me.accessToken}`, `Bearer ${me.accessToken}`] });
    expectRawProblem(same, 400, 'ambiguous_authorization');
  });

  it('still accepts one Authorization header', async () => {
    expect((await send(t.url, 'GET', '/users/me', { Authorization: `Bearer ${me.accessToken}` })).status).toBe(200);
  });

  it('refuses a socket.io handshake with two Authorization headers: connect_error ambiguous_authorization', async () => {
    const other = await registerAndLogin(t.http);
    // node:http (under the ws transport) writes one header line per array element.
    const twoHeaders = { authorization: [`Bearer ${me.accessToken}`, `Bearer ${other.accessToken}`] } as unknown as Record<string, string>;
    expect(await tryConnect(client(t.url, { extraHeaders: twoHeaders }))).toEqual({
      connected: false,
      message: 'ambiguous_authorization',
      code: 'ambiguous_authorization',
    });
    // A handshake that also carries auth.token is just as ambiguous.
    const withAuth = await tryConnect(client(t.url, { auth: { token: me.accessToken }, extraHeaders: twoHeaders }));
    expect(withAuth.code).toBe('ambiguous_authorization');
  });
});
