import { UsersRepository } from '../../src/users/users.repository';
import { adminAction, registerAdmin } from '../fixtures/admin';
import { registerAndLogin, type LoggedIn } from '../fixtures/users';
import { expectProblem } from '../support/problem';
import { useTestApp } from '../support/suite';

describe('admin API: listing and searching accounts', () => {
  const t = useTestApp();
  let admin: LoggedIn;
  beforeEach(async () => {
    admin = await registerAdmin(t, { email: 'root@admin.test' });
  });

  const list = (query: Record<string, string> = {}, token = admin.accessToken) =>
    t.http.get('/admin/users').query(query).set('Authorization', `Bearer ${token}`);

  it('lists accounts in creation order with public fields, roles, status and createdAt, and nothing secret', async () => {
    const ada = await registerAndLogin(t.http, { email: 'ada@lovelace.test', displayName: 'Ada' });
    const res = await list().expect(200);
    expect(res.body).toEqual({
      users: [
        {
          id: admin.id,
          email: 'root@admin.test',
          displayName: admin.displayName,
          roles: ['user', 'admin'],
          status: 'active',
          createdAt: expect.any(String),
        },
        { id: ada.id, email: 'ada@lovelace.test', displayName: 'Ada', roles: ['user'], status: 'active', createdAt: expect.any(String) },
      ],
      page: 1,
      limit: 20,
      total: 2,
    });
    expect(res.text).not.toMatch(/passwordHash|tokenVersion|_id/);
  });

  it('pages: limit and page slice the list, total counts every match', async () => {
    for (let i = 0; i < 4; i += 1) await registerAndLogin(t.http, { email: `pager${i}@page.test` });
    const second = await list({ query: 'page.test', limit: '3', page: '2' }).expect(200);
    expect(second.body).toMatchObject({ page: 2, limit: 3, total: 4 });
    expect(second.body.users.map((user: { email: string }) => user.email)).toEqual(['pager3@page.test']);
    const beyond = await list({ query: 'page.test', limit: '3', page: '3' }).expect(200);
    expect(beyond.body).toMatchObject({ users: [], total: 4 });
  });

  it('searches by any part of the email, case-insensitively', async () => {
    await registerAndLogin(t.http, { email: 'grace@hopper.test' });
    await registerAndLogin(t.http, { email: 'alan@turing.test' });
    const res = await list({ query: 'HOPPER' }).expect(200);
    expect(res.body.users.map((user: { email: string }) => user.email)).toEqual(['grace@hopper.test']);
    expect((await list({ query: 'a' }).expect(200)).body.total).toBe(3);
  });

  it('takes the query as plain text: regular-expression syntax matches only itself', async () => {
    await registerAndLogin(t.http, { email: 'a+b@plus.test' });
    await registerAndLogin(t.http, { email: 'aab@plus.test' });
    for (const pattern of ['.*', '^', '(', '[a-z]+', '\\', 'a{1000000}']) {
      expect((await list({ query: pattern }).expect(200)).body.total).toBe(0);
    }
    expect((await list({ query: 'a+b' }).expect(200)).body.users.map((user: { email: string }) => user.email)).toEqual(['a+b@plus.test']);
    expect((await list({ query: '.' }).expect(200)).body.total).toBe(3);
  });

  it('refuses bad paging and unknown parameters with 400 validation_failed', async () => {
    const bad: Record<string, string>[] = [{ limit: '0' }, { limit: '101' }, { page: '0' }, { query: 'x'.repeat(255) }, { sort: 'email' }];
    for (const query of bad) {
      expectProblem(await list(query), 400, 'validation_failed');
    }
    // routing-controllers refuses a non-number before validation runs, with its generic code.
    expectProblem(await list({ page: 'two' }), 400, 'bad_request');
  });

  it('answers 403 forbidden to a user without the admin role, 401 without a token', async () => {
    const user = await registerAndLogin(t.http);
    expectProblem(await list({}, user.accessToken), 403, 'forbidden');
    expectProblem(await adminAction(t, user, admin.id, 'disable'), 403, 'forbidden');
    expectProblem(await adminAction(t, user, admin.id, 'enable'), 403, 'forbidden');
    expectProblem(await t.http.get('/admin/users'), 401, 'token_missing');
    // The refusal changed nothing.
    expect((await list().expect(200)).body.users[0]).toMatchObject({ id: admin.id, status: 'active' });
  });

  it('loses admin rights at once when the role is revoked', async () => {
    await list().expect(200);
    await t.app.container.get(UsersRepository).setAdminRole(admin.email, false);
    expectProblem(await list(), 403, 'forbidden');
  });
});

describe('admin API: disabling and re-enabling accounts', () => {
  const t = useTestApp();
  let admin: LoggedIn;
  let user: LoggedIn;
  beforeEach(async () => {
    admin = await registerAdmin(t);
    user = await registerAndLogin(t.http);
  });

  const login = (password = user.password) => t.http.post('/auth/login').send({ email: user.email, password });
  const refresh = (refreshToken: string) => t.http.post('/auth/refresh').send({ refreshToken });
  const me = (token: string) => t.http.get('/users/me').set('Authorization', `Bearer ${token}`);

  it('disables: 200 with the account, then its login (right password), refresh and access token say account_disabled', async () => {
    const res = await adminAction(t, admin, user.id, 'disable').expect(200);
    expect(res.body).toEqual({
      id: user.id,
      email: user.email,
      displayName: user.displayName,
      roles: ['user'],
      status: 'disabled',
      createdAt: expect.any(String),
    });
    expectProblem(await login(), 403, 'account_disabled');
    expectProblem(await refresh(user.refreshToken), 401, 'account_disabled');
    expectProblem(await me(user.accessToken), 401, 'account_disabled');
    // The legacy paths share the rule.
    expectProblem(await t.http.post('/login').send({ email: user.email, password: user.password }), 403, 'account_disabled');
    expectProblem(await t.http.get('/custom').set('Authorization', `JWT ${user.accessToken}`), 401, 'account_disabled');
  });

  it('does not reveal the status to a wrong password: the same 401 invalid_credentials as for any account', async () => {
    const active = await login('not the password at all').expect(401);
    await adminAction(t, admin, user.id, 'disable').expect(200);
    const disabled = await login('not the password at all').expect(401);
    expectProblem(disabled, 401, 'invalid_credentials');
    expect(disabled.body).toEqual(active.body);
    const unknown = await t.http.post('/auth/login').send({ email: 'nobody@nowhere.test', password: 'not the password at all' });
    expect(unknown.body).toEqual(disabled.body);
  });

  it('re-enables: login works again, while the sessions and tokens ended by disabling stay ended', async () => {
    await adminAction(t, admin, user.id, 'disable').expect(200);
    const res = await adminAction(t, admin, user.id, 'enable').expect(200);
    expect(res.body).toMatchObject({ id: user.id, status: 'active' });
    const again = await login().expect(200);
    await me(again.body.accessToken).expect(200);
    expectProblem(await refresh(user.refreshToken), 401, 'refresh_invalid');
    expectProblem(await me(user.accessToken), 401, 'token_revoked');
  });

  it('is idempotent both ways', async () => {
    await adminAction(t, admin, user.id, 'disable').expect(200);
    expect((await adminAction(t, admin, user.id, 'disable').expect(200)).body.status).toBe('disabled');
    await adminAction(t, admin, user.id, 'enable').expect(200);
    expect((await adminAction(t, admin, user.id, 'enable').expect(200)).body.status).toBe('active');
  });

  it('refuses an admin disabling their own account with 403 cannot_disable_self', async () => {
    expectProblem(await adminAction(t, admin, admin.id, 'disable'), 403, 'cannot_disable_self');
    await me(admin.accessToken).expect(200);
  });

  it('lets an admin disable another admin, who then cannot act', async () => {
    const other = await registerAdmin(t);
    await adminAction(t, admin, other.id, 'disable').expect(200);
    expectProblem(await adminAction(t, other, admin.id, 'disable'), 401, 'account_disabled');
  });

  it('answers 400 to a malformed id and 404 user_not_found to an unknown one', async () => {
    expectProblem(await adminAction(t, admin, 'not-an-id', 'disable'), 400, 'validation_failed');
    expectProblem(await adminAction(t, admin, '{"$ne":null}', 'enable'), 400, 'validation_failed');
    expectProblem(await adminAction(t, admin, 'ffffffffffffffffffffffff', 'disable'), 404, 'user_not_found');
    expectProblem(await adminAction(t, admin, 'ffffffffffffffffffffffff', 'enable'), 404, 'user_not_found');
  });
});
