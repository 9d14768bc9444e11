import type { ValidatorOptions } from 'class-validator';

/**
 * The validation rules every DTO goes through, HTTP body or socket payload: unknown fields are
 * refused (no mass assignment) and errors never carry the rejected value or the target object.
 */
export const STRICT_VALIDATION: ValidatorOptions = {
  whitelist: true,
  forbidNonWhitelisted: true,
  forbidUnknownValues: true,
  validationError: { target: false, value: false },
};
