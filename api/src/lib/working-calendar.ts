import type { ThursdayRule } from '@diploma-desk/db';

/**
 * Working days on the Iranian calendar, as pure functions. A day is a calendar day in Tehran, cut at midnight
 * Asia/Tehran (with the zone's history: Iran kept summer time until 2022). Friday is the weekend; Thursday
 * counts as the calendar's rule says (a whole day, half a day, or none); an official holiday counts none.
 *
 * Days are numbered like epoch days: day 0 is 1970-01-01, a Thursday. Time in a stage counts the days after
 * the one it began on, up to and including today: a request that entered a stage on Saturday has one working
 * day on Sunday, whatever the hour. Counts are in halves internally, so that half Thursdays add up exactly.
 */

export const TIME_ZONE = 'Asia/Tehran';
const DAY_MS = 86_400_000;
const FRIDAY = 5;
const THURSDAY = 4;

export interface WorkingCalendar {
  thursday: ThursdayRule;
  /** Official holidays as day numbers, ascending. */
  holidays: readonly number[];
}

const tehranClock = new Intl.DateTimeFormat('en-US', {
  timeZone: TIME_ZONE,
  hourCycle: 'h23',
  year: 'numeric',
  month: 'numeric',
  day: 'numeric',
  hour: 'numeric',
  minute: 'numeric',
  second: 'numeric',
});

/** The number of the day a Gregorian date (YYYY-MM-DD) names. */
export function dayOfDate(date: string): number {
  const [year, month, day] = date.split('-').map(Number) as [number, number, number];
  return Date.UTC(year, month - 1, day) / DAY_MS;
}

/** The Gregorian date (YYYY-MM-DD) of a day number. */
export function dateOfDay(day: number): string {
  return new Date(day * DAY_MS).toISOString().slice(0, 10);
}

/** Tehran's wall clock at an instant, read as if it were UTC, by ICU (slow: some microseconds a call). */
function wallClockOf(instant: number): number {
  const parts = tehranClock.formatToParts(new Date(instant));
  const part = (type: Intl.DateTimeFormatPartTypes) => Number(parts.find((p) => p.type === type)?.value);
  const ms = ((instant % 1000) + 1000) % 1000;
  return Date.UTC(part('year'), part('month') - 1, part('day'), part('hour'), part('minute'), part('second')) + ms;
}

/**
 * The zone's offset, remembered per UTC day in which it does not change (every day since 2022, and all but two
 * a year before): a list of 500 requests reads two instants each, and ICU alone would spend milliseconds.
 */
const offsets = new Map<number, number | null>();
function offsetAt(instant: number): number {
  const utcDay = Math.floor(instant / DAY_MS);
  let offset = offsets.get(utcDay);
  if (offset === undefined) {
    const start = utcDay * DAY_MS;
    const end = start + DAY_MS - 1;
    offset = wallClockOf(start) - start;
    if (wallClockOf(end) - end !== offset) offset = null;
    if (offsets.size > 100_000) offsets.clear();
    offsets.set(utcDay, offset);
  }
  // On a day the clocks change, ask ICU about the instant itself.
  return offset ?? wallClockOf(instant) - instant;
}

/** The day an instant falls on in Tehran. */
export function tehranDay(instant: number): number {
  return Math.floor((instant + offsetAt(instant)) / DAY_MS);
}

/**
 * The first instant of a day in Tehran. Usually its midnight; on a day whose midnight the clocks skipped
 * (summer time began at 00:00 until 2022) the moment the clocks jumped.
 */
export function startOfTehranDay(day: number): number {
  const midnight = day * DAY_MS;
  const candidates = [offsetAt(midnight - DAY_MS / 2), offsetAt(midnight + DAY_MS / 2)].map((o) => midnight - o);
  return Math.min(...candidates.filter((t) => tehranDay(t) === day));
}

/** The weekday of a day number: 0 Sunday … 6 Saturday, as Date#getUTCDay. */
export const weekday = (day: number) => (((day + THURSDAY) % 7) + 7) % 7;

/** What a day of the week counts, in halves, before holidays. */
function weekdayHalves(calendar: WorkingCalendar, day: number): number {
  const wd = weekday(day);
  if (wd === FRIDAY) return 0;
  if (wd === THURSDAY) return calendar.thursday === 'working' ? 2 : calendar.thursday === 'half' ? 1 : 0;
  return 2;
}

/** The index of the first holiday on or after a day (binary search). */
function firstHolidayFrom(holidays: readonly number[], day: number): number {
  let lo = 0;
  let hi = holidays.length;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if (holidays[mid]! < day) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}

const isHoliday = (calendar: WorkingCalendar, day: number) =>
  calendar.holidays[firstHolidayFrom(calendar.holidays, day)] === day;

/** What one day counts, in working days: 0, 0.5 or 1. */
export function dayValue(calendar: WorkingCalendar, day: number): number {
  return isHoliday(calendar, day) ? 0 : weekdayHalves(calendar, day) / 2;
}

/** Halves over the days after `after` up to and including `last`: whole weeks at once, then holidays taken out. */
function halvesBetween(calendar: WorkingCalendar, after: number, last: number): number {
  if (last <= after) return 0;
  const days = last - after;
  let halves = 0;
  for (let d = after + 1; d <= after + 7 && d <= last; d++) halves += weekdayHalves(calendar, d);
  halves *= Math.floor(days / 7);
  for (let d = after + 7 * Math.floor(days / 7) + 1; d <= last; d++) halves += weekdayHalves(calendar, d);
  for (let i = firstHolidayFrom(calendar.holidays, after + 1); i < calendar.holidays.length; i++) {
    const h = calendar.holidays[i]!;
    if (h > last) break;
    halves -= weekdayHalves(calendar, h);
  }
  return halves;
}

/**
 * Working days from one instant to another: the days after the day of `from` up to and including the day of
 * `to`, each counted by the calendar (0, ½ or 1). Zero when `to` is not after `from`.
 */
export function workingDaysBetween(calendar: WorkingCalendar, from: Date | number, to: Date | number): number {
  const start = typeof from === 'number' ? from : from.getTime();
  const end = typeof to === 'number' ? to : to.getTime();
  if (end <= start) return 0;
  return halvesBetween(calendar, tehranDay(start), tehranDay(end)) / 2;
}

/** Far enough back for any target (365 working days) whatever holidays an admin enters. */
const MAX_DAYS_BACK = 3 * 366 * 2;

/**
 * The inverse the list filter needs: the instant before which a request must have entered its stage to be
 * past `targetDays` working days at `now`. For every instant t:
 * `t < overdueCutoff(c, now, n)` exactly when `workingDaysBetween(c, t, now) > n`.
 * The cutoff is the start of a day in Tehran, so the filter stays one indexable comparison per stage.
 */
export function overdueCutoff(calendar: WorkingCalendar, now: Date | number, targetDays: number): Date {
  const today = tehranDay(typeof now === 'number' ? now : now.getTime());
  const limit = Math.round(targetDays * 2);
  let halves = 0;
  // Walking back from today: once the days from `day` to today count more than the target, a request that
  // entered on the day before `day` (or earlier) is past it, and one that entered on `day` (or later) is not.
  for (let day = today; day > today - MAX_DAYS_BACK; day--) {
    halves += isHoliday(calendar, day) ? 0 : weekdayHalves(calendar, day);
    if (halves > limit) return new Date(startOfTehranDay(day));
  }
  throw new RangeError(`no ${targetDays} working days in the ${MAX_DAYS_BACK} days before ${dateOfDay(today)}`);
}

/** A calendar from the stored rule and holiday dates (YYYY-MM-DD, in any order). */
export function workingCalendar(thursday: ThursdayRule, holidayDates: Iterable<string>): WorkingCalendar {
  const holidays = [...new Set([...holidayDates].map(dayOfDate))].sort((a, b) => a - b);
  return { thursday, holidays };
}
