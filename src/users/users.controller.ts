import { Authorized, Body, CurrentUser, Get, HttpCode, JsonController, Post } from 'routing-controllers';
import { Service } from 'typedi';
import type { Principal } from '../auth/access-token';
import { CreateUserDto } from './dto/create-user.dto';
import { toPublicUser, type PublicUser } from './user-record';
import { UsersService } from './users.service';

@Service()
@JsonController('/users')
export class UsersController {
  constructor(private readonly users: UsersService) {}

  @Post()
  @HttpCode(201)
  async register(@Body() input: CreateUserDto): Promise<PublicUser> {
    return toPublicUser(await this.users.register(input));
  }

  @Get('/me')
  @Authorized()
  me(@CurrentUser({ required: true }) principal: Principal): PublicUser {
    return toPublicUser(principal.user);
  }
}
