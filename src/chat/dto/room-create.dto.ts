import { IsIn, ValidateBy, type ValidationArguments } from 'class-validator';
import { PUBLIC_ROOM_ID_PATTERN } from '../room-ids';
import { RoomName } from './room-name';

// Not @ValidateIf: that would switch off every other rule on `name` for private rooms.
const AddressWhenPublic = () =>
  ValidateBy({
    name: 'addressWhenPublic',
    validator: {
      validate: (value: unknown, args?: ValidationArguments) =>
        (args?.object as Partial<RoomCreateDto> | undefined)?.kind !== 'public' ||
        (typeof value === 'string' && PUBLIC_ROOM_ID_PATTERN.test(value)),
      defaultMessage: () => 'a public room name is its address: 1-64 characters a-z, 0-9, _ or -, starting with a letter or digit',
    },
  });

/** Payload of room:create and body of POST /rooms. Direct rooms come from dm:open only. */
export class RoomCreateDto {
  // A public room's name becomes its id (its address), so it must be one.
  @AddressWhenPublic()
  @RoomName()
  name!: string;

  @IsIn(['public', 'private'])
  kind!: 'public' | 'private';
}
