import { dayEnd, dayOf, dayStart, formatDayText, parseDay } from './dayText.ts';
import type { AuditFilter } from './types.ts';

const INSTANT = /^\d{4}-\d{2}-\d{2}T/;

/** What names no day (say, a hand-edited address) goes as it is, for the API to refuse rather than ignore. */
const bound = (value: unknown, edge: typeof dayStart): unknown => {
  if (typeof value !== 'string' || INSTANT.test(value)) return value;
  const day = parseDay(value);
  return day ? edge(day) : value;
};

/**
 * The list's filter as the API reads it. The date range holds days as typed (Solar Hijri or Gregorian, in
 * any digits), so that the address bar stays readable; the API gets the instants that bound them in Tehran.
 */
export const toApiFilter = ({ from, to, ...filter }: AuditFilter): AuditFilter => {
  const start = bound(from, dayStart);
  const end = bound(to, dayEnd);
  return { ...filter, ...(start === undefined ? {} : { from: start }), ...(end === undefined ? {} : { to: end }) };
};

/** An instant as the day it falls on in Tehran, written as the filter shows days in the language. */
const dayText = (value: unknown, locale: string): unknown => {
  if (typeof value !== 'string' || !INSTANT.test(value)) return value;
  const day = dayOf(value);
  return day ? formatDayText(day, locale) : value;
};

/** The API's filter as the list shows it (a saved view keeps the API's): the range's instants become days again. */
export const fromApiFilter = ({ from, to, ...filter }: AuditFilter, locale: string): AuditFilter => ({
  ...filter,
  ...(from === undefined ? {} : { from: dayText(from, locale) }),
  ...(to === undefined ? {} : { to: dayText(to, locale) }),
});
