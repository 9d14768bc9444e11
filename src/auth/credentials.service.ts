import { Service } from 'typedi';
import { PasswordHasher } from '../security/password-hasher';
import { accountStanding } from '../users/account-status';
import type { UserRecord } from '../users/user-record';
import { AccountDisabledError } from '../users/users.errors';
import { UsersRepository } from '../users/users.repository';

/**
 * Checks an email/password pair, spending the same work whether or not the account exists.
 * Throws AccountDisabledError when the password is right but the account may not act.
 */
@Service()
export class CredentialsService {
  constructor(
    private readonly users: UsersRepository,
    private readonly hasher: PasswordHasher,
  ) {}

  async validate(email: string, password: string): Promise<UserRecord | undefined> {
    const user = await this.users.findByEmail(email);
    if (!user) {
      await this.hasher.verifyAgainstDummy(password);
      return undefined;
    }
    if (!(await this.hasher.verify(user.passwordHash, password))) return undefined;
    // Asked only after the password: a guesser gets invalid_credentials whatever the status, and
    // only the password's holder learns that the account is disabled.
    const standing = accountStanding(user);
    if (!standing.mayAct) throw new AccountDisabledError();
    if (this.hasher.needsRehash(user.passwordHash)) {
      // The configured cost went up since this hash was made; upgrade it while we hold the password.
      const passwordHash = await this.hasher.hash(password);
      await this.users.updatePasswordHash(user.id, passwordHash);
      return { ...user, passwordHash };
    }
    return user;
  }
}
