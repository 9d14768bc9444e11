import { Service } from 'typedi';
import { InvalidCredentialsError } from '../common/errors/auth-errors';
import { toPublicUser, type PublicUser } from '../users/user-record';
import type { UserRecord } from '../users/user-record';
import type { LoginDto } from './dto/login.dto';
import { PassportService } from './passport.service';
import { TokenService } from './token.service';

export interface LoginResult {
  accessToken: string;
  tokenType: 'Bearer';
  expiresIn: number;
  user: PublicUser;
}

@Service()
export class AuthService {
  constructor(
    private readonly passport: PassportService,
    private readonly tokens: TokenService,
  ) {}

  /** Checks the credentials with passport-local and issues an access token. */
  async login(credentials: LoginDto): Promise<LoginResult> {
    const { result: user } = await this.passport.authenticate<UserRecord>('local', { body: credentials });
    if (!user) throw new InvalidCredentialsError();
    const { accessToken, expiresIn } = this.tokens.issueAccessToken(user);
    return { accessToken, tokenType: 'Bearer', expiresIn, user: toPublicUser(user) };
  }
}
