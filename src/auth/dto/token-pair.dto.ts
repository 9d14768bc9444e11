import { Type } from 'class-transformer';
import { Equals, IsInt, IsOptional, IsString, Matches, ValidateNested } from 'class-validator';
import { REFRESH_TOKEN_PATTERN } from '../../sessions/refresh-token';
import { PublicUserDto } from '../../users/dto/public-user.dto';
import type { LoginResult, TokenPair } from '../auth.service';
import type { PasswordChanged } from '../password-change.service';

// Schemas of the token answers for the OpenAPI document; `implements` ties each to its type.

/** An access token alone: POST /users/me/password answers with one for the caller's session. */
export class AccessTokenDto implements PasswordChanged {
  @IsString()
  accessToken!: string;

  @Equals('Bearer')
  tokenType!: 'Bearer';

  /** Seconds until the access token expires. */
  @IsInt()
  expiresIn!: number;
}

/** POST /auth/refresh. */
export class TokenPairDto extends AccessTokenDto implements TokenPair {
  /**
   * `<session id>.<secret>` (docs/security.md, "Refresh tokens"). Absent when the request asked
   * for cookie delivery (X-Token-Delivery: cookie): it is in the httpOnly cookie then.
   */
  @IsOptional()
  @IsString()
  @Matches(new RegExp(REFRESH_TOKEN_PATTERN))
  refreshToken!: string;
}

/** POST /auth/login. */
export class LoginResultDto extends TokenPairDto implements LoginResult {
  @ValidateNested()
  @Type(() => PublicUserDto)
  user!: PublicUserDto;
}

/** POST /login (the article's path): the login answer plus the token in its `JWT <token>` form. */
export class LegacyLoginResultDto extends LoginResultDto {
  @Matches(/^JWT /)
  token!: string;
}
