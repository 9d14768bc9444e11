import { Authorized, Body, ContentType, Controller, CurrentUser, Get, HttpCode, Post } from 'routing-controllers';
import { OpenAPI, ResponseSchema } from 'routing-controllers-openapi';
import { Service } from 'typedi';
import { AuthService, type LoginResult } from '../auth/auth.service';
import { LoginDto } from '../auth/dto/login.dto';
import { LegacyLoginResultDto } from '../auth/dto/token-pair.dto';
import { ApiRoute } from '../common/openapi/api-route.decorator';
import { Client, type ClientInfo } from '../common/http/client-info';
import { CreateUserDto } from '../users/dto/create-user.dto';
import { PublicUserDto } from '../users/dto/public-user.dto';
import type { Principal } from '../users/principal';
import { toPublicUser, type PublicUser } from '../users/user-record';
import { UsersService } from '../users/users.service';

/**
 * The paths of the article this service grew from, kept so its clients keep working. Each one
 * is a thin alias over the modern endpoint and shares its validation, errors and token rules.
 */
@Service()
@Controller()
export class LegacyController {
  constructor(
    private readonly users: UsersService,
    private readonly auth: AuthService,
  ) {}

  /** Same as POST /users. */
  @Post('/user')
  @HttpCode(201)
  @ContentType('application/json')
  @ApiRoute({ summary: 'Same as POST /users', errors: { 409: ['email_taken'], 429: ['rate_limited'], 503: ['db_unavailable'] } })
  @ResponseSchema(PublicUserDto)
  async register(@Body() input: CreateUserDto, @Client() client: ClientInfo): Promise<PublicUser> {
    return toPublicUser(await this.users.register(input, client));
  }

  /** Same as POST /auth/login, plus `token: "JWT <jwt>"`, the form the article's clients read. */
  @Post('/login')
  @HttpCode(200)
  @ContentType('application/json')
  @ApiRoute({
    summary: 'Same as POST /auth/login, plus the token as "JWT <token>"',
    errors: { 401: ['invalid_credentials'], 403: ['account_disabled'], 429: ['login_throttled'], 503: ['db_unavailable'] },
  })
  @ResponseSchema(LegacyLoginResultDto)
  async login(@Body() credentials: LoginDto, @Client() client: ClientInfo): Promise<LoginResult & { token: string }> {
    const result = await this.auth.login(credentials, client);
    return { ...result, token: `JWT ${result.accessToken}` };
  }

  @Get('/custom')
  @Authorized()
  @ContentType('text/plain; charset=utf-8')
  @ApiRoute({ summary: "The article's greeting for a logged-in user" })
  @OpenAPI({
    responses: {
      200: {
        description: 'hello <displayName>',
        content: { 'text/plain': { schema: { type: 'string', pattern: '^hello ' } } },
      },
    },
  })
  greet(@CurrentUser({ required: true }) principal: Principal): string {
    return `hello ${principal.user.displayName}`;
  }
}
