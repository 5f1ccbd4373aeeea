/**
 * Dates as the educational portal writes them: Solar Hijri, year first (1374/01/05, 1374-1-5, 13740105), with
 * Gregorian ISO dates (1995-03-25) also taken. The year tells them apart: 1200–1499 is Solar Hijri, 1800–2199
 * Gregorian; day-first forms are ambiguous and refused.
 *
 * Solar Hijri dates are converted through Intl's Persian calendar, the one the UI shows dates in, so that a
 * date imported as 1374/01/05 is shown as 1374/01/05 again; a date that does not exist (1403/12/31 in a common
 * year, 1374/07/31) matches no day and is refused.
 */

export interface CalendarDate {
  calendar: 'solar' | 'gregorian';
  year: number;
  month: number;
  day: number;
  /** The same day on the Gregorian calendar, YYYY-MM-DD. */
  iso: string;
}

const DAY_MS = 86_400_000;
const PERSIAN = new Intl.DateTimeFormat('en-US-u-ca-persian-nu-latn', {
  timeZone: 'UTC',
  year: 'numeric',
  month: 'numeric',
  day: 'numeric',
});

const pad = (n: number, width = 2) => String(n).padStart(width, '0');
const isoOf = (ms: number) => new Date(ms).toISOString().slice(0, 10);

function solarOf(ms: number): [number, number, number] {
  const parts = PERSIAN.formatToParts(new Date(ms));
  const part = (type: string) => Number(parts.find((p) => p.type === type)?.value);
  return [part('year'), part('month'), part('day')];
}

/** The Gregorian day of a Solar Hijri date, or null when there is no such date. */
export function solarToIso(year: number, month: number, day: number): string | null {
  if (month < 1 || month > 12 || day < 1 || day > 31) return null;
  // Farvardin 1 falls on 20–22 March of year + 621; the first six months have 31 days, the next five 30.
  const dayOfYear = month <= 7 ? (month - 1) * 31 + day - 1 : 186 + (month - 7) * 30 + day - 1;
  const guess = Date.UTC(year + 621, 2, 21) + dayOfYear * DAY_MS;
  for (const shift of [0, -1, 1, -2, 2]) {
    const ms = guess + shift * DAY_MS;
    const [y, m, d] = solarOf(ms);
    if (y === year && m === month && d === day) return isoOf(ms);
  }
  return null;
}

const YEAR_FIRST = /^([0-9]{4})[/\-.]([0-9]{1,2})[/\-.]([0-9]{1,2})(?:\s+[0-9]{1,2}:[0-9]{2}(?::[0-9]{2})?)?$/;
const COMPACT = /^([0-9]{4})([0-9]{2})([0-9]{2})$/;

/** Reads a date written year first in ASCII digits; null when it is not a date that exists. */
export function readDate(text: string): CalendarDate | null {
  const match = YEAR_FIRST.exec(text) ?? COMPACT.exec(text);
  if (!match) return null;
  const [year, month, day] = [Number(match[1]), Number(match[2]), Number(match[3])];
  if (year >= 1200 && year <= 1499) {
    const iso = solarToIso(year, month, day);
    return iso ? { calendar: 'solar', year, month, day, iso } : null;
  }
  if (year >= 1800 && year <= 2199) {
    const ms = Date.UTC(year, month - 1, day);
    const iso = isoOf(ms);
    return iso === `${pad(year, 4)}-${pad(month)}-${pad(day)}`
      ? { calendar: 'gregorian', year, month, day, iso }
      : null;
  }
  return null;
}

export const isoDate = (date: CalendarDate) => date.iso;
