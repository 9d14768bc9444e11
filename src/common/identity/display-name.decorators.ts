import { Transform } from 'class-transformer';
import { registerDecorator, type ValidationArguments, type ValidationOptions } from 'class-validator';
import { displayNameProblem, normaliseDisplayName } from './display-name';

/** class-transformer: puts a string in display-name normal form before validation sees it. */
export function NormaliseDisplayName(): PropertyDecorator {
  return Transform(({ value }: { value: unknown }) => (typeof value === 'string' ? normaliseDisplayName(value) : value));
}

/** class-validator: the one display-name rule (see displayNameProblem); non-strings fail. */
export function IsDisplayName(options?: ValidationOptions): PropertyDecorator {
  return (target: object, propertyName: string | symbol) =>
    registerDecorator({
      name: 'isDisplayName',
      target: target.constructor,
      propertyName: propertyName as string,
      options,
      validator: {
        validate: (value: unknown) => typeof value === 'string' && displayNameProblem(value) === undefined,
        defaultMessage: ({ property, value }: ValidationArguments) =>
          `${property} ${typeof value === 'string' ? displayNameProblem(value) : 'must be a string'}`,
      },
    });
}
