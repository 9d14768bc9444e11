import { Service } from 'typedi';
import { EmailTakenError } from '../common/errors/auth-errors';
import { NotFoundError } from '../common/errors/app-error';
import { PasswordHasher } from '../auth/password-hasher';
import type { CreateUserDto } from './dto/create-user.dto';
import { DuplicateEmailError, UsersRepository } from './user.repository';
import type { UserRecord } from './user-record';

@Service()
export class UsersService {
  constructor(
    private readonly users: UsersRepository,
    private readonly hasher: PasswordHasher,
  ) {}

  async register(input: CreateUserDto): Promise<UserRecord> {
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

  async getById(id: string): Promise<UserRecord> {
    const user = await this.users.findById(id);
    if (!user) throw new NotFoundError('user_not_found', 'This user does not exist.');
    return user;
  }
}
