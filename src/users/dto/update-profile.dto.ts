import { Transform } from 'class-transformer';
import { IsString, Length } from 'class-validator';

const trimmed = ({ value }: { value: unknown }) => (typeof value === 'string' ? value.trim() : value);

/** PATCH /users/me. The only editable field; roles, email or tokenVersion are refused as unknown. */
export class UpdateProfileDto {
  @Transform(trimmed)
  @IsString()
  @Length(1, 64)
  displayName!: string;
}
