import { IsString, MaxLength, MinLength } from 'class-validator';
import { EMAIL_MAX_LENGTH } from '../../common/identity/email-address';
import { PASSWORD_MAX_LENGTH } from '../../security/password-policy';

/**
 * Only shape is checked here: a login must not reveal which rule a stored password would break.
 * The email is normalised where it is looked up (UsersRepository.findByEmail, the throttle keys).
 */
export class LoginDto {
  @IsString()
  @MinLength(1)
  @MaxLength(EMAIL_MAX_LENGTH)
  email!: string;

  @IsString()
  @MinLength(1)
  @MaxLength(PASSWORD_MAX_LENGTH)
  password!: string;
}
