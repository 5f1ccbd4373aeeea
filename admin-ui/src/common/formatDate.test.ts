import { describe, expect, it } from 'vitest';
import { formatNumber, toPersianDigits } from './digits.ts';
import { formatDate, formatDay } from './formatDate.ts';

const moment = '2026-11-28T16:00:00Z';

describe('formatDate', () => {
  it('gives Solar Hijri dates with Persian digits in Persian', () => {
    expect(formatDate(moment, 'fa', 'date')).toBe('۷ آذر ۱۴۰۵');
    expect(formatDate(moment, 'fa')).toContain('۱۹:۳۰');
    expect(formatDay(moment, 'fa')).toBe('شنبه، ۷ آذر ۱۴۰۵');
    expect(formatDate('2026-11-28T16:00:05Z', 'fa', 'dateTimeSeconds')).toBe('۷ آذر ۱۴۰۵، ۱۹:۳۰:۰۵');
  });

  it('gives Gregorian dates in English', () => {
    expect(formatDate(moment, 'en', 'date')).toBe('28 November 2026');
    expect(formatDate(moment, 'en')).toBe('28 Nov 2026, 19:30');
    expect(formatDay(moment, 'en')).toBe('Saturday, 28 November 2026');
    expect(formatDate('2026-11-28T16:00:05Z', 'en', 'dateTimeSeconds')).toBe('28 Nov 2026, 19:30:05');
  });

  it('shows nothing for an invalid date', () => {
    expect(formatDate('not a date', 'fa')).toBe('');
  });
});

describe('numbers', () => {
  it('uses Persian digits in Persian', () => {
    expect(formatNumber(1405, 'fa')).toBe('۱٬۴۰۵');
    expect(formatNumber(1405, 'en')).toBe('1,405');
    expect(toPersianDigits('10')).toBe('۱۰');
  });
});
