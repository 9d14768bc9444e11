import { IsOptional, IsString, MaxLength } from 'class-validator';
import { JSONSchema } from 'class-validator-jsonschema';

/**
 * Body of POST /auth/refresh and /auth/logout. The format itself is checked by the service, which
 * answers a malformed token like an unknown one (401 refresh_invalid), not with a 400.
 * Optional because a browser in cookie mode (X-Token-Delivery: cookie) sends the token as a
 * cookie instead; the JSON flow still requires it (AuthController says so).
 */
export class RefreshTokenDto {
  @IsOptional()
  @IsString()
  @MaxLength(512)
  @JSONSchema({
    description: 'The refresh token last issued for the session: `<session id>.<secret>` (24 hex digits, a dot, 43 base64url characters).',
  })
  refreshToken?: string;
}
