import { describe, expect, it } from 'vitest';
import {
  gregorianToSolar,
  isSolarLeapYear,
  isValidSolarDate,
  solarMonthLength,
  solarToGregorian,
} from './solarCalendar.ts';

const KNOWN_PAIRS: [solar: [number, number, number], gregorian: [number, number, number]][] = [
  [
    [1405, 9, 7],
    [2026, 11, 28],
  ],
  [
    [1403, 12, 30],
    [2025, 3, 20],
  ],
  [
    [1404, 1, 1],
    [2025, 3, 21],
  ],
  [
    [1403, 1, 1],
    [2024, 3, 20],
  ],
  [
    [1399, 12, 30],
    [2021, 3, 20],
  ],
  [
    [1357, 11, 22],
    [1979, 2, 11],
  ],
  [
    [1348, 10, 11],
    [1970, 1, 1],
  ],
  [
    [1420, 6, 31],
    [2041, 9, 21],
  ],
];

const date = ([year, month, day]: [number, number, number]) => ({ year, month, day });

const icuPersian = new Intl.DateTimeFormat('en-US-u-ca-persian-nu-latn', {
  timeZone: 'UTC',
  year: 'numeric',
  month: 'numeric',
  day: 'numeric',
});

/** What ICU's Persian calendar says a Gregorian day is, as numbers. */
const intlSolar = (utc: number) => {
  const parts = icuPersian.formatToParts(new Date(utc));
  const part = (type: string) => Number(parts.find((p) => p.type === type)?.value);
  return { year: part('year'), month: part('month'), day: part('day') };
};

describe('Solar Hijri ↔ Gregorian', () => {
  it.each(KNOWN_PAIRS)('%j is %j', (solar, gregorian) => {
    expect(solarToGregorian(date(solar))).toEqual(date(gregorian));
    expect(gregorianToSolar(date(gregorian))).toEqual(date(solar));
  });

  it('agrees with Intl’s Persian calendar on every day from 1970 to 2070', () => {
    const day = 86_400_000;
    const mismatches: string[] = [];
    for (let utc = Date.UTC(1970, 0, 1); utc < Date.UTC(2070, 0, 1); utc += day) {
      const g = new Date(utc);
      const gregorian = { year: g.getUTCFullYear(), month: g.getUTCMonth() + 1, day: g.getUTCDate() };
      const solar = gregorianToSolar(gregorian);
      if (JSON.stringify(solar) !== JSON.stringify(intlSolar(utc))) mismatches.push(g.toISOString());
      if (JSON.stringify(solarToGregorian(solar)) !== JSON.stringify(gregorian)) mismatches.push(`back ${utc}`);
    }
    expect(mismatches).toEqual([]);
  });

  it('knows the leap years and month lengths', () => {
    expect([1399, 1403, 1408].map(isSolarLeapYear)).toEqual([true, true, true]);
    expect([1400, 1404, 1405].map(isSolarLeapYear)).toEqual([false, false, false]);
    expect(solarMonthLength(1405, 6)).toBe(31);
    expect(solarMonthLength(1405, 7)).toBe(30);
    expect(solarMonthLength(1404, 12)).toBe(29);
    expect(solarMonthLength(1403, 12)).toBe(30);
  });

  it('rejects days that do not exist', () => {
    expect(isValidSolarDate({ year: 1403, month: 12, day: 30 })).toBe(true);
    expect(isValidSolarDate({ year: 1404, month: 12, day: 30 })).toBe(false);
    expect(isValidSolarDate({ year: 1405, month: 7, day: 31 })).toBe(false);
    expect(isValidSolarDate({ year: 1405, month: 13, day: 1 })).toBe(false);
    expect(isValidSolarDate({ year: 1405, month: 0, day: 1 })).toBe(false);
    expect(isValidSolarDate({ year: 1405, month: 1, day: 1.5 })).toBe(false);
  });

  it('refuses years outside the cycles it knows', () => {
    expect(() => solarToGregorian({ year: 3178, month: 1, day: 1 })).toThrow(RangeError);
    expect(isValidSolarDate({ year: 3178, month: 1, day: 1 })).toBe(false);
  });
});
