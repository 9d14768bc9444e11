import { IsString, MaxLength } from 'class-validator';

/** Body of POST /auth/refresh and /auth/logout. The format itself is checked by the service. */
export class RefreshTokenDto {
  @IsString()
  @MaxLength(512)
  refreshToken!: string;
}
