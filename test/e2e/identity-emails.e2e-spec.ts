import { aUser } from '../fixtures/users';
import { UserModel } from '../../src/users/user.model';
import { expectProblem } from '../support/problem';
import { useTestApp } from '../support/suite';

/** Pairs of spellings of one mailbox, as the issue found them registering separate accounts. */
const SAME_MAILBOX: [string, (id: number) => string, (id: number) => string][] = [
  ['NFC and NFD', (id) => `jos\u00e9${id}@example.test`, (id) => `jose\u0301${id}@example.test`],
  ['fullwidth and ASCII', (id) => `\uff4a\uff4f\uff48\uff4e${id}@example.test`, (id) => `john${id}@example.test`],
  ['a Unicode domain and its A-label', (id) => `bob${id}@ex\u00e4mple.com`, (id) => `bob${id}@xn--exmple-cua.com`],
];
let sequence = 0;

describe('identity input: emails (one normal form: src/common/identity/email-address.ts)', () => {
  const t = useTestApp({ env: { LOGIN_ACCOUNT_MAX_FAILURES: '3' } });

  describe('one mailbox, one account (defect 2)', () => {
    it.each(SAME_MAILBOX)('refuses a second account for %s with 409, on /users and /user', async (_label, first, second) => {
      const id = ++sequence;
      const created = await t.http.post('/users').send(aUser({ email: first(id) }));
      expect(created.status).toBe(201);
      for (const path of ['/users', '/user']) expectProblem(await t.http.post(path).send(aUser({ email: second(id) })), 409, 'email_taken');
      expect(await UserModel.countDocuments()).toBe(1);
    });

    it.each(SAME_MAILBOX)('logs in with either spelling (%s) on /auth/login and /login', async (_label, first, second) => {
      const id = ++sequence;
      const input = aUser({ email: first(id) });
      const registered = await t.http.post('/users').send(input).expect(201);
      for (const path of ['/auth/login', '/login']) {
        for (const email of [first(id), second(id)]) {
          const res = await t.http.post(path).send({ email, password: input.password });
          expect({ path, email, status: res.status }).toEqual({ path, email, status: 200 });
          expect(res.body.user.id).toBe(registered.body.id);
        }
      }
    });

    it('stores and answers the normal form: NFC local part, A-label domain, lower case', async () => {
      const res = await t.http.post('/users').send(aUser({ email: 'Jose\u0301@EX\u00c4MPLE.com' }));
      expect(res.status).toBe(201);
      expect(res.body.email).toBe('jos\u00e9@xn--exmple-cua.com');
      expect((await UserModel.findById(res.body.id).lean())?.email).toBe('jos\u00e9@xn--exmple-cua.com');
    });

    it('counts failed logins under every spelling against the same account', async () => {
      const id = ++sequence;
      const input = aUser({ email: `jos\u00e9${id}@example.test` });
      await t.http.post('/users').send(input).expect(201);
      // LOGIN_ACCOUNT_MAX_FAILURES=3: three wrong guesses, each in another spelling, lock the account.
      for (const email of [`jose\u0301${id}@example.test`, `JOS\u00c9${id}@example.test`, `\uff4a\uff4f\uff53\u00e9${id}@example.test`]) {
        expectProblem(await t.http.post('/auth/login').send({ email, password: 'wrong password here' }), 401, 'invalid_credentials');
      }
      expectProblem(await t.http.post('/auth/login').send({ email: input.email, password: input.password }), 429, 'login_throttled');
    });
  });

  it('answers every endpoint that takes an email with 2xx or 4xx, never 5xx', async () => {
    const emails = SAME_MAILBOX.flatMap(([, first, second]) => [first(++sequence), second(sequence)]);
    const statuses: number[] = [];
    for (const email of [...emails, 'bob@ex%41.com', '\uff20\uff20', 'x@\u{1f600}.com', '\u{1f600}@example.com']) {
      for (const path of ['/users', '/user']) statuses.push((await t.http.post(path).send(aUser({ email }))).status);
      for (const path of ['/auth/login', '/login'])
        statuses.push((await t.http.post(path).send({ email, password: 'correct horse battery staple' })).status);
    }
    expect(statuses.filter((status) => status >= 500)).toEqual([]);
  });
});
