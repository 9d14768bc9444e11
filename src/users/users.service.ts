import { Service } from 'typedi';
import { NotFoundError } from '../common/errors/app-error';
import type { ClientInfo } from '../common/http/client-info';
import { AuthThrottle } from '../security/auth-throttle';
import { PasswordHasher } from '../security/password-hasher';
import { RevocationEvents } from '../security/revocation-events';
import type { CreateUserDto } from './dto/create-user.dto';
import type { UpdateProfileDto } from './dto/update-profile.dto';
import type { UserRecord } from './user-record';
import { DuplicateEmailError } from './users.errors';
import { EmailTakenError } from './users.errors';
import { UsersRepository } from './users.repository';

@Service()
export class UsersService {
  constructor(
    private readonly users: UsersRepository,
    private readonly hasher: PasswordHasher,
    private readonly throttle: AuthThrottle,
    private readonly events: RevocationEvents,
  ) {}

  async register(input: CreateUserDto, client: ClientInfo): Promise<UserRecord> {
    // Per IP, before any work: bulk account creation is the first step of most abuse.
    await this.throttle.consumeRegistration(client);
    // Checked first so a taken email costs no hashing; the unique index still decides races.
    if (await this.users.findByEmail(input.email)) throw new EmailTakenError();
    const passwordHash = await this.hasher.hash(input.password);
    try {
      return await this.users.create({ email: input.email, displayName: input.displayName, passwordHash });
    } catch (error) {
      if (error instanceof DuplicateEmailError) throw new EmailTakenError();
      throw error;
    }
  }

  /** One page (1-based) of accounts in creation order, optionally those whose email contains `query`. */
  async page(query: string | undefined, page: number, limit: number): Promise<{ users: UserRecord[]; total: number }> {
    return this.users.page(query, (page - 1) * limit, limit);
  }

  async updateProfile(id: string, input: UpdateProfileDto): Promise<UserRecord> {
    const user = await this.users.updateDisplayName(id, input.displayName);
    if (!user) throw new NotFoundError('user_not_found', 'This user does not exist.');
    await this.events.announce('accountChanged', id);
    return user;
  }
}
