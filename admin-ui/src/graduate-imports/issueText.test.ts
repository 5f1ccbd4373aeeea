import polyglotI18nProvider from 'ra-i18n-polyglot';
import { describe, expect, it } from 'vitest';
import { withPersianNumbers } from '../i18n/interpolation.ts';
import { englishCatalog, persianCatalog } from '../i18n/messages.ts';
import { issueText } from './issueText.ts';

const translator = (locale: 'fa' | 'en') => {
  const i18n = polyglotI18nProvider(() => (locale === 'fa' ? persianCatalog : englishCatalog), locale);
  return (key: string, options: Record<string, unknown> = {}) =>
    i18n.translate(key, locale === 'fa' ? withPersianNumbers(options) : options);
};
const plain = (text: string) => text.replace(/[\u2068\u2069]/g, '');

describe('issueText', () => {
  it('names the field and what is wrong, in both languages', () => {
    const issue = { code: 'national_id_checksum', severity: 'error' as const, field: 'nationalId' };
    expect(issueText(issue, translator('en'), 'en')).toBe('National ID: the check digit is wrong');
    expect(issueText(issue, translator('fa'), 'fa')).toBe('کد ملی: رقم کنترل درست نیست');
  });

  it('writes the line of a duplicate in the reader’s digits', () => {
    const issue = { code: 'duplicate_in_file', severity: 'error' as const, field: 'nationalId', params: { line: 12 } };
    expect(issueText(issue, translator('en'), 'en')).toBe('National ID: the same as on line 12 of the file');
    expect(issueText(issue, translator('fa'), 'fa')).toContain('۱۲');
  });

  it('shows a recorded date on the reader’s calendar and a recorded choice in words', () => {
    const date = {
      code: 'differs',
      severity: 'difference' as const,
      field: 'birthDate',
      params: { recorded: '1996-03-20' },
    };
    expect(plain(issueText(date, translator('en'), 'en'))).toBe('Date of birth: recorded as “20 March 1996”');
    expect(plain(issueText(date, translator('fa'), 'fa'))).toContain('۱۳۷۵');
    const gender = { code: 'differs', severity: 'difference' as const, field: 'gender', params: { recorded: 'male' } };
    expect(plain(issueText(gender, translator('en'), 'en'))).toBe('Gender: recorded as “Male”');
  });

  it('falls back to the code for a finding the catalog does not know', () => {
    expect(issueText({ code: 'something_new', severity: 'warning' }, translator('en'), 'en')).toBe('something_new');
  });
});
