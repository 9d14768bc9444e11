import { IsOptional, IsString, Matches } from 'class-validator';
import { CLIENT_MSG_ID_PATTERN } from '../chat.constants';
import { MessageText } from './message-text';
import { RoomDto } from './room.dto';

/** Payload of message:send. */
export class SendMessageDto extends RoomDto {
  @MessageText()
  text!: string;

  /** The client's idempotency key: resending it returns the stored message instead of a copy. */
  @IsOptional()
  @IsString()
  @Matches(CLIENT_MSG_ID_PATTERN, { message: 'clientMsgId must be 1-64 characters: letters, digits, . _ : -' })
  clientMsgId?: string;
}
