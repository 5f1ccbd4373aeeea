import { describe, expect, it } from 'vitest';
import { formatGraduateValue, graduateItems } from './graduateFields.ts';

const translate = (key: string) => `<${key}>`;

describe('formatGraduateValue', () => {
  it('shows the birth date in the Solar Hijri calendar in Persian, on the same day', () => {
    expect(formatGraduateValue('birthDate', '1998-03-21', translate, 'fa')).toBe('۱ فروردین ۱۳۷۷');
    expect(formatGraduateValue('birthDate', '1998-03-21', translate, 'en')).toBe('21 March 1998');
  });

  it('writes identifiers in Persian digits in Persian', () => {
    expect(formatGraduateValue('nationalId', '0084575948', translate, 'fa')).toBe('۰۰۸۴۵۷۵۹۴۸');
    expect(formatGraduateValue('studentNumber', '40131001', translate, 'en')).toBe('40131001');
  });

  it('translates coded values', () => {
    expect(formatGraduateValue('gender', 'female', translate, 'en')).toBe('<genders.female>');
    expect(formatGraduateValue('degreeLevel', 'phd', translate, 'en')).toBe('<degree_levels.phd>');
    expect(formatGraduateValue('scholarship', true, translate, 'en')).toBe('<ra.boolean.true>');
  });

  it('lists every field of a confirmed snapshot, missing ones empty', () => {
    const items = graduateItems({ firstName: 'سارا' }, translate, 'fa');
    expect(items[0]).toEqual({ label: 'resources.graduates.fields.firstName', value: 'سارا' });
    expect(items.find((item) => item.label.endsWith('.fatherName'))?.value).toBeUndefined();
  });
});
