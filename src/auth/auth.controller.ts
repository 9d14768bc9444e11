import { Authorized, Body, CurrentUser, HttpCode, JsonController, OnUndefined, Post } from 'routing-controllers';
import { ResponseSchema } from 'routing-controllers-openapi';
import { Service } from 'typedi';
import { ApiRoute } from '../common/openapi/api-route.decorator';
import { Client, type ClientInfo } from '../common/http/client-info';
import { RefreshTokenDto } from '../sessions/dto/refresh-token.dto';
import { REFRESH_ERROR_CODES } from '../sessions/sessions.errors';
import type { Principal } from '../users/principal';
import { AuthService, type LoginResult, type TokenPair } from './auth.service';
import { LoginDto } from './dto/login.dto';
import { LoginResultDto, TokenPairDto } from './dto/token-pair.dto';

@Service()
@JsonController('/auth')
export class AuthController {
  constructor(private readonly auth: AuthService) {}

  @Post('/login')
  @HttpCode(200)
  @ApiRoute({
    summary: 'Log in: a token pair and the user',
    errors: { 401: ['invalid_credentials'], 403: ['account_disabled'], 429: ['login_throttled'], 503: ['db_unavailable'] },
  })
  @ResponseSchema(LoginResultDto)
  login(@Body() credentials: LoginDto, @Client() client: ClientInfo): Promise<LoginResult> {
    return this.auth.login(credentials, client);
  }

  @Post('/refresh')
  @HttpCode(200)
  @ApiRoute({
    summary: 'Rotate a refresh token: a new token pair',
    errors: { 401: REFRESH_ERROR_CODES, 429: ['rate_limited'], 503: ['db_unavailable'] },
  })
  @ResponseSchema(TokenPairDto)
  refresh(@Body() body: RefreshTokenDto, @Client() client: ClientInfo): Promise<TokenPair> {
    return this.auth.refresh(body.refreshToken, client);
  }

  @Post('/logout')
  @HttpCode(204)
  @ApiRoute({ summary: 'End the session of a refresh token (an unknown token is no error)', errors: { 503: ['db_unavailable'] } })
  @OnUndefined(204)
  async logout(@Body() body: RefreshTokenDto, @Client() client: ClientInfo): Promise<void> {
    await this.auth.logout(body.refreshToken, client);
  }

  @Post('/logout-all')
  @Authorized()
  @HttpCode(204)
  @ApiRoute({ summary: 'End every session and access token of the caller' })
  @OnUndefined(204)
  async logoutAll(@CurrentUser({ required: true }) principal: Principal, @Client() client: ClientInfo): Promise<void> {
    await this.auth.logoutAll(principal, client);
  }
}
