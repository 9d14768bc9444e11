import mongoose, { Types } from 'mongoose';
import { EmailClaimModel } from '../../src/users/email-claim.model';
import { STALE_CLAIM_AFTER_MS } from '../../src/users/email-claims.repository';
import { backfillEmailClaims, ensureEmailClaims } from '../../src/users/email-claims-backfill';
import { UserModel } from '../../src/users/user.model';
import { aUser } from '../fixtures/users';
import { expectProblem } from '../support/problem';
import { anAccountStoredDirectly } from '../fixtures/stored-accounts';
import { useTestApp } from '../support/suite';

/** Every query mongoose sends to the users and user_emails collections while `work` runs. */
async function accountQueries(work: () => Promise<unknown>): Promise<{ collection: string; method: string; filter: object }[]> {
  const seen: { collection: string; method: string; filter: object }[] = [];
  mongoose.set('debug', (collection: string, method: string, filter: unknown) => {
    if (['users', 'user_emails'].includes(collection) && method.startsWith('find'))
      seen.push({ collection, method, filter: filter as object });
  });
  try {
    await work();
  } finally {
    mongoose.set('debug', false);
  }
  return seen;
}

const longAgo = () => new Date(Date.now() - STALE_CLAIM_AFTER_MS - 1_000);

describe('email claims (user_emails): accounts found by primary key', () => {
  const t = useTestApp();

  async function register(email?: string) {
    const input = aUser(email === undefined ? {} : { email });
    const res = await t.http.post('/users').send(input).expect(201);
    return { ...input, id: res.body.id as string };
  }
  const login = (email: string, password: string) => t.http.post('/auth/login').send({ email, password });

  it('registers a claim keyed by the normal form of the email, pointing at the new account', async () => {
    const user = await register('\uff2a\uff4f\uff48\uff4e.claims@Example.TEST');
    const claims = await EmailClaimModel.find().lean();
    expect(claims).toEqual([{ _id: 'john.claims@example.test', userId: new Types.ObjectId(user.id), claimedAt: expect.any(Date) }]);
  });

  it('looks accounts up by _id only on login (known and unknown email) and registration', async () => {
    const user = await register();
    const queries = await accountQueries(async () => {
      expectProblem(await login(user.email, 'a wrong password here'), 401, 'invalid_credentials');
      expectProblem(await login('nobody@example.test', 'a wrong password here'), 401, 'invalid_credentials');
      await login(user.email, user.password).expect(200);
      await register();
    });
    expect(queries.length).toBeGreaterThanOrEqual(8);
    for (const query of queries) expect({ ...query, keys: Object.keys(query.filter) }).toEqual({ ...query, keys: ['_id'] });
  });

  it('never answers one email with the account of another, even when a claim points there', async () => {
    const victim = await register();
    await EmailClaimModel.create({ _id: 'attacker@example.test', userId: new Types.ObjectId(victim.id), claimedAt: new Date() });
    expectProblem(await login('attacker@example.test', victim.password), 401, 'invalid_credentials');
  });

  it('lets an account stored before claims log in once the backfill ran, and runs the backfill once', async () => {
    const registered = await register();
    const { passwordHash } = (await UserModel.findById(registered.id).lean())!;
    const id = await anAccountStoredDirectly('before.claims@example.test', passwordHash);
    expectProblem(await login('before.claims@example.test', registered.password), 401, 'invalid_credentials');

    expect(await ensureEmailClaims()).toEqual({ scanned: 2, claimed: 1, conflicts: [] });
    const res = await login('BEFORE.claims@example.test', registered.password).expect(200);
    expect(res.body.user.id).toBe(id);
    // The marker: later starts cost one read and change nothing.
    await anAccountStoredDirectly('after.marker@example.test', passwordHash);
    expect(await ensureEmailClaims()).toBeUndefined();
    expect(await EmailClaimModel.countDocuments()).toBe(2);
  });

  it('backfills safely from several instances at once', async () => {
    const { passwordHash } = (await UserModel.findById((await register()).id).lean())!;
    const ids = await Promise.all(Array.from({ length: 30 }, (_, i) => anAccountStoredDirectly(`many${i}@example.test`, passwordHash)));
    const reports = await Promise.all([backfillEmailClaims(), backfillEmailClaims(), backfillEmailClaims()]);
    expect(reports.map((report) => report.conflicts)).toEqual([[], [], []]);
    expect(await EmailClaimModel.countDocuments()).toBe(31);
    for (const [i, id] of ids.entries())
      expect((await EmailClaimModel.findById(`many${i}@example.test`).lean())?.userId.toHexString()).toBe(id);
  });

  it('registers an email whose stale claim points at an account that no longer exists', async () => {
    const input = aUser();
    await EmailClaimModel.create({ _id: input.email, userId: new Types.ObjectId(), claimedAt: longAgo() });
    const res = await t.http.post('/users').send(input).expect(201);
    expect((await EmailClaimModel.findById(input.email).lean())?.userId.toHexString()).toBe(res.body.id);
    await login(input.email, input.password).expect(200);
  });

  it('refuses an email whose fresh claim has no account yet (a registration in flight) with 409', async () => {
    const input = aUser();
    await EmailClaimModel.create({ _id: input.email, userId: new Types.ObjectId(), claimedAt: new Date() });
    expectProblem(await t.http.post('/users').send(input), 409, 'email_taken');
  });

  it('answers 409 for an email an account holds without a claim, and hands the claim to that account', async () => {
    const registered = await register();
    const { passwordHash } = (await UserModel.findById(registered.id).lean())!;
    const id = await anAccountStoredDirectly('unclaimed@example.test', passwordHash);
    expectProblem(await t.http.post('/users').send(aUser({ email: 'Unclaimed@example.test' })), 409, 'email_taken');
    expect((await EmailClaimModel.findById('unclaimed@example.test').lean())?.userId.toHexString()).toBe(id);
    expect((await login('unclaimed@example.test', registered.password).expect(200)).body.user.id).toBe(id);
  });
});
