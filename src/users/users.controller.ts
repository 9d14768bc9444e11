import { Authorized, Body, CurrentUser, Get, HttpCode, JsonController, Patch, Post } from 'routing-controllers';
import { Service } from 'typedi';
import type { Principal } from '../auth/access-token';
import { Client, type ClientInfo } from '../common/http/client-info';
import { ChangePasswordDto } from './dto/change-password.dto';
import { CreateUserDto } from './dto/create-user.dto';
import { UpdateProfileDto } from './dto/update-profile.dto';
import { PasswordChangeService, type PasswordChanged } from './password-change.service';
import { toPublicUser, type PublicUser } from './user-record';
import { UsersService } from './users.service';

@Service()
@JsonController('/users')
export class UsersController {
  constructor(
    private readonly users: UsersService,
    private readonly passwords: PasswordChangeService,
  ) {}

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

  /** 200 with a new access token for the caller's session: the one it sent is revoked by the change. */
  @Post('/me/password')
  @Authorized()
  @HttpCode(200)
  changePassword(
    @CurrentUser({ required: true }) principal: Principal,
    @Body() input: ChangePasswordDto,
    @Client() client: ClientInfo,
  ): Promise<PasswordChanged> {
    return this.passwords.change(principal, input, client);
  }
}
