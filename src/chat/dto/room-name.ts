import { Transform } from 'class-transformer';
import { IsString, Length } from 'class-validator';
import { trimmed } from './trimmed';
import { ROOM_NAME_MAX_LENGTH } from '../chat.constants';

/** A room's display name: trimmed, 1-64 characters. */
export function RoomName(): PropertyDecorator {
  return (target, key) => {
    Transform(trimmed)(target, key);
    IsString()(target, key);
    Length(1, ROOM_NAME_MAX_LENGTH)(target, key);
  };
}
