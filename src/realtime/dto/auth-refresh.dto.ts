import { IsString, Length } from 'class-validator';
import { TOKEN_MAX_LENGTH } from '../realtime.constants';

/** Payload of auth:refresh: a newer access token for the same user. */
export class AuthRefreshDto {
  @IsString()
  @Length(1, TOKEN_MAX_LENGTH)
  token!: string;
}
