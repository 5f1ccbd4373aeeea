import { checkPasswordPolicy } from '@diploma-desk/db';
import { ValidationError } from '../errors.ts';

const PASSWORD_MESSAGES = {
  too_short: 'must be at least 10 characters',
  too_long: 'must be at most 128 characters',
  common: 'is too common; choose another',
  contains_username: 'must not contain the username',
} as const;

/** Refuses a new password the policy does not allow, as a 400 naming the field and the reason. */
export function checkPassword(password: string, username: string, field = 'password') {
  const problem = checkPasswordPolicy(password, username);
  if (problem) {
    throw new ValidationError(`${field} ${PASSWORD_MESSAGES[problem]}.`, [
      { field, message: PASSWORD_MESSAGES[problem], code: `password_${problem}` },
    ]);
  }
}
