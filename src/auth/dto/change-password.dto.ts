import { IsString, Length, MaxLength, MinLength } from 'class-validator';
import { IsAcceptablePassword } from '../../security/acceptable-password.decorator';
import { PASSWORD_MAX_LENGTH, PASSWORD_MIN_LENGTH } from '../../security/password-policy';

/** POST /users/me/password. Equality with the email is checked by the service, which knows the email. */
export class ChangePasswordDto {
  @IsString()
  @MinLength(1)
  @MaxLength(PASSWORD_MAX_LENGTH)
  currentPassword!: string;

  @IsString()
  @Length(PASSWORD_MIN_LENGTH, PASSWORD_MAX_LENGTH)
  @IsAcceptablePassword()
  newPassword!: string;
}
