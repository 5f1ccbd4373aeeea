import { describe, expect, it } from 'vitest';
import { dayEnd, dayOf, dayStart, fileDay, formatDayText, parseDay } from './dayText.ts';

describe('parseDay', () => {
  it('reads Solar Hijri days in Persian, Arabic-Indic or Latin digits', () => {
    const day = { year: 2026, month: 11, day: 28 };
    expect(parseDay('1405/09/07')).toEqual(day);
    expect(parseDay('۱۴۰۵/۰۹/۰۷')).toEqual(day);
    expect(parseDay('١٤٠٥/٩/٧')).toEqual(day);
    expect(parseDay(' 1405-9-7 ')).toEqual(day);
    expect(parseDay('1403/12/30')).toEqual({ year: 2025, month: 3, day: 20 });
  });

  it('reads Gregorian days by their year', () => {
    expect(parseDay('2026-11-28')).toEqual({ year: 2026, month: 11, day: 28 });
    expect(parseDay('۲۰۲۵/۰۳/۲۱')).toEqual({ year: 2025, month: 3, day: 21 });
  });

  it('refuses what is not a day', () => {
    for (const text of [
      '',
      '1405',
      '1405/09',
      '1404/12/30',
      '1405/07/31',
      '2025-02-29',
      '2026-13-01',
      'abc',
      '1405/09/07x',
    ]) {
      expect(parseDay(text), text).toBeUndefined();
    }
  });
});

describe('the instants of a day in Tehran', () => {
  it('run from its first to its last millisecond at UTC+03:30', () => {
    const day = { year: 2026, month: 11, day: 28 };
    expect(dayStart(day)).toBe('2026-11-27T20:30:00.000Z');
    expect(dayEnd(day)).toBe('2026-11-28T20:29:59.999Z');
  });

  it('followed the summer time Tehran kept until 2022', () => {
    expect(dayStart({ year: 2021, month: 7, day: 1 })).toBe('2021-06-30T19:30:00.000Z');
  });

  it('give back the day', () => {
    expect(dayOf('2026-11-27T20:30:00.000Z')).toEqual({ year: 2026, month: 11, day: 28 });
    expect(dayOf('2026-11-28T20:29:59.999Z')).toEqual({ year: 2026, month: 11, day: 28 });
    expect(dayOf('2026-11-28T20:30:00.000Z')).toEqual({ year: 2026, month: 11, day: 29 });
    expect(dayOf('nonsense')).toBeUndefined();
  });
});

describe('formatDayText', () => {
  it('shows Solar Hijri in Persian digits in Persian, Gregorian otherwise', () => {
    const day = { year: 2026, month: 11, day: 28 };
    expect(formatDayText(day, 'fa')).toBe('۱۴۰۵/۰۹/۰۷');
    expect(formatDayText(day, 'en')).toBe('2026-11-28');
  });

  it('round-trips through parseDay', () => {
    const day = { year: 2025, month: 3, day: 20 };
    expect(parseDay(formatDayText(day, 'fa'))).toEqual(day);
    expect(parseDay(formatDayText(day, 'en'))).toEqual(day);
  });
});

describe('fileDay', () => {
  it('names the file after today in Tehran, in the calendar of the language', () => {
    const lateEvening = new Date('2026-11-27T21:00:00Z');
    expect(fileDay(lateEvening, 'fa')).toBe('1405-09-07');
    expect(fileDay(lateEvening, 'en')).toBe('2026-11-28');
  });
});
