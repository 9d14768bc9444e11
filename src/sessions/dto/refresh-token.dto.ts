import { IsOptional, IsString, MaxLength } from 'class-validator';

/**
 * Body of POST /auth/refresh and /auth/logout. The format itself is checked by the service.
 * Optional because a browser in cookie mode (X-Token-Delivery: cookie) sends the token as a
 * cookie instead; the JSON flow still requires it (AuthController says so).
 */
export class RefreshTokenDto {
  @IsOptional()
  @IsString()
  @MaxLength(512)
  refreshToken?: string;
}
