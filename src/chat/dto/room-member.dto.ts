import { IsMongoId, IsString } from 'class-validator';
import { RoomDto } from './room.dto';

/** Payload of dm:open. */
export class UserRefDto {
  @IsString()
  @IsMongoId({ message: 'userId must be a user id' })
  userId!: string;
}

/** Payload of room:invite and room:remove. */
export class RoomMemberDto extends RoomDto {
  @IsString()
  @IsMongoId({ message: 'userId must be a user id' })
  userId!: string;
}
