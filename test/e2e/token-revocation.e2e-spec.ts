import { RevocationEvents } from '../../src/security/revocation-events';
import { UserModel } from '../../src/users/user.model';
import { expectRefused, getMe } from '../support/http';
import { expectProblem } from '../support/problem';
import { useLoggedInUser, useTestApp } from '../support/suite';
import { forgeToken, signExactClaims, wellFormedClaims } from '../support/tokens';

describe('access tokens: who they belong to, what they are, how they are sent', () => {
  const t = useTestApp();
  const user = useLoggedInUser(t);

  describe('revocation', () => {
    it('returns 401 token_revoked once the user is deleted', async () => {
      await getMe(t, user.accessToken).expect(200);
      await UserModel.deleteOne({ _id: user.id });
      // Deleted behind the app's back: announced as any deleting path would, for the account cache.
      t.app.container.get(RevocationEvents).emit('accountChanged', user.id);
      await expectRefused(t, user.accessToken, 'token_revoked');
    });

    it("returns 401 token_revoked once the user's tokenVersion moved past the token's ver", async () => {
      await UserModel.updateOne({ _id: user.id }, { $inc: { tokenVersion: 1 } });
      await expectRefused(t, user.accessToken, 'token_revoked');
      // The version is what is checked: a token carrying the new version still works.
      await getMe(t, forgeToken(t.config, user, { ver: 1 })).expect(200);
    });

    it('returns 401 token_revoked for a token carrying a version the user never had', async () => {
      await expectRefused(t, forgeToken(t.config, user, { ver: 7 }), 'token_revoked');
    });
  });

  describe('what the token claims to be', () => {
    it('returns 401 token_invalid for a token without token_use', async () => {
      await expectRefused(t, forgeToken(t.config, user, { token_use: undefined }), 'token_invalid');
    });

    it('returns 401 token_invalid for a token with another token_use (a refresh token)', async () => {
      await expectRefused(t, forgeToken(t.config, user, { token_use: 'refresh' }), 'token_invalid');
    });

    it('returns 401 token_invalid for a token without ver', async () => {
      await expectRefused(t, forgeToken(t.config, user, { ver: undefined }), 'token_invalid');
    });

    it('returns 401 token_invalid for a token that never expires (no exp)', async () => {
      const { exp: _exp, ...claims } = wellFormedClaims(t.config, user);
      await expectRefused(t, signExactClaims(claims, t.config.jwt.secret), 'token_invalid');
    });

    it('returns 401 token_invalid for a validly signed token without a session id (sid)', async () => {
      const { sid: _sid, ...claims } = wellFormedClaims(t.config, user);
      await getMe(t, signExactClaims(wellFormedClaims(t.config, user), t.config.jwt.secret)).expect(200);
      await expectRefused(t, signExactClaims(claims, t.config.jwt.secret), 'token_invalid');
    });

    it('returns 401 token_invalid for a token without jti', async () => {
      const { jti: _jti, ...claims } = wellFormedClaims(t.config, user);
      await expectRefused(t, signExactClaims(claims, t.config.jwt.secret), 'token_invalid');
    });

    it.each([
      ['a word', 'not-an-object-id'],
      ['a 12-character string', 'abcdefghijkl'],
      ['an empty string', ''],
    ])('refuses a sub that is not an ObjectId (%s) with 401, not 500', async (_label, sub) => {
      const res = await getMe(t, signExactClaims({ ...wellFormedClaims(t.config, user), sub }, t.config.jwt.secret));
      expect(res.status).toBe(401);
      expect(['token_revoked', 'token_invalid']).toContain(res.body.code);
      expectProblem(res, 401, res.body.code as string);
    });

    it.each([
      ['a number', 42],
      ['an object', { $ne: null }],
    ])('returns 401 token_invalid for a sub that is %s', async (_label, sub) => {
      await expectRefused(t, signExactClaims({ ...wellFormedClaims(t.config, user), sub }, t.config.jwt.secret), 'token_invalid');
    });
  });

  describe('the Authorization header', () => {
    it.each([
      ['Bearer', 'Bearer'],
      ['JWT', 'JWT'],
      ['lower-case bearer', 'bearer'],
    ])('accepts the %s scheme', async (_label, scheme) => {
      await t.http.get('/users/me').set('Authorization', `${scheme} ${user.accessToken}`).expect(200);
    });

    it.each([
      ['Basic credentials', () => `Basic ${Buffer.from(`${user.email}:${user.password}`).toString('base64')}`],
      ['a Basic scheme around a valid token', () => `Basic ${user.accessToken}`],
      ['a bare token without a scheme', () => user.accessToken],
      ['two tokens', () => `Bearer ${user.accessToken} ${user.accessToken}`],
    ])('returns 401 token_invalid for %s', async (_label, header) => {
      const res = await t.http.get('/users/me').set('Authorization', header());
      expectProblem(res, 401, 'token_invalid');
    });

    // Same as an empty auth.token on a socket: nothing was presented.
    it.each(['Bearer', 'Bearer   ', 'JWT '])('returns 401 token_missing for the scheme %p without a token', async (header) => {
      const res = await t.http.get('/users/me').set('Authorization', header);
      expectProblem(res, 401, 'token_missing');
    });
  });
});
