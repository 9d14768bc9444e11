import { createHash } from 'node:crypto';
import jwt from 'jsonwebtoken';
import { SessionPurger } from '../../src/sessions/session-purger';
import { SessionModel } from '../../src/sessions/session.model';
import { SpentRefreshTokenModel } from '../../src/sessions/spent-refresh-token.model';
import { ManualClock } from '../support/clock';
import { getMe } from '../support/http';
import { expectProblem } from '../support/problem';
import { connectAs, waitForEvent } from '../support/sockets';
import { useLoggedInUser, useTestApp } from '../support/suite';

const GRACE_SECONDS = 5;

/**
 * Two tabs refreshing with the same refresh token at nearly the same time. Time is the app's
 * injected clock, moved by the test: each side of the boundary is hit to the millisecond.
 */
describe('security: multi-tab refresh grace (REFRESH_REUSE_GRACE_SECONDS)', () => {
  const clock = new ManualClock();
  const t = useTestApp({ env: { REFRESH_REUSE_GRACE_SECONDS: String(GRACE_SECONDS) }, clock, sockets: true });
  const user = useLoggedInUser(t);

  const refresh = (refreshToken: string) => t.http.post('/auth/refresh').send({ refreshToken });
  const sidOf = (accessToken: string) => (jwt.decode(accessToken) as { sid: string }).sid;

  it('gives two simultaneous refreshes the same new refresh token, and both tabs keep working', async () => {
    const [tabA, tabB] = await Promise.all([refresh(user.refreshToken), refresh(user.refreshToken)]);
    expect([tabA.status, tabB.status]).toEqual([200, 200]);
    expect(tabA.body.refreshToken).toBe(tabB.body.refreshToken);
    expect(sidOf(tabB.body.accessToken)).toBe(sidOf(tabA.body.accessToken));
    await getMe(t, tabA.body.accessToken).expect(200);
    await getMe(t, tabB.body.accessToken).expect(200);
    // The shared token is the session's one current token: it rotates on as usual.
    await refresh(tabB.body.refreshToken).expect(200);
  });

  it('four simultaneous refreshes: one spends the token and moves the session, all four get its successor', async () => {
    const tabs = await Promise.all([1, 2, 3, 4].map(() => refresh(user.refreshToken)));
    expect(tabs.map((tab) => tab.status)).toEqual([200, 200, 200, 200]);
    const successor = tabs[0]!.body.refreshToken as string;
    for (const tab of tabs) expect(tab.body.refreshToken).toBe(successor);
    expect(successor.startsWith(`${sidOf(user.accessToken)}.`)).toBe(true);
    expect(await SpentRefreshTokenModel.countDocuments()).toBe(1);
    const [session] = await SessionModel.find().lean();
    expect(session!.tokenHash).toBe(createHash('sha256').update(successor).digest('hex'));
    await refresh(successor).expect(200);
  });

  it('answers a second use 1 ms before the grace ends with the first use’s successor, revoking nothing', async () => {
    const tabA = await refresh(user.refreshToken).expect(200);
    clock.advance(GRACE_SECONDS * 1000 - 1);
    const tabB = await refresh(user.refreshToken).expect(200);
    expect(tabB.body.refreshToken).toBe(tabA.body.refreshToken);
    await getMe(t, user.accessToken).expect(200);
    await getMe(t, tabA.body.accessToken).expect(200);
  });

  it('treats a use exactly when the grace ends as theft: refresh_reused, family revoked, sockets disconnected', async () => {
    const socket = await connectAs(t.url, user.accessToken);
    const disconnected = waitForEvent<string>(socket, 'disconnect');
    const tabA = await refresh(user.refreshToken).expect(200);
    clock.advance(GRACE_SECONDS * 1000);
    expectProblem(await refresh(user.refreshToken), 401, 'refresh_reused');
    expect(await disconnected).toBe('io server disconnect');
    expectProblem(await refresh(tabA.body.refreshToken), 401, 'refresh_invalid');
    expectProblem(await getMe(t, tabA.body.accessToken), 401, 'token_revoked');
  });

  it('finds the current token when the other tab refreshed twice within the window', async () => {
    const first = await refresh(user.refreshToken).expect(200);
    clock.advance(1_000);
    const second = await refresh(first.body.refreshToken).expect(200);
    clock.advance(1_000);
    const late = await refresh(user.refreshToken).expect(200);
    expect(late.body.refreshToken).toBe(second.body.refreshToken);
  });

  it('gives no grace after logout', async () => {
    const tabA = await refresh(user.refreshToken).expect(200);
    await t.http.post('/auth/logout').send({ refreshToken: tabA.body.refreshToken }).expect(204);
    expectProblem(await refresh(user.refreshToken), 401, 'refresh_reused');
  });

  it('stores no usable token: the ledger keeps the hash and a sealed successor, which the purger drops after the window', async () => {
    const tabA = await refresh(user.refreshToken).expect(200);
    const [spent] = await SpentRefreshTokenModel.find().lean();
    const stored = JSON.stringify(spent);
    expect(stored).not.toContain(tabA.body.refreshToken);
    expect(stored).not.toContain(user.refreshToken);
    expect(spent!.successor).toEqual(expect.any(String));

    const purger = t.app.container.get(SessionPurger);
    await purger.purge(new Date(clock.now().getTime() + GRACE_SECONDS * 1000 - 1));
    expect((await SpentRefreshTokenModel.findById(spent!._id).lean())!.successor).toEqual(expect.any(String));
    await purger.purge(new Date(clock.now().getTime() + GRACE_SECONDS * 1000 + 1));
    expect((await SpentRefreshTokenModel.findById(spent!._id).lean())!.successor).toBeUndefined();
    // Without its successor, even a replay inside the window is no longer answered with a token.
    expectProblem(await refresh(user.refreshToken), 401, 'refresh_reused');
  });
});

describe('security: multi-tab refresh grace disabled (REFRESH_REUSE_GRACE_SECONDS=0)', () => {
  const t = useTestApp({ env: { REFRESH_REUSE_GRACE_SECONDS: '0' } });
  const user = useLoggedInUser(t);

  it('lets exactly one of two simultaneous refreshes win and revokes the family', async () => {
    const results = await Promise.all([1, 2].map(() => t.http.post('/auth/refresh').send({ refreshToken: user.refreshToken })));
    expect(results.map((res) => res.status).sort()).toEqual([200, 401]);
    const winner = results.find((res) => res.status === 200)!;
    expectProblem(await getMe(t, winner.body.accessToken), 401, 'token_revoked');
  });
});
