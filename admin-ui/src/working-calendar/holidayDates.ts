import { dayOf, dayStart } from '../audit-events/dayText.ts';
import { type CalendarDate, gregorianToSolar, solarToGregorian } from '../audit-events/solarCalendar.ts';

/**
 * Holidays are kept as Gregorian days (YYYY-MM-DD) and edited as Solar Hijri ones: the conversions, and the
 * filter by Solar Hijri year the list offers.
 */

const ISO_DAY = /^(\d{4})-(\d{2})-(\d{2})$/;
const pad = (value: number, length = 2) => String(value).padStart(length, '0');

export const isoToDate = (iso: string): CalendarDate | undefined => {
  const match = ISO_DAY.exec(iso);
  if (!match) return undefined;
  const [year, month, day] = match.slice(1).map(Number) as [number, number, number];
  return { year, month, day };
};

export const dateToIso = ({ year, month, day }: CalendarDate): string => `${pad(year, 4)}-${pad(month)}-${pad(day)}`;

/** 1405/01/01 for 2026-03-21: how the holiday form shows a stored day (Latin digits; the input takes either). */
export const isoToSolarText = (iso: string): string => {
  const date = isoToDate(iso);
  if (!date) return iso;
  const solar = gregorianToSolar(date);
  return `${solar.year}/${pad(solar.month)}/${pad(solar.day)}`;
};

/** The first instant of the day in Tehran, for formatting with Intl in the app's time zone. */
export const isoToInstant = (iso: string): string | undefined => {
  const date = isoToDate(iso);
  return date ? dayStart(date) : undefined;
};

/** The Solar Hijri year of today in Tehran. */
export const currentSolarYear = (now = new Date()): number =>
  gregorianToSolar(dayOf(now) ?? { year: 1970, month: 1, day: 1 }).year;

/** The Gregorian days a Solar Hijri year runs from and to (inclusive): 1405 is 2026-03-21 to 2027-03-20. */
export const solarYearRange = (year: number): { from: string; to: string } => {
  const first = solarToGregorian({ year, month: 1, day: 1 });
  const next = solarToGregorian({ year: year + 1, month: 1, day: 1 });
  const last = new Date(Date.UTC(next.year, next.month - 1, next.day - 1));
  return {
    from: dateToIso(first),
    to: dateToIso({ year: last.getUTCFullYear(), month: last.getUTCMonth() + 1, day: last.getUTCDate() }),
  };
};

/** The holiday list's filter as the API takes it: a Solar Hijri `year` becomes `from` and `to`. */
export const toHolidayApiFilter = (filter: Record<string, unknown>): Record<string, unknown> => {
  const { year, ...rest } = filter;
  const solarYear = Number(year);
  return year === undefined || year === '' || !Number.isInteger(solarYear)
    ? rest
    : { ...rest, ...solarYearRange(solarYear) };
};
