import jwt, { type JwtPayload } from 'jsonwebtoken';
import { registerAndLogin, type LoggedIn } from '../fixtures/users';
import { expectProblem } from '../support/problem';
import { useTestApp } from '../support/suite';
import { forgeToken, nowInSeconds } from '../support/tokens';

// Its own app: JWT_ACCESS_TTL and JWT_CLOCK_SKEW are read once, at boot.
describe('access-token lifetime and clock skew follow the configuration', () => {
  const t = useTestApp({ env: { JWT_ACCESS_TTL: '60', JWT_CLOCK_SKEW: '0' }, wipe: false });
  let user: LoggedIn;
  beforeAll(async () => (user = await registerAndLogin(t.http)));

  it('issues tokens that live JWT_ACCESS_TTL seconds, and says so in expiresIn', async () => {
    const login = await t.http.post('/auth/login').send({ email: user.email, password: user.password }).expect(200);
    expect(login.body.expiresIn).toBe(60);
    const claims = jwt.decode(login.body.accessToken as string) as JwtPayload;
    expect(claims.exp! - claims.iat!).toBe(60);
  });

  it('refuses a token that expired 5 s ago when JWT_CLOCK_SKEW is 0', async () => {
    const expired = forgeToken(t.config, user, { iat: nowInSeconds() - 65 }, { expiresIn: 60 });
    expectProblem(await t.http.get('/users/me').set('Authorization', `Bearer ${expired}`), 401, 'token_expired');
  });
});
