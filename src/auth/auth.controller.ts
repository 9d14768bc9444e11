import type { Context } from 'koa';
import { Authorized, Body, Ctx, CurrentUser, HttpCode, JsonController, OnUndefined, Post } from 'routing-controllers';
import { ResponseSchema } from 'routing-controllers-openapi';
import { Service } from 'typedi';
import { ValidationFailedError } from '../common/errors/app-error';
import { Client, type ClientInfo } from '../common/http/client-info';
import { ApiRoute } from '../common/openapi/api-route.decorator';
import { RefreshTokenDto } from '../sessions/dto/refresh-token.dto';
import { REFRESH_ERROR_CODES, RefreshTokenError } from '../sessions/sessions.errors';
import type { Principal } from '../users/principal';
import { AuthService, type LoginResult, type TokenPair } from './auth.service';
import { LoginDto } from './dto/login.dto';
import { LoginResultDto, TokenPairDto } from './dto/token-pair.dto';
import { RefreshCookie } from './refresh-cookie';

/** In cookie mode the refresh token travels only in the httpOnly cookie, never in a body a script reads. */
type Delivered<T extends TokenPair> = Omit<T, 'refreshToken'> & { refreshToken?: string };

@Service()
@JsonController('/auth')
export class AuthController {
  constructor(
    private readonly auth: AuthService,
    private readonly cookie: RefreshCookie,
  ) {}

  @Post('/login')
  @HttpCode(200)
  @ApiRoute({
    summary: 'Log in: a token pair and the user (with X-Token-Delivery: cookie, the refresh token goes in an httpOnly cookie instead)',
    errors: {
      401: ['invalid_credentials'],
      403: ['account_disabled', 'origin_not_allowed'],
      429: ['login_throttled'],
      503: ['db_unavailable'],
    },
  })
  @ResponseSchema(LoginResultDto)
  async login(@Body() credentials: LoginDto, @Client() client: ClientInfo, @Ctx() ctx: Context): Promise<Delivered<LoginResult>> {
    return this.deliver(ctx, await this.auth.login(credentials, client));
  }

  @Post('/refresh')
  @HttpCode(200)
  @ApiRoute({
    summary: 'Rotate a refresh token (from the body, or the cookie with X-Token-Delivery: cookie): a new token pair',
    errors: { 401: REFRESH_ERROR_CODES, 403: ['origin_not_allowed'], 429: ['rate_limited'], 503: ['db_unavailable'] },
  })
  @ResponseSchema(TokenPairDto)
  async refresh(@Body() body: RefreshTokenDto, @Client() client: ClientInfo, @Ctx() ctx: Context): Promise<Delivered<TokenPair>> {
    const token = this.presented(ctx, body);
    try {
      return this.deliver(ctx, await this.auth.refresh(token, client));
    } catch (error) {
      // A refused cookie is dead for good: drop it so the page stops presenting it.
      if (error instanceof RefreshTokenError && this.cookie.wanted(ctx)) this.cookie.clear(ctx);
      throw error;
    }
  }

  @Post('/logout')
  @HttpCode(204)
  @ApiRoute({
    summary: 'End the session of a refresh token (an unknown token is no error)',
    errors: { 403: ['origin_not_allowed'], 503: ['db_unavailable'] },
  })
  @OnUndefined(204)
  async logout(@Body() body: RefreshTokenDto, @Client() client: ClientInfo, @Ctx() ctx: Context): Promise<void> {
    if (this.cookie.wanted(ctx)) {
      const token = this.cookie.read(ctx);
      this.cookie.clear(ctx);
      if (token !== undefined) await this.auth.logout(token, client);
      return;
    }
    await this.auth.logout(this.presented(ctx, body), client);
  }

  @Post('/logout-all')
  @Authorized()
  @HttpCode(204)
  @ApiRoute({ summary: 'End every session and access token of the caller' })
  @OnUndefined(204)
  async logoutAll(@CurrentUser({ required: true }) principal: Principal, @Client() client: ClientInfo, @Ctx() ctx: Context): Promise<void> {
    await this.auth.logoutAll(principal, client);
    // Every session is gone, this browser's too: its cookie is worthless.
    this.cookie.clear(ctx);
  }

  /** The refresh token of this request: the cookie in cookie mode, else the body's (required there). */
  private presented(ctx: Context, body: RefreshTokenDto): string {
    if (this.cookie.wanted(ctx)) {
      const token = this.cookie.read(ctx);
      if (token === undefined) throw new RefreshTokenError('refresh_invalid');
      return token;
    }
    if (body?.refreshToken === undefined)
      throw new ValidationFailedError([{ field: 'refreshToken', messages: ['refreshToken must be a string'] }]);
    return body.refreshToken;
  }

  private deliver<T extends TokenPair>(ctx: Context, answer: T): Delivered<T> {
    if (!this.cookie.wanted(ctx)) return answer;
    this.cookie.set(ctx, answer.refreshToken);
    const { refreshToken: _inCookie, ...rest } = answer;
    return rest;
  }
}
