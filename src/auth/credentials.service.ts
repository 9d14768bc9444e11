import { Service } from 'typedi';
import { UsersRepository } from '../users/user.repository';
import type { UserRecord } from '../users/user-record';
import { PasswordHasher } from './password-hasher';

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
    if (this.hasher.needsRehash(user.passwordHash)) {
      // The configured cost went up since this hash was made; upgrade it while we hold the password.
      const passwordHash = await this.hasher.hash(password);
      await this.users.updatePasswordHash(user.id, passwordHash);
      return { ...user, passwordHash };
    }
    return user;
  }
}
