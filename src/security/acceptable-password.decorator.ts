import { registerDecorator, type ValidationArguments, type ValidationOptions } from 'class-validator';
import { passwordProblems } from './password-policy';

/**
 * class-validator constraint: refuses common passwords and, when `emailProperty` names a sibling
 * field, a password equal to that email. Length and type are left to @Length / @IsString.
 */
export function IsAcceptablePassword(emailProperty?: string, options?: ValidationOptions) {
  return (object: object, propertyName: string): void => {
    registerDecorator({
      name: 'isAcceptablePassword',
      target: object.constructor,
      propertyName,
      options,
      validator: {
        validate(value: unknown, args: ValidationArguments): boolean {
          return typeof value !== 'string' || passwordProblems(value, emailOf(args, emailProperty)).length === 0;
        },
        defaultMessage(args: ValidationArguments): string {
          const value = args.value as unknown;
          return typeof value === 'string'
            ? passwordProblems(value, emailOf(args, emailProperty)).join('; ')
            : 'password is not acceptable';
        },
      },
    });
  };
}

function emailOf(args: ValidationArguments, emailProperty: string | undefined): string | undefined {
  if (!emailProperty) return undefined;
  const email = (args.object as Record<string, unknown>)[emailProperty];
  return typeof email === 'string' ? email : undefined;
}
