import { Transform } from 'class-transformer';
import { IsOptional, IsString, Length, Matches } from 'class-validator';
import { CLIENT_MSG_ID_PATTERN, TEXT_MAX_LENGTH } from '../chat.constants';
import { RoomDto } from './room.dto';

const trimmed = ({ value }: { value: unknown }) => (typeof value === 'string' ? value.trim() : value);

/** Payload of message:send. */
export class SendMessageDto extends RoomDto {
  // Trimmed before the length check, so whitespace alone is not a message.
  @Transform(trimmed)
  @IsString()
  @Length(1, TEXT_MAX_LENGTH)
  text!: string;

  /** The client's idempotency key: resending it returns the stored message instead of a copy. */
  @IsOptional()
  @IsString()
  @Matches(CLIENT_MSG_ID_PATTERN, { message: 'clientMsgId must be 1-64 characters: letters, digits, . _ : -' })
  clientMsgId?: string;
}
