export const TIME_ZONE = 'Asia/Tehran';

const intlLocale = (locale: string): string => (locale === 'fa' ? 'fa-IR-u-ca-persian' : 'en-GB');

const FORMATS = {
  date: { day: 'numeric', month: 'long', year: 'numeric' },
  dateTime: { dateStyle: 'medium', timeStyle: 'short' },
  dateTimeSeconds: { dateStyle: 'medium', timeStyle: 'medium' },
  weekday: { weekday: 'long' },
} satisfies Record<string, Intl.DateTimeFormatOptions>;

export type DateFormat = keyof typeof FORMATS;

const toDate = (value: Date | string | number): Date => (value instanceof Date ? value : new Date(value));

export const formatDate = (value: Date | string | number, locale: string, format: DateFormat = 'dateTime'): string => {
  const date = toDate(value);
  if (Number.isNaN(date.getTime())) return '';
  return new Intl.DateTimeFormat(intlLocale(locale), { ...FORMATS[format], timeZone: TIME_ZONE }).format(date);
};

export const formatDay = (value: Date | string | number, locale: string): string => {
  const separator = locale === 'fa' ? '، ' : ', ';
  return [formatDate(value, locale, 'weekday'), formatDate(value, locale, 'date')].join(separator);
};
