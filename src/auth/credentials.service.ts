import { Service } from 'typedi';
import { PasswordHasher } from '../security/password-hasher';
import { accountMayAct } from '../users/account-status';
import type { UserRecord } from '../users/user-record';
import { UsersRepository } from '../users/users.repository';

/** Checks an email/password pair, spending the same work whether or not the account exists. */
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
    // Asked after the password, so a refused account answers exactly like a wrong password.
    if (!accountMayAct(user)) return undefined;
    if (this.hasher.needsRehash(user.passwordHash)) {
      // The configured cost went up since this hash was made; upgrade it while we hold the password.
      const passwordHash = await this.hasher.hash(password);
      await this.users.updatePasswordHash(user.id, passwordHash);
      return { ...user, passwordHash };
    }
    return user;
  }
}
