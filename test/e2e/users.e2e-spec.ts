import { EmailClaimModel } from '../../src/users/email-claim.model';
import { UserModel } from '../../src/users/user.model';
import { aUser, registerAndLogin } from '../fixtures/users';
import { expectNoInternals, expectProblem } from '../support/problem';
import { useTestApp } from '../support/suite';

describe('POST /users and GET /users/me', () => {
  const t = useTestApp();

  describe('registration', () => {
    it('returns 201 with exactly the public profile', async () => {
      const input = aUser();
      const res = await t.http.post('/users').send(input).expect(201);
      expect(res.headers['content-type']).toMatch(/^application\/json/);
      expect(res.body).toEqual({
        id: expect.stringMatching(/^[a-f0-9]{24}$/),
        email: input.email,
        displayName: input.displayName,
        roles: ['user'],
        createdAt: expect.any(String),
      });
      expect(new Date(res.body.createdAt as string).toISOString()).toBe(res.body.createdAt);
      expectNoInternals(res);
    });

    it('returns the email trimmed and in lower case', async () => {
      const res = await t.http
        .post('/users')
        .send(aUser({ email: '  Mixed.Case@Example.TEST ' }))
        .expect(201);
      expect(res.body.email).toBe('mixed.case@example.test');
    });

    it('stores an argon2id hash, never the password itself', async () => {
      const input = aUser();
      const res = await t.http.post('/users').send(input).expect(201);
      const stored = await UserModel.findById(res.body.id).lean();
      expect(stored?.passwordHash).toMatch(/^\$argon2id\$/);
      expect(JSON.stringify(stored)).not.toContain(input.password);
    });

    it('trims the display name', async () => {
      const res = await t.http
        .post('/users')
        .send(aUser({ displayName: '  Ada  ' }))
        .expect(201);
      expect(res.body.displayName).toBe('Ada');
    });

    it('measures the display name after trimming: 64 characters inside spaces are accepted', async () => {
      const res = await t.http
        .post('/users')
        .send(aUser({ displayName: `  ${'D'.repeat(64)}  ` }))
        .expect(201);
      expect(res.body.displayName).toBe('D'.repeat(64));
    });

    it('accepts the boundary lengths: displayName 1 and 64, password 8 and 128', async () => {
      await t.http
        .post('/users')
        .send(aUser({ displayName: 'A', password: 'p'.repeat(8) }))
        .expect(201);
      await t.http
        .post('/users')
        .send(aUser({ displayName: 'D'.repeat(64), password: 'p'.repeat(128) }))
        .expect(201);
    });

    it.each([
      ['a blank display name', { displayName: '   ' }, 'displayName'],
      ['an empty display name', { displayName: '' }, 'displayName'],
      ['a 65-character display name', { displayName: 'D'.repeat(65) }, 'displayName'],
      ['a 7-character password', { password: 'p'.repeat(7) }, 'password'],
      ['a 129-character password', { password: 'p'.repeat(129) }, 'password'],
      ['an invalid email', { email: 'not-an-email' }, 'email'],
    ])('returns 400 validation_failed for %s', async (_label, override, field) => {
      const res = await t.http.post('/users').send(aUser(override));
      expectProblem(res, 400, 'validation_failed');
      expect(res.body.errors).toEqual([{ field, messages: expect.arrayContaining([expect.any(String)]) }]);
    });

    it('lists every invalid field without echoing the rejected values', async () => {
      const rejected = { email: 'leaky-value-email', password: 'leaky', displayName: '' };
      const res = await t.http.post('/users').send(rejected);
      expectProblem(res, 400, 'validation_failed');
      const fields = (res.body.errors as { field: string }[]).map((error) => error.field).sort();
      expect(fields).toEqual(['displayName', 'email', 'password']);
      expect(res.text).not.toContain('leaky');
      for (const error of res.body.errors as object[]) expect(Object.keys(error).sort()).toEqual(['field', 'messages']);
    });

    it('reports missing fields', async () => {
      const res = await t.http.post('/users').send({});
      expectProblem(res, 400, 'validation_failed');
      const fields = (res.body.errors as { field: string }[]).map((error) => error.field).sort();
      expect(fields).toEqual(['displayName', 'email', 'password']);
    });

    it.each([
      ['roles', { roles: ['admin'] }],
      ['tokenVersion', { tokenVersion: 99 }],
      ['isAdmin', { isAdmin: true }],
      ['passwordHash', { passwordHash: '$argon2id$v=19$m=19456,t=2,p=1$AAAA$AAAA' }],
    ])('refuses the unknown field %s with 400 and creates no user', async (field, extra) => {
      const res = await t.http.post('/users').send({ ...aUser(), ...extra });
      expectProblem(res, 400, 'validation_failed');
      expect(res.body.errors).toEqual([{ field, messages: expect.any(Array) }]);
      expect(await UserModel.countDocuments()).toBe(0);
    });
  });

  describe('duplicate emails', () => {
    it.each([
      ['the same email', (email: string) => email],
      ['an upper-case variant', (email: string) => email.toUpperCase()],
      ['a variant with surrounding spaces', (email: string) => `  ${email}\t`],
    ])('returns 409 email_taken for %s', async (_label, variant) => {
      const input = aUser();
      await t.http.post('/users').send(input).expect(201);
      const res = await t.http.post('/users').send(aUser({ email: variant(input.email) }));
      expectProblem(res, 409, 'email_taken');
      expect(await UserModel.countDocuments()).toBe(1);
    });
  });

  it('lets exactly one of several concurrent registrations of one email through (the email claim decides)', async () => {
    const input = aUser();
    // The fullwidth form of the same address (NFKC folds it): one mailbox, one account.
    const fullwidth = input.email.replace(/[a-z0-9]/g, (c) => String.fromCodePoint(c.codePointAt(0)! + 0xfee0));
    const variants = [input.email, input.email.toUpperCase(), ` ${input.email} `, fullwidth, input.email, input.email];
    const responses = await Promise.all(variants.map((email) => t.http.post('/users').send({ ...input, email })));
    expect(responses.map((res) => res.status).sort()).toEqual([201, 409, 409, 409, 409, 409]);
    for (const res of responses.filter((r) => r.status === 409)) expectProblem(res, 409, 'email_taken');
    expect(await UserModel.countDocuments()).toBe(1);
    const winner = responses.find((res) => res.status === 201)!.body.id as string;
    expect((await EmailClaimModel.find().lean()).map((claim) => [claim._id, claim.userId.toHexString()])).toEqual([[input.email, winner]]);
    const login = await t.http.post('/auth/login').send({ email: fullwidth, password: input.password }).expect(200);
    expect(login.body.user.id).toBe(winner);
  });

  describe('GET /users/me', () => {
    it("returns 200 with the caller's public profile", async () => {
      const other = await registerAndLogin(t.http);
      const me = await registerAndLogin(t.http);
      const res = await t.http.get('/users/me').set('Authorization', `Bearer ${me.accessToken}`).expect(200);
      expect(res.body).toEqual({ id: me.id, email: me.email, displayName: me.displayName, roles: ['user'], createdAt: expect.any(String) });
      expect(res.body.id).not.toBe(other.id);
      expectNoInternals(res);
    });

    it('returns 401 token_missing without a token', async () => {
      expectProblem(await t.http.get('/users/me'), 401, 'token_missing');
    });
  });
});
