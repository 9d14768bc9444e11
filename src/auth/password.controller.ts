import { Authorized, Body, CurrentUser, HttpCode, JsonController, Post } from 'routing-controllers';
import { Service } from 'typedi';
import { Client, type ClientInfo } from '../common/http/client-info';
import type { Principal } from '../users/principal';
import { ChangePasswordDto } from './dto/change-password.dto';
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
  changePassword(
    @CurrentUser({ required: true }) principal: Principal,
    @Body() input: ChangePasswordDto,
    @Client() client: ClientInfo,
  ): Promise<PasswordChanged> {
    return this.passwords.change(principal, input, client);
  }
}
