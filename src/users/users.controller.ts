import { Authorized, Body, CurrentUser, Get, HttpCode, JsonController, Patch, Post } from 'routing-controllers';
import { ResponseSchema } from 'routing-controllers-openapi';
import { Service } from 'typedi';
import { ApiRoute } from '../common/openapi/api-route.decorator';
import { Client, type ClientInfo } from '../common/http/client-info';
import { CreateUserDto } from './dto/create-user.dto';
import { PublicUserDto } from './dto/public-user.dto';
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
  @ApiRoute({ summary: 'Register an account', errors: { 409: ['email_taken'], 429: ['rate_limited'], 503: ['db_unavailable'] } })
  @ResponseSchema(PublicUserDto)
  async register(@Body() input: CreateUserDto, @Client() client: ClientInfo): Promise<PublicUser> {
    return toPublicUser(await this.users.register(input, client));
  }

  @Get('/me')
  @Authorized()
  @ApiRoute({ summary: 'The calling user' })
  @ResponseSchema(PublicUserDto)
  me(@CurrentUser({ required: true }) principal: Principal): PublicUser {
    return toPublicUser(principal.user);
  }

  @Patch('/me')
  @Authorized()
  @ApiRoute({ summary: 'Change the display name', errors: { 404: ['user_not_found'] } })
  @ResponseSchema(PublicUserDto)
  async updateMe(@CurrentUser({ required: true }) principal: Principal, @Body() input: UpdateProfileDto): Promise<PublicUser> {
    return toPublicUser(await this.users.updateProfile(principal.user.id, input));
  }
}
