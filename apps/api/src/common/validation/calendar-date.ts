import { registerDecorator, ValidationOptions } from 'class-validator';
import { dateOfBirthProblem } from '@cadence/domain';

/** A date of birth as the domain defines it: a real calendar date, not in the future, not before 1900. */
export function IsDateOfBirth(options?: ValidationOptions) {
  return (target: object, propertyName: string) =>
    registerDecorator({
      name: 'isDateOfBirth',
      target: target.constructor,
      propertyName,
      options,
      validator: {
        validate: (value: unknown) =>
          typeof value === 'string' && !dateOfBirthProblem(value, new Date().toISOString().slice(0, 10)),
        defaultMessage: (args) => {
          const value = args?.value;
          const problem =
            typeof value === 'string'
              ? dateOfBirthProblem(value, new Date().toISOString().slice(0, 10))
              : 'must be a string';
          return `${args?.property} ${problem}`;
        },
      },
    });
}
