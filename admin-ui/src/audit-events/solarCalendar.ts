/**
 * Solar Hijri (Jalali) ↔ Gregorian conversion by day numbers, after Borkowski's algorithm as jalaali-js
 * implements it: the leap years follow the 33-year cycles between the listed break years, which matches
 * the official calendar for the years 1178–3177 SH. Intl can show Solar Hijri dates but cannot read them.
 */

export interface CalendarDate {
  year: number;
  month: number;
  day: number;
}

const BREAKS = [
  -61, 9, 38, 199, 426, 686, 756, 818, 1111, 1181, 1210, 1635, 2060, 2097, 2192, 2262, 2324, 2394, 2456, 3178,
];
export const FIRST_SOLAR_YEAR = BREAKS[0] ?? -61;
export const LAST_SOLAR_YEAR = (BREAKS[BREAKS.length - 1] ?? 3178) - 1;

const div = (a: number, b: number) => Math.trunc(a / b);
const mod = (a: number, b: number) => a - Math.trunc(a / b) * b;

interface YearInfo {
  /** 0 in a leap year: the number of years since the last leap year otherwise. */
  leap: number;
  gregorianYear: number;
  /** The day of March on which the year's 1 Farvardin falls. */
  march: number;
}

const yearInfo = (year: number): YearInfo => {
  if (year < FIRST_SOLAR_YEAR || year > LAST_SOLAR_YEAR) throw new RangeError(`Solar Hijri year out of range: ${year}`);
  const gregorianYear = year + 621;
  let leapJ = -14;
  let jp = FIRST_SOLAR_YEAR;
  let jump = 0;
  for (const jm of BREAKS.slice(1)) {
    jump = jm - jp;
    if (year < jm) break;
    leapJ += div(jump, 33) * 8 + div(mod(jump, 33), 4);
    jp = jm;
  }
  let n = year - jp;
  leapJ += div(n, 33) * 8 + div(mod(n, 33) + 3, 4);
  if (mod(jump, 33) === 4 && jump - n === 4) leapJ += 1;
  const leapG = div(gregorianYear, 4) - div((div(gregorianYear, 100) + 1) * 3, 4) - 150;
  const march = 20 + leapJ - leapG;
  if (jump - n < 6) n = n - jump + div(jump + 4, 33) * 33;
  const leap = mod(mod(n + 1, 33) - 1, 4);
  return { leap: leap === -1 ? 4 : leap, gregorianYear, march };
};

/** Julian day number of a Gregorian date. */
const gregorianToDay = ({ year, month, day }: CalendarDate): number => {
  const d = div((year + div(month - 8, 6) + 100100) * 1461, 4) + div(153 * mod(month + 9, 12) + 2, 5) + day - 34840408;
  return d - div(div(year + 100100 + div(month - 8, 6), 100) * 3, 4) + 752;
};

const dayToGregorian = (jdn: number): CalendarDate => {
  let j = 4 * jdn + 139361631;
  j = j + div(div(4 * jdn + 183187720, 146097) * 3, 4) * 4 - 3908;
  const i = div(mod(j, 1461), 4) * 5 + 308;
  const day = div(mod(i, 153), 5) + 1;
  const month = mod(div(i, 153), 12) + 1;
  return { year: div(j, 1461) - 100100 + div(8 - month, 6), month, day };
};

const solarToDay = ({ year, month, day }: CalendarDate): number => {
  const { gregorianYear, march } = yearInfo(year);
  return (
    gregorianToDay({ year: gregorianYear, month: 3, day: march }) +
    (month - 1) * 31 -
    div(month, 7) * (month - 7) +
    day -
    1
  );
};

const dayToSolar = (jdn: number): CalendarDate => {
  const gregorianYear = dayToGregorian(jdn).year;
  let year = gregorianYear - 621;
  const info = yearInfo(year);
  let k = jdn - gregorianToDay({ year: gregorianYear, month: 3, day: info.march });
  if (k >= 0) {
    if (k <= 185) return { year, month: 1 + div(k, 31), day: mod(k, 31) + 1 };
    k -= 186;
  } else {
    year -= 1;
    k += 179;
    if (info.leap === 1) k += 1;
  }
  return { year, month: 7 + div(k, 30), day: mod(k, 30) + 1 };
};

export const isSolarLeapYear = (year: number): boolean => yearInfo(year).leap === 0;

export const solarMonthLength = (year: number, month: number): number => {
  if (month <= 6) return 31;
  if (month <= 11) return 30;
  return isSolarLeapYear(year) ? 30 : 29;
};

export const isValidSolarDate = ({ year, month, day }: CalendarDate): boolean =>
  Number.isInteger(year) &&
  Number.isInteger(month) &&
  Number.isInteger(day) &&
  year >= FIRST_SOLAR_YEAR &&
  year <= LAST_SOLAR_YEAR &&
  month >= 1 &&
  month <= 12 &&
  day >= 1 &&
  day <= solarMonthLength(year, month);

export const solarToGregorian = (date: CalendarDate): CalendarDate => dayToGregorian(solarToDay(date));

export const gregorianToSolar = (date: CalendarDate): CalendarDate => dayToSolar(gregorianToDay(date));
