import { aChatClient, join } from '../fixtures/chat';
import { aUser, registerAndLogin } from '../fixtures/users';
import { UserModel } from '../../src/users/user.model';
import { expectProblem } from '../support/problem';
import { client, connectAs, tryConnect, waitForEvent, waitForMatch } from '../support/sockets';
import { useTestApp } from '../support/suite';

type Presence = { room: string; members: { id: string; displayName: string }[] };

const emoji = (n: number) => '\u{1f600}'.repeat(n);
const CONTROL_NAME = 'admin\u202e\u0000<script>';
const HTML_NAME = '<b>Ann</b><script>alert(1)</script><img src=x onerror=y>';

describe('identity input: display names (one rule: src/common/identity/display-name.ts)', () => {
  const t = useTestApp({ sockets: true });

  describe('display-name length is one rule, counted in code points (defect 1)', () => {
    it.each([33, 64])('registers %i emoji through POST /users and the article\u2019s POST /user', async (n) => {
      for (const path of ['/users', '/user']) {
        const res = await t.http.post(path).send(aUser({ displayName: emoji(n) }));
        expect(res.status).toBe(201);
        expect(res.body.displayName).toBe(emoji(n));
      }
    });

    it('renames to 64 emoji through PATCH /users/me', async () => {
      const me = await registerAndLogin(t.http);
      const res = await t.http
        .patch('/users/me')
        .set('Authorization', `Bearer ${me.accessToken}`)
        .send({ displayName: emoji(64) });
      expect(res.status).toBe(200);
      expect(res.body.displayName).toBe(emoji(64));
    });

    it('refuses 65 emoji with 400 on displayName on every path, before anything is stored', async () => {
      const me = await registerAndLogin(t.http);
      for (const res of [
        await t.http.post('/users').send(aUser({ displayName: emoji(65) })),
        await t.http.post('/user').send(aUser({ displayName: emoji(65) })),
        await t.http
          .patch('/users/me')
          .set('Authorization', `Bearer ${me.accessToken}`)
          .send({ displayName: emoji(65) }),
      ]) {
        expectProblem(res, 400, 'validation_failed');
        expect(res.body.errors).toEqual([{ field: 'displayName', messages: [expect.stringMatching(/1 to 64/)] }]);
      }
      expect(await UserModel.countDocuments()).toBe(1);
    });

    it('broadcasts a 40-emoji name in presence over socket.io', async () => {
      const alice = await aChatClient(t, { displayName: emoji(40) });
      const bob = await aChatClient(t);
      await join(bob.socket, 'emoji');
      const seen = waitForMatch<Presence>(bob.socket, 'presence', (p) => p.members.length === 2);
      await join(alice.socket, 'emoji');
      expect((await seen).members).toContainEqual({ id: alice.user.id, displayName: emoji(40) });
    });
  });

  describe('control, bidi and invisible characters in display names (defect 3)', () => {
    it.each([
      ['the issue example', CONTROL_NAME],
      ['a zero-width space', 'ad\u200bmin'],
      ['a right-to-left override', '\u202eadmin'],
      ['a first-strong isolate', 'ad\u2068min'],
      ['a byte-order mark inside', 'ad\ufeffmin'],
    ])('refuses %s with 400 on displayName on POST /users, POST /user and PATCH /users/me', async (_label, displayName) => {
      const me = await registerAndLogin(t.http);
      for (const res of [
        await t.http.post('/users').send(aUser({ displayName })),
        await t.http.post('/user').send(aUser({ displayName })),
        await t.http.patch('/users/me').set('Authorization', `Bearer ${me.accessToken}`).send({ displayName }),
      ]) {
        expectProblem(res, 400, 'validation_failed');
        expect(res.body.errors).toEqual([{ field: 'displayName', messages: [expect.stringMatching(/control/)] }]);
      }
      expect((await UserModel.findById(me.id).lean())?.displayName).toBe(me.displayName);
    });

    it('stores the normal form: NFKC, spaces collapsed and trimmed', async () => {
      const res = await t.http.post('/users').send(aUser({ displayName: ' \uff21\uff44\uff41\u00a0\u00a0 Lovelace\u3000' }));
      expect(res.status).toBe(201);
      expect(res.body.displayName).toBe('Ada Lovelace');
    });

    it('never lets a refused rename reach the chat: the socket still shows the old name', async () => {
      const alice = await registerAndLogin(t.http, { displayName: 'Alice' });
      const rename = await t.http
        .patch('/users/me')
        .set('Authorization', `Bearer ${alice.accessToken}`)
        .send({ displayName: CONTROL_NAME });
      expectProblem(rename, 400, 'validation_failed');
      const socket = await connectAs(t.url, alice.accessToken);
      const ack = await join(socket, 'names');
      expect(ack.members).toEqual([{ id: alice.id, displayName: 'Alice' }]);
    });
  });

  describe('HTML in a display name is text, never interpreted (defect 3)', () => {
    it('is accepted and returned verbatim as JSON data, with nosniff and a CSP that blocks inline scripts', async () => {
      const registered = await t.http.post('/users').send(aUser({ displayName: HTML_NAME }));
      expect(registered.status).toBe(201);
      const me = await registerAndLogin(t.http, { displayName: HTML_NAME });
      const auth = { Authorization: `Bearer ${me.accessToken}` };
      const responses = [
        registered,
        await t.http.get('/users/me').set(auth),
        await t.http.patch('/users/me').set(auth).send({ displayName: HTML_NAME }),
        await t.http.post('/login').send({ email: me.email, password: me.password }),
      ];
      for (const res of responses) {
        expect(res.headers['content-type']).toMatch(/^application\/json/);
        expect(res.text).toContain(JSON.stringify(HTML_NAME).slice(1, -1));
        expectNotInterpretable(res.headers);
      }
      // The article's greeting carries the name in a text/plain body: still not a document.
      const greeting = await t.http.get('/custom').set('Authorization', `JWT ${me.accessToken}`);
      expect(greeting.headers['content-type']).toMatch(/^text\/plain/);
      expect(greeting.text).toBe(`hello ${HTML_NAME}`);
      expectNotInterpretable(greeting.headers);
    });

    it('travels over socket.io as a JSON string in authenticated and presence', async () => {
      const alice = await registerAndLogin(t.http, { displayName: HTML_NAME });
      const socket = client(t.url, { auth: { token: alice.accessToken } });
      const greeting = waitForEvent(socket, 'authenticated');
      expect(await tryConnect(socket)).toEqual({ connected: true });
      expect(await greeting).toEqual({ user: { id: alice.id, displayName: HTML_NAME } });
      const bob = await aChatClient(t);
      await join(bob.socket, 'html');
      const seen = waitForMatch<Presence>(bob.socket, 'presence', (p) => p.members.length === 2);
      await join(socket, 'html');
      expect((await seen).members).toContainEqual({ id: alice.id, displayName: HTML_NAME });
    });
  });

  it('answers every endpoint that takes a display name with 2xx or 4xx, never 5xx', async () => {
    const me = await registerAndLogin(t.http);
    const names = [emoji(33), emoji(64), emoji(65), CONTROL_NAME, HTML_NAME, '\u{1f468}\u200d\u{1f469}\u200d\u{1f467}', 'a\ud800b'];
    const statuses: number[] = [];
    for (const displayName of names) {
      statuses.push((await t.http.post('/users').send(aUser({ displayName }))).status);
      statuses.push((await t.http.post('/user').send(aUser({ displayName }))).status);
      statuses.push((await t.http.patch('/users/me').set('Authorization', `Bearer ${me.accessToken}`).send({ displayName })).status);
    }
    expect(statuses.filter((status) => status >= 500)).toEqual([]);
  });
});

function expectNotInterpretable(headers: Record<string, string>): void {
  expect(headers['x-content-type-options']).toBe('nosniff');
  const csp = headers['content-security-policy'] ?? '';
  const scriptSrc = /(?:^|;)\s*script-src ([^;]*)/.exec(csp)?.[1] ?? '';
  expect(scriptSrc).toMatch(/'self'|'none'/);
  expect(scriptSrc).not.toMatch(/unsafe-inline|unsafe-eval|\*/);
  expect(csp).toMatch(/script-src-attr 'none'/);
}
