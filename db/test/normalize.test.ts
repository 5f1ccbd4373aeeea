import { describe, expect, it } from 'vitest';
import { generateNationalId, graduateSearchText, normalizeForSearch, normalizeNationalId } from '../src/normalize.ts';

describe('normalizeNationalId', () => {
  it.each([
    ['0499370899', '0499370899'],
    ['۰۴۹۹۳۷۰۸۹۹', '0499370899'],
    ['٠٤٩٩٣٧٠٨٩٩', '0499370899'],
    [' 0084575948 ', '0084575948'],
    ['0499370898', null],
    ['1111111111', null],
    ['049937089', null],
    ['04993708990', null],
    ['04993a0899', null],
  ])('%s → %s', (input, expected) => {
    expect(normalizeNationalId(input)).toBe(expected);
  });

  it('generates only valid IDs', () => {
    for (let i = 0; i < 500; i++) expect(normalizeNationalId(generateNationalId())).not.toBeNull();
  });
});

describe('normalizeForSearch', () => {
  it('folds Arabic letter variants, ZWNJ, diacritics and digit scripts', () => {
    expect(normalizeForSearch('علي كريمي')).toBe(normalizeForSearch('علی کریمی'));
    expect(normalizeForSearch('محمد‌حسین')).toBe('محمدحسین');
    expect(normalizeForSearch('مُحَمَّد')).toBe('محمد');
    expect(normalizeForSearch('۴۰۱۲۳')).toBe('40123');
    expect(normalizeForSearch('  Sara   KARIMI ')).toBe('sara karimi');
  });

  it('puts names, student number and national ID in one search text', () => {
    expect(
      graduateSearchText({ firstName: 'زهرا', lastName: 'نیک‌نام', studentNumber: '۴۰۱۱۲۳', nationalId: '0499370899' }),
    ).toBe('زهرا نیکنام 401123 0499370899');
  });
});
