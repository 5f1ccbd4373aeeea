import { describe, expect, it } from 'vitest';
import { toAsciiDigits } from './digits.ts';
import { isValidNationalId, nationalIdValidator } from './nationalId.ts';

describe('isValidNationalId', () => {
  it('accepts ten digits whose last is the check digit', () => {
    for (const id of ['0084575948', '0499370899', '1234567891', '4608968882', '0067749828']) {
      expect(isValidNationalId(id)).toBe(true);
    }
  });

  it('rejects a wrong check digit', () => {
    expect(isValidNationalId('0084575949')).toBe(false);
    expect(isValidNationalId('1234567890')).toBe(false);
  });

  it('rejects other lengths, letters and the degenerate numbers', () => {
    for (const id of ['', '123456789', '12345678912', '12345a7891', '0000000000', '1111111111', '0010000000']) {
      expect(isValidNationalId(id)).toBe(false);
    }
  });

  it('reads Persian and Arabic-Indic digits', () => {
    expect(toAsciiDigits('۰۰۸۴٥٧٥٩٤٨')).toBe('0084575948');
    expect(isValidNationalId('۰۰۸۴۵۷۵۹۴۸')).toBe(true);
    expect(isValidNationalId(' 0084575948 ')).toBe(true);
  });

  it('gives a translation key as the form error', () => {
    expect(nationalIdValidator('0084575949')).toBe('validation.national_id_invalid');
    expect(nationalIdValidator('0084575948')).toBeUndefined();
    expect(nationalIdValidator('')).toBeUndefined();
  });
});
