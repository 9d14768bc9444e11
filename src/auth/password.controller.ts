import { Authorized, Body, CurrentUser, HttpCode, JsonController, Post } from 'routing-controllers';
import { ResponseSchema } from 'routing-controllers-openapi';
import { Service } from 'typedi';
import { ApiRoute } from '../common/openapi/api-route.decorator';
import { Client, type ClientInfo } from '../common/http/client-info';
import type { Principal } from '../users/principal';
import { ChangePasswordDto } from './dto/change-password.dto';
import { AccessTokenDto } from './dto/token-pair.dto';
import { PasswordChangeService, type PasswordChanged } from './password-change.service';

/**
 * POST /users/me/password. Under /users with the profile, but here with the use case: changing a
 * password revokes tokens and sessions, which is auth's business, not the users folder's.
 */
@Service()
@JsonController('/users')
export class PasswordController {
  constructor(private readonly passwords: PasswordChangeService) {}

  /** 200 with a new access token for the caller's session: the one it sent is revoked by the change. */
  @Post('/me/password')
  @Authorized()
  @HttpCode(200)
  @ApiRoute({
    summary: 'Change the password: ends every other session; a new access token for this one',
    errors: { 400: ['invalid_current_password'], 429: ['login_throttled'] },
  })
  @ResponseSchema(AccessTokenDto)
  changePassword(
    @CurrentUser({ required: true }) principal: Principal,
    @Body() input: ChangePasswordDto,
    @Client() client: ClientInfo,
  ): Promise<PasswordChanged> {
    return this.passwords.change(principal, input, client);
  }
}
