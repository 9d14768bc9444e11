import { Transform } from 'class-transformer';
import { IsEmail, IsString, Length, MaxLength } from 'class-validator';
import { JSONSchema } from 'class-validator-jsonschema';
import { IsDisplayName, NormaliseDisplayName } from '../../common/identity/display-name.decorators';
import { EMAIL_JSON_SCHEMA, EMAIL_MAX_LENGTH, normalisedEmail } from '../../common/identity/email-address';
import { IsAcceptablePassword } from '../../security/acceptable-password.decorator';
import { PASSWORD_MAX_LENGTH, PASSWORD_MIN_LENGTH } from '../../security/password-policy';

export class CreateUserDto {
  @Transform(normalisedEmail)
  @IsString()
  @MaxLength(EMAIL_MAX_LENGTH)
  @IsEmail()
  @JSONSchema(EMAIL_JSON_SCHEMA)
  email!: string;

  // The length cap is checked before anything is hashed, so a huge password costs nothing.
  @IsString()
  @Length(PASSWORD_MIN_LENGTH, PASSWORD_MAX_LENGTH)
  @IsAcceptablePassword('email')
  password!: string;

  @NormaliseDisplayName()
  @IsString()
  @IsDisplayName()
  displayName!: string;
}
