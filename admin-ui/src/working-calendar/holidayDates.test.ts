import { describe, expect, it } from 'vitest';
import { currentSolarYear, isoToInstant, isoToSolarText, solarYearRange, toHolidayApiFilter } from './holidayDates.ts';

describe('holiday days', () => {
  it('shows a stored Gregorian day as its Solar Hijri day', () => {
    expect(isoToSolarText('2026-03-21')).toBe('1405/01/01');
    expect(isoToSolarText('2027-03-20')).toBe('1405/12/29');
    expect(isoToSolarText('2028-03-19')).toBe('1406/12/29');
    expect(isoToSolarText('not a day')).toBe('not a day');
  });

  it('knows where each Solar Hijri year begins and ends', () => {
    expect(solarYearRange(1404)).toEqual({ from: '2025-03-21', to: '2026-03-20' });
    expect(solarYearRange(1405)).toEqual({ from: '2026-03-21', to: '2027-03-20' });
    expect(solarYearRange(1406)).toEqual({ from: '2027-03-21', to: '2028-03-19' });
    expect(solarYearRange(1407)).toEqual({ from: '2028-03-20', to: '2029-03-19' });
  });

  it('filters by Solar Hijri year through from and to, keeping the other filters', () => {
    expect(toHolidayApiFilter({ year: 1405, kind: 'lunar' })).toEqual({
      kind: 'lunar',
      from: '2026-03-21',
      to: '2027-03-20',
    });
    expect(toHolidayApiFilter({ q: 'نوروز' })).toEqual({ q: 'نوروز' });
  });

  it('reads days and years in Tehran', () => {
    expect(isoToInstant('2026-03-21')).toBe('2026-03-20T20:30:00.000Z');
    expect(currentSolarYear(new Date('2026-03-20T20:29:59Z'))).toBe(1404);
    expect(currentSolarYear(new Date('2026-03-20T20:30:00Z'))).toBe(1405);
  });
});
