import { Authorized, Body, CurrentUser, HttpCode, JsonController, OnUndefined, Post } from 'routing-controllers';
import { Service } from 'typedi';
import { Client, type ClientInfo } from '../common/http/client-info';
import { RefreshTokenDto } from '../sessions/dto/refresh-token.dto';
import type { Principal } from '../users/principal';
import { AuthService, type LoginResult, type TokenPair } from './auth.service';
import { LoginDto } from './dto/login.dto';

@Service()
@JsonController('/auth')
export class AuthController {
  constructor(private readonly auth: AuthService) {}

  @Post('/login')
  @HttpCode(200)
  login(@Body() credentials: LoginDto, @Client() client: ClientInfo): Promise<LoginResult> {
    return this.auth.login(credentials, client);
  }

  @Post('/refresh')
  @HttpCode(200)
  refresh(@Body() body: RefreshTokenDto, @Client() client: ClientInfo): Promise<TokenPair> {
    return this.auth.refresh(body.refreshToken, client);
  }

  @Post('/logout')
  @HttpCode(204)
  @OnUndefined(204)
  async logout(@Body() body: RefreshTokenDto, @Client() client: ClientInfo): Promise<void> {
    await this.auth.logout(body.refreshToken, client);
  }

  @Post('/logout-all')
  @Authorized()
  @HttpCode(204)
  @OnUndefined(204)
  async logoutAll(@CurrentUser({ required: true }) principal: Principal, @Client() client: ClientInfo): Promise<void> {
    await this.auth.logoutAll(principal, client);
  }
}
