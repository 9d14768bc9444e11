import { IsString } from 'class-validator';
import { IsDisplayName, NormaliseDisplayName } from '../../common/identity/display-name.decorators';

/** PATCH /users/me. The only editable field; roles, email or tokenVersion are refused as unknown. */
export class UpdateProfileDto {
  @NormaliseDisplayName()
  @IsString()
  @IsDisplayName()
  displayName!: string;
}
