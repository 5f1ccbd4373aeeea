import polyglotI18nProvider from 'ra-i18n-polyglot';
import type { I18nProvider } from 'react-admin';
import { store } from '../store.ts';
import { withIsolatedText, withPersianNumbers } from './interpolation.ts';
import { DEFAULT_LOCALE, LOCALES } from './locales.ts';
import { catalogFor } from './messages.ts';

const polyglot = polyglotI18nProvider(catalogFor, store.getItem('locale', DEFAULT_LOCALE), LOCALES, {
  allowMissing: true,
});

export const i18nProvider: I18nProvider = {
  ...polyglot,
  translate: (key: string, options?: Record<string, unknown>) => {
    const isolated = withIsolatedText(options);
    return polyglot.translate(key, polyglot.getLocale() === 'fa' ? withPersianNumbers(isolated) : isolated);
  },
};
