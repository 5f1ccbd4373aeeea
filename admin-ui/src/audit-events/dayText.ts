import { toAsciiDigits, toPersianDigits } from '../common/digits.ts';
import { TIME_ZONE } from '../common/formatDate.ts';
import { type CalendarDate, gregorianToSolar, isValidSolarDate, solarToGregorian } from './solarCalendar.ts';

/**
 * Days typed into the date-range filter, and the instants sent for them. A day is a day in Tehran: from its
 * first millisecond to its last. Years below 1700 are read as Solar Hijri and the others as Gregorian, so
 * either calendar may be typed in either language; Persian shows Solar Hijri and English Gregorian.
 */

const DAY_TEXT = /^(\d{1,4})\s*[/\-.]\s*(\d{1,2})\s*[/\-.]\s*(\d{1,2})$/;
const LAST_SOLAR_LOOKING_YEAR = 1699;

const isValidGregorian = ({ year, month, day }: CalendarDate): boolean => {
  const date = new Date(Date.UTC(year, month - 1, day));
  return (
    year >= 1000 && date.getUTCFullYear() === year && date.getUTCMonth() === month - 1 && date.getUTCDate() === day
  );
};

/** The Gregorian day a typed text names, or undefined if it names none. */
export const parseDay = (text: string): CalendarDate | undefined => {
  const match = DAY_TEXT.exec(toAsciiDigits(text.trim()).replaceAll('\u200f', '').replaceAll('\u200e', ''));
  if (!match) return undefined;
  const [year, month, day] = match.slice(1).map(Number) as [number, number, number];
  const typed = { year, month, day };
  if (year <= LAST_SOLAR_LOOKING_YEAR) return isValidSolarDate(typed) ? solarToGregorian(typed) : undefined;
  return isValidGregorian(typed) ? typed : undefined;
};

const tehranParts = new Intl.DateTimeFormat('en-US', {
  timeZone: TIME_ZONE,
  hourCycle: 'h23',
  year: 'numeric',
  month: 'numeric',
  day: 'numeric',
  hour: 'numeric',
  minute: 'numeric',
  second: 'numeric',
});

const wallClock = (instant: number) => {
  const parts = Object.fromEntries(
    tehranParts.formatToParts(new Date(instant)).map(({ type, value }) => [type, Number(value)]),
  );
  return {
    year: parts.year ?? 0,
    month: parts.month ?? 1,
    day: parts.day ?? 1,
    asUtc: Date.UTC(parts.year ?? 0, (parts.month ?? 1) - 1, parts.day ?? 1, parts.hour, parts.minute, parts.second),
  };
};

/** Tehran's offset from UTC at an instant, in milliseconds (it has changed over the years). */
const offsetAt = (instant: number): number => wallClock(instant).asUtc - Math.floor(instant / 1000) * 1000;

const tehranToUtc = (wall: number): number => {
  const first = wall - offsetAt(wall);
  return wall - offsetAt(first);
};

export const dayStart = ({ year, month, day }: CalendarDate): string =>
  new Date(tehranToUtc(Date.UTC(year, month - 1, day))).toISOString();

export const dayEnd = ({ year, month, day }: CalendarDate): string =>
  new Date(tehranToUtc(Date.UTC(year, month - 1, day + 1)) - 1).toISOString();

/** The Gregorian day in Tehran of an instant. */
export const dayOf = (instant: string | Date): CalendarDate | undefined => {
  const time = new Date(instant).getTime();
  if (Number.isNaN(time)) return undefined;
  const { year, month, day } = wallClock(time);
  return { year, month, day };
};

const pad = (value: number, length = 2) => String(value).padStart(length, '0');

/** A day as the filter shows it: Solar Hijri 1405/09/07 in Persian digits, or Gregorian 2026-11-28. */
export const formatDayText = (date: CalendarDate, locale: string): string => {
  if (locale !== 'fa') return `${pad(date.year, 4)}-${pad(date.month)}-${pad(date.day)}`;
  const solar = gregorianToSolar(date);
  return toPersianDigits(`${solar.year}/${pad(solar.month)}/${pad(solar.day)}`);
};

/** Today's date for a file name: 1405-09-07 in Persian (Latin digits), 2026-11-28 otherwise. */
export const fileDay = (now: Date, locale: string): string => {
  const today = dayOf(now) ?? { year: 1970, month: 1, day: 1 };
  const date = locale === 'fa' ? gregorianToSolar(today) : today;
  return `${pad(date.year, 4)}-${pad(date.month)}-${pad(date.day)}`;
};
