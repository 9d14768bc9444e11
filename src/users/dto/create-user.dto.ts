import { Transform } from 'class-transformer';
import { IsEmail, IsString, Length, MaxLength } from 'class-validator';
import { normaliseEmail } from '../../common/normalise-email';
import { IsAcceptablePassword } from '../../security/acceptable-password.decorator';
import { PASSWORD_MAX_LENGTH, PASSWORD_MIN_LENGTH } from '../../security/password-policy';

const trimmed = ({ value }: { value: unknown }) => (typeof value === 'string' ? value.trim() : value);
const normalisedEmail = ({ value }: { value: unknown }) => (typeof value === 'string' ? normaliseEmail(value) : value);

export class CreateUserDto {
  @Transform(normalisedEmail)
  @IsString()
  @MaxLength(254)
  @IsEmail()
  email!: string;

  // The length cap is checked before anything is hashed, so a huge password costs nothing.
  @IsString()
  @Length(PASSWORD_MIN_LENGTH, PASSWORD_MAX_LENGTH)
  @IsAcceptablePassword('email')
  password!: string;

  @Transform(trimmed)
  @IsString()
  @Length(1, 64)
  displayName!: string;
}
