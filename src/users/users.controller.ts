import { Authorized, Body, CurrentUser, Get, HttpCode, JsonController, Patch, Post } from 'routing-controllers';
import { Service } from 'typedi';
import { Client, type ClientInfo } from '../common/http/client-info';
import { CreateUserDto } from './dto/create-user.dto';
import { UpdateProfileDto } from './dto/update-profile.dto';
import type { Principal } from './principal';
import { toPublicUser, type PublicUser } from './user-record';
import { UsersService } from './users.service';

@Service()
@JsonController('/users')
export class UsersController {
  constructor(private readonly users: UsersService) {}

  @Post()
  @HttpCode(201)
  async register(@Body() input: CreateUserDto, @Client() client: ClientInfo): Promise<PublicUser> {
    return toPublicUser(await this.users.register(input, client));
  }

  @Get('/me')
  @Authorized()
  me(@CurrentUser({ required: true }) principal: Principal): PublicUser {
    return toPublicUser(principal.user);
  }

  @Patch('/me')
  @Authorized()
  async updateMe(@CurrentUser({ required: true }) principal: Principal, @Body() input: UpdateProfileDto): Promise<PublicUser> {
    return toPublicUser(await this.users.updateProfile(principal.user.id, input));
  }
}
