import { Transform } from 'class-transformer';
import { IsString, Length } from 'class-validator';
import { trimmed } from './trimmed';
import { TEXT_MAX_LENGTH } from '../chat.constants';

/** A message text: trimmed before the length check, so whitespace alone is not a message. */
export function MessageText(): PropertyDecorator {
  return (target, key) => {
    Transform(trimmed)(target, key);
    IsString()(target, key);
    Length(1, TEXT_MAX_LENGTH)(target, key);
  };
}
