import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  dateOfDay,
  dayOfDate,
  dayValue,
  overdueCutoff,
  startOfTehranDay,
  tehranDay,
  type WorkingCalendar,
  weekday,
  workingCalendar,
  workingDaysBetween,
} from '../../src/lib/working-calendar.ts';

const HOUR = 3_600_000;
const persian = new Intl.DateTimeFormat('en-US-u-ca-persian-nu-latn', {
  timeZone: 'UTC',
  year: 'numeric',
  month: 'numeric',
  day: 'numeric',
});

/** The Gregorian date of a Solar Hijri one (1404/12/27), found by ICU's Persian calendar. */
function gregorian(solar: string): string {
  const [y, m, d] = solar.split('/').map(Number) as [number, number, number];
  const start = dayOfDate(`${y + 620}-12-01`);
  for (let day = start; day < start + 500; day++) {
    const parts = persian.formatToParts(new Date(day * 86_400_000 + 12 * HOUR));
    const part = (type: string) => Number(parts.find((p) => p.type === type)?.value);
    if (part('year') === y && part('month') === m && part('day') === d) return dateOfDay(day);
  }
  throw new Error(`no such day: ${solar}`);
}

/** An instant at a Tehran wall-clock time on a Solar Hijri or Gregorian day. */
const at = (day: string, hours = 10) =>
  startOfTehranDay(dayOfDate(day.includes('/') ? gregorian(day) : day)) + hours * HOUR;

/** Official holidays around Nowruz 1405 and 1406 (the fixed ones the migration seeds, and 29 Esfand 1404). */
const NOWRUZ = [
  '1404/12/29',
  '1405/01/01',
  '1405/01/02',
  '1405/01/03',
  '1405/01/04',
  '1405/01/12',
  '1405/01/13',
  '1405/12/29',
  '1406/01/01',
  '1406/01/02',
  '1406/01/03',
  '1406/01/04',
  '1406/01/12',
  '1406/01/13',
].map(gregorian);
const calendars = {
  working: workingCalendar('working', NOWRUZ),
  half: workingCalendar('half', NOWRUZ),
  off: workingCalendar('off', NOWRUZ),
};
const count = (from: number, to: number) =>
  Object.fromEntries(Object.entries(calendars).map(([rule, c]) => [rule, workingDaysBetween(c, from, to)]));

describe('days in Tehran', () => {
  it('cut at midnight Asia/Tehran, not UTC', () => {
    expect(dateOfDay(tehranDay(Date.parse('2026-12-31T20:29:59.999Z')))).toBe('2026-12-31');
    expect(dateOfDay(tehranDay(Date.parse('2026-12-31T20:30:00.000Z')))).toBe('2027-01-01');
    expect(new Date(startOfTehranDay(dayOfDate('2027-01-01'))).toISOString()).toBe('2026-12-31T20:30:00.000Z');
  });

  it('start where summer time skipped midnight, and where it ended (until 2022)', () => {
    // 1399/01/02: the clocks went from 00:00 to 01:00 (+04:30); 1399/06/31 began once the hour was repeated.
    expect(new Date(startOfTehranDay(dayOfDate('2020-03-21'))).toISOString()).toBe('2020-03-20T20:30:00.000Z');
    expect(new Date(startOfTehranDay(dayOfDate('2020-03-22'))).toISOString()).toBe('2020-03-21T19:30:00.000Z');
    expect(new Date(startOfTehranDay(dayOfDate('2020-09-21'))).toISOString()).toBe('2020-09-20T20:30:00.000Z');
  });

  it('every day starts where the one before ends (1990–2040)', () => {
    fc.assert(
      fc.property(fc.integer({ min: dayOfDate('1990-01-01'), max: dayOfDate('2040-12-31') }), (day) => {
        const start = startOfTehranDay(day);
        expect(tehranDay(start)).toBe(day);
        expect(tehranDay(start - 1)).toBe(day - 1);
      }),
      { seed: 1405, numRuns: 300 },
    );
  });

  it('names weekdays as Date does, and Friday counts nothing', () => {
    expect(weekday(dayOfDate('2026-03-20'))).toBe(5);
    expect(weekday(dayOfDate('2027-03-21'))).toBe(0);
    expect(dayValue(calendars.working, dayOfDate('2026-11-27'))).toBe(0);
    expect(dayValue(calendars.working, dayOfDate('2026-11-26'))).toBe(1);
    expect(dayValue(calendars.half, dayOfDate('2026-11-26'))).toBe(0.5);
    expect(dayValue(calendars.off, dayOfDate('2026-11-26'))).toBe(0);
    expect(dayValue(calendars.working, dayOfDate('2026-03-21'))).toBe(0);
  });
});

describe('working days between two instants', () => {
  it('across Nowruz: entered on 1404/12/27, read on 1405/01/16', () => {
    // 1404/12/28 Thu; 12/29 Fri and holiday; 1405/01/01–04 holidays; 01/05 Wed, 01/06 Thu, 01/07 Fri;
    // 01/08–11 Sat–Tue; 01/12 Wed and 01/13 Thu holidays; 01/14 Fri; 01/15 Sat, 01/16 Sun.
    expect(gregorian('1404/12/27')).toBe('2026-03-18');
    expect(count(at('1404/12/27'), at('1405/01/16'))).toEqual({ working: 9, half: 8, off: 7 });
    // Read at the first minute of 01/16 or its last, the same: days, not hours.
    expect(count(at('1404/12/27', 23.99), at('1405/01/16', 0))).toEqual({ working: 9, half: 8, off: 7 });
    expect(count(at('1404/12/27'), at('1405/01/15', 23.99))).toEqual({ working: 8, half: 7, off: 6 });
  });

  it('across the Solar year boundary: 1405/12/25 to 1406/01/15', () => {
    // 12/26 Wed, 12/27 Thu, 12/28 Fri, 12/29 holiday (Sat); 1406/01/01–04 holidays; 01/05 Thu, 01/06 Fri;
    // 01/07–11 Sat–Wed; 01/12 holiday (Thu), 01/13 holiday (Fri); 01/14 Sat, 01/15 Sun.
    expect(count(at('1405/12/25'), at('1406/01/15'))).toEqual({ working: 10, half: 9, off: 8 });
  });

  it('across the Gregorian year boundary: 2026-12-29 to 2027-01-10', () => {
    expect(count(at('2026-12-29'), at('2027-01-10'))).toEqual({ working: 10, half: 9, off: 8 });
    // With a holiday on 2027-01-04 (a Monday) one day fewer, whatever Thursday counts.
    const withHoliday = workingCalendar('half', ['2027-01-04']);
    expect(workingDaysBetween(withHoliday, at('2026-12-29'), at('2027-01-10'))).toBe(8);
  });

  it('counts nothing within a day, backwards, or from a Friday to the Saturday before it is over', () => {
    expect(count(at('2026-11-28', 1), at('2026-11-28', 23))).toEqual({ working: 0, half: 0, off: 0 });
    expect(count(at('2026-11-29'), at('2026-11-28'))).toEqual({ working: 0, half: 0, off: 0 });
    expect(count(at('2026-11-27'), at('2026-11-28'))).toEqual({ working: 1, half: 1, off: 1 });
    expect(count(at('2026-11-26'), at('2026-11-27'))).toEqual({ working: 0, half: 0, off: 0 });
  });

  const arbitraryCalendar = fc
    .record({
      thursday: fc.constantFrom('working' as const, 'half' as const, 'off' as const),
      holidays: fc.uniqueArray(fc.integer({ min: dayOfDate('2025-01-01'), max: dayOfDate('2028-12-31') }), {
        maxLength: 80,
      }),
    })
    .map(({ thursday, holidays }) => workingCalendar(thursday, holidays.map(dateOfDay)));
  const instant = fc.integer({ min: Date.parse('2025-01-01T00:00:00Z'), max: Date.parse('2028-12-31T00:00:00Z') });

  it('equals the day-by-day sum, and adds up over consecutive spans', () => {
    fc.assert(
      fc.property(arbitraryCalendar, instant, instant, instant, (calendar, a, b, c) => {
        const [x, y, z] = [a, b, c].sort((p, q) => p - q) as [number, number, number];
        let sum = 0;
        for (let d = tehranDay(x) + 1; d <= tehranDay(z); d++) sum += dayValue(calendar, d);
        expect(workingDaysBetween(calendar, x, z)).toBe(sum);
        expect(workingDaysBetween(calendar, x, y) + workingDaysBetween(calendar, y, z)).toBe(sum);
      }),
      { seed: 14051127, numRuns: 200 },
    );
  });

  it('the cutoff agrees with the forward count: entered before it exactly when past the target', () => {
    fc.assert(
      fc.property(
        arbitraryCalendar,
        fc.integer({ min: Date.parse('2026-01-01T00:00:00Z'), max: Date.parse('2028-06-30T00:00:00Z') }),
        fc.integer({ min: 0, max: 60 }),
        fc.array(fc.integer({ min: 0, max: 200 * 86_400_000 }), { minLength: 1, maxLength: 20 }),
        (calendar: WorkingCalendar, now, target, agos) => {
          const cutoff = overdueCutoff(calendar, now, target).getTime();
          expect(workingDaysBetween(calendar, cutoff, now)).toBeLessThanOrEqual(target);
          expect(workingDaysBetween(calendar, cutoff - 1, now)).toBeGreaterThan(target);
          for (const ago of agos) {
            const entered = now - ago;
            expect(entered < cutoff).toBe(workingDaysBetween(calendar, entered, now) > target);
          }
        },
      ),
      { seed: 14051128, numRuns: 300 },
    );
  });

  it('the cutoff across Nowruz: past 7 working days on 1405/01/16 means entered before 1404/12/27, Thursday off', () => {
    const now = at('1405/01/16', 9);
    // Back from 01/16 with Thursday off: 01/16, 01/15, 01/11, 01/10, 01/09, 01/08 and 01/05 are seven; the
    // eighth, 1404/12/27 (Wed), counts only for a request that entered the day before it or earlier.
    expect(new Date(overdueCutoff(calendars.off, now, 7)).toISOString()).toBe(
      new Date(startOfTehranDay(dayOfDate(gregorian('1404/12/27')))).toISOString(),
    );
    expect(workingDaysBetween(calendars.off, at('1404/12/26', 23.99), now)).toBe(8);
    expect(workingDaysBetween(calendars.off, at('1404/12/27', 0), now)).toBe(7);
  });
});
