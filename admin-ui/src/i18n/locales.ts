export const DEFAULT_LOCALE = 'fa';

export const LOCALES = [
  { locale: 'fa', name: 'فارسی' },
  { locale: 'en', name: 'English' },
];

export type Direction = 'rtl' | 'ltr';

export const directionOf = (locale: string): Direction => (locale === 'fa' ? 'rtl' : 'ltr');
