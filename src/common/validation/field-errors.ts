import type { ValidationError } from 'class-validator';
import type { FieldError } from '../errors/app-error';

/** Flattens class-validator's error tree into `{ field, messages }`, dropping values and targets. */
export function toFieldErrors(errors: readonly ValidationError[], parent = ''): FieldError[] {
  return errors.flatMap((error) => {
    const field = parent ? `${parent}.${error.property}` : error.property;
    const own = error.constraints ? [{ field, messages: Object.values(error.constraints) }] : [];
    return [...own, ...toFieldErrors(error.children ?? [], field)];
  });
}
