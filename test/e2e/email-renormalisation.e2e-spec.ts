import { EmailClaimModel } from '../../src/users/email-claim.model';
import { UserModel } from '../../src/users/user.model';
import { renormaliseStoredEmails } from '../../src/users/email-renormalisation';
import { aUser } from '../fixtures/users';
import { anAccountStoredDirectly } from '../fixtures/stored-accounts';
import { useTestApp } from '../support/suite';

describe('migration: re-normalising stored emails', () => {
  const t = useTestApp();

  it('makes an account stored in a legacy form reachable again, and is idempotent', async () => {
    // A real hash of a known password, made by the app itself.
    const input = aUser();
    const registered = await t.http.post('/users').send(input).expect(201);
    const { passwordHash } = (await UserModel.findById(registered.body.id).lean())!;
    const legacyId = await anAccountStoredDirectly('jose\u0301@ex\u00e4mple.com', passwordHash);

    const login = () => t.http.post('/auth/login').send({ email: 'jos\u00e9@ex\u00e4mple.com', password: input.password });
    expect((await login()).status).toBe(401);

    const report = await renormaliseStoredEmails();
    expect(report).toEqual({ scanned: 2, updated: 1, collisions: [], displayNamesToReview: [] });
    expect((await UserModel.findById(legacyId).lean())?.email).toBe('jos\u00e9@xn--exmple-cua.com');
    // The claim moved with the email: the new form points at the account, the old form is gone.
    expect((await EmailClaimModel.findById('jos\u00e9@xn--exmple-cua.com').lean())?.userId.toHexString()).toBe(legacyId);
    expect(await EmailClaimModel.countDocuments()).toBe(2);
    const res = await login();
    expect(res.status).toBe(200);
    expect(res.body.user.id).toBe(legacyId);

    expect(await renormaliseStoredEmails()).toEqual({ scanned: 2, updated: 0, collisions: [], displayNamesToReview: [] });
  });

  it('moves an existing claim from the legacy form to the normal form', async () => {
    const legacyId = await anAccountStoredDirectly('jose\u0301@example.test', 'hash-a');
    await EmailClaimModel.create({ _id: 'jose\u0301@example.test', userId: legacyId, claimedAt: new Date() });
    expect((await renormaliseStoredEmails()).updated).toBe(1);
    expect((await EmailClaimModel.find().lean()).map((claim) => [claim._id, claim.userId.toHexString()])).toEqual([
      ['jos\u00e9@example.test', legacyId],
    ]);
  });

  it('reports two accounts of one mailbox without merging or changing either, and lists names to review', async () => {
    const kept = await anAccountStoredDirectly('jos\u00e9@example.test', 'hash-a');
    const duplicate = await anAccountStoredDirectly('jose\u0301@example.test', 'hash-b', 'evil\u202ename');
    const report = await renormaliseStoredEmails();
    expect(report.collisions).toEqual([{ id: duplicate, conflictsWith: kept }]);
    expect(report.displayNamesToReview).toEqual([duplicate]);
    expect(report.updated).toBe(0);
    expect((await UserModel.findById(duplicate).lean())?.email).toBe('jose\u0301@example.test');
    expect(await UserModel.countDocuments()).toBe(2);
  });
});
