import { SessionPurger } from '../../src/sessions/session-purger';
import { SessionModel } from '../../src/sessions/session.model';
import { SpentRefreshTokenModel } from '../../src/sessions/spent-refresh-token.model';
import { registerAndLogin } from '../fixtures/users';
import { useTestApp } from '../support/suite';

/** Expiry without TTL indexes: the purger deletes what the application already refuses. */
describe('security: purging expired sessions and spent tokens', () => {
  const t = useTestApp();

  it('deletes expired sessions and spent tokens, and keeps live ones', async () => {
    const expired = await registerAndLogin(t.http);
    const live = await registerAndLogin(t.http);
    await t.http.post('/auth/refresh').send({ refreshToken: expired.refreshToken }).expect(200);
    await t.http.post('/auth/refresh').send({ refreshToken: live.refreshToken }).expect(200);
    const past = new Date(Date.now() - 1000);
    await SessionModel.updateMany({ userId: expired.id }, { $set: { idleExpiresAt: past } });
    await SpentRefreshTokenModel.updateMany({ userId: expired.id }, { $set: { expiresAt: past } });

    const purged = await t.app.container.get(SessionPurger).purge();

    expect(purged).toEqual({ sessions: 1, spentTokens: 1 });
    expect(await SessionModel.countDocuments({ userId: live.id })).toBe(1);
    expect(await SpentRefreshTokenModel.countDocuments({ userId: live.id })).toBe(1);
    expect(await SessionModel.countDocuments({ userId: expired.id })).toBe(0);
  });
});
