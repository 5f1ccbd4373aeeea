import { toAsciiDigits } from './digits.ts';

export const isValidNationalId = (input: string): boolean => {
  const id = toAsciiDigits(input.trim());
  if (!/^[0-9]{10}$/.test(id) || /^(\d)\1{9}$/.test(id) || id.slice(3, 9) === '000000') return false;
  const digits = [...id].map(Number);
  const sum = digits.slice(0, 9).reduce((total, digit, index) => total + digit * (10 - index), 0);
  const remainder = sum % 11;
  return digits[9] === (remainder < 2 ? remainder : 11 - remainder);
};

export const nationalIdValidator = (value: unknown) =>
  typeof value === 'string' && value !== '' && !isValidNationalId(value) ? 'validation.national_id_invalid' : undefined;
