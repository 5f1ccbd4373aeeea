import { TIME_ZONE } from '../common/formatDate.ts';

/**
 * A week's label, from the Saturday it starts on (`YYYY-MM-DD`, Tehran): "۱۲ آذر" in Persian (Solar Hijri,
 * Persian digits), "3 Dec" in English. Noon of that day, so that no time zone moves it to another date.
 */
export const weekLabel = (week: string, locale: string): string =>
  new Intl.DateTimeFormat(locale === 'fa' ? 'fa-IR-u-ca-persian' : 'en-GB', {
    day: 'numeric',
    month: locale === 'fa' ? 'long' : 'short',
    timeZone: TIME_ZONE,
  }).format(new Date(`${week}T12:00:00+03:30`));
