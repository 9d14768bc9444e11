import type { Context } from 'koa';
import type { Action } from 'routing-controllers';
import { TokenError } from '../../../src/auth/auth.errors';
import { tokenFromHeader } from '../../../src/auth/authorization/authorization-header';
import { AuthorizationChecker } from '../../../src/auth/authorization/authorization-checker';
import { KoaAuthorization } from '../../../src/auth/authorization/koa-authorization';
import type { JwtVerifier } from '../../../src/auth/strategies/jwt.verifier';
import type { Principal } from '../../../src/users/principal';
import { fakeUsersRepository } from '../../fixtures/fakes';

const principal = (roles: string[]): Principal => ({
  user: {
    id: 'u1',
    email: 'a@b.test',
    displayName: 'A',
    passwordHash: 'x',
    roles: roles as Principal['user']['roles'],
    status: 'active',
    tokenVersion: 0,
    createdAt: new Date(),
    updatedAt: new Date(),
  },
  token: { id: 'jti', expiresAt: new Date(Date.now() + 60_000), sessionId: 's1' },
});

/** What the fake verifier answers: a principal, or the TokenError it throws. */
type Outcome = { result: Principal; reason?: never } | { result?: never; reason: TokenError };

function checkerSaying(
  outcome: Outcome,
  stored = outcome.result ? [outcome.result.user] : [],
): { checker: AuthorizationChecker; koa: KoaAuthorization; requests: string[] } {
  const requests: string[] = [];
  const verifier = {
    verify: async (rawToken: string) => {
      requests.push(rawToken);
      if (outcome.result) return outcome.result;
      throw outcome.reason;
    },
  } as unknown as JwtVerifier;
  const checker = new AuthorizationChecker(verifier, fakeUsersRepository(stored).asRepository);
  return { checker, koa: new KoaAuthorization(checker), requests };
}

function actionWithHeader(authorization?: string): Action {
  const headers: Record<string, string> = authorization ? { authorization } : {};
  const req = { headersDistinct: authorization ? { authorization: [authorization] } : {} };
  const context = { state: {}, req, get: (name: string) => headers[name.toLowerCase()] ?? '' } as unknown as Context;
  return { request: {}, response: {}, context };
}

describe('AuthorizationChecker', () => {
  it('refuses a missing token without asking the verifier', async () => {
    const { checker, requests } = checkerSaying({ result: principal(['user']) });
    await expect(checker.verify(undefined)).rejects.toMatchObject({ code: 'token_missing' });
    expect(requests).toHaveLength(0);
  });

  it('hands the raw token to the JWT verifier and returns its principal', async () => {
    const expected = principal(['user']);
    const { checker, requests } = checkerSaying({ result: expected });
    await expect(checker.verify('a.b.c')).resolves.toBe(expected);
    expect(requests).toEqual(['a.b.c']);
  });

  it("passes the verifier's refusal on as it is", async () => {
    const { checker } = checkerSaying({ reason: new TokenError('token_revoked') });
    await expect(checker.verify('a.b.c')).rejects.toMatchObject({ status: 401, code: 'token_revoked' });
  });

  it("accepts the Bearer and the article's JWT schemes and refuses others as invalid", () => {
    expect(tokenFromHeader('Bearer a.b.c')).toBe('a.b.c');
    expect(tokenFromHeader('JWT a.b.c')).toBe('a.b.c');
    expect(tokenFromHeader(undefined)).toBeUndefined();
    expect(() => tokenFromHeader('Basic dXNlcjpwYXNz')).toThrow(TokenError);
  });

  it('lets @Authorized() through for any user and @Authorized("admin") only for admins', async () => {
    const { koa: userChecker } = checkerSaying({ result: principal(['user']) });
    await expect(userChecker.checkAction(actionWithHeader('Bearer a.b.c'), [])).resolves.toBe(true);
    await expect(userChecker.checkAction(actionWithHeader('Bearer a.b.c'), ['admin'])).resolves.toBe(false);
    const { koa: adminChecker } = checkerSaying({ result: principal(['user', 'admin']) });
    await expect(adminChecker.checkAction(actionWithHeader('Bearer a.b.c'), ['admin'])).resolves.toBe(true);
  });

  it('decides @Authorized("admin") by the stored roles, not the (possibly cached) principal', async () => {
    const claimsAdmin = principal(['user', 'admin']);
    const { koa } = checkerSaying({ result: claimsAdmin }, [{ ...claimsAdmin.user, roles: ['user'] }]);
    await expect(koa.checkAction(actionWithHeader('Bearer a.b.c'), ['admin'])).resolves.toBe(false);
  });

  it('authenticates a request once and reuses the principal for @CurrentUser', async () => {
    const { koa, requests } = checkerSaying({ result: principal(['user']) });
    const action = actionWithHeader('Bearer a.b.c');
    await koa.checkAction(action, []);
    await koa.currentPrincipal(action);
    expect(requests).toHaveLength(1);
  });
});
