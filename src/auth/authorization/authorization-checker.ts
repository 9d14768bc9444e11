import { Service } from 'typedi';
import { accountMayAct } from '../../users/account-status';
import type { Principal } from '../../users/principal';
import { UsersRepository } from '../../users/users.repository';
import { TokenError } from '../auth.errors';
import { JwtVerifier } from '../strategies/jwt.verifier';

/**
 * THE authorization checker. HTTP (KoaAuthorization) and WebSocket (the realtime handshake and
 * auth:refresh) both call verify(), which runs the JwtVerifier, so a token is accepted
 * or refused for the same reason on both transports. Transports extract and normalise the raw
 * token first (authorization-header.ts, token-normalisation.ts).
 */
@Service()
export class AuthorizationChecker {
  constructor(
    private readonly tokens: JwtVerifier,
    private readonly users: UsersRepository,
  ) {}

  /** Verifies a raw access token; throws a TokenError with token_missing/invalid/expired/revoked. */
  async verify(rawToken: string | undefined): Promise<Principal> {
    if (!rawToken) throw new TokenError('token_missing');
    return this.tokens.verify(rawToken);
  }

  /**
   * Whether the caller's account holds one of `roles` right now. Read from the database, never
   * from the account cache: a role revoked by another process (`npm run admin:revoke`) must end
   * its rights on the next request, and role-protected routes are rare enough to pay one read.
   */
  async hasAnyRole(principal: Principal, roles: readonly string[]): Promise<boolean> {
    const user = await this.users.findById(principal.user.id);
    return accountMayAct(user) && roles.some((role) => (user.roles as string[]).includes(role));
  }
}
