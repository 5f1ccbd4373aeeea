import { useEffect } from 'react';
import { en } from '../i18n/en.ts';
import { fa } from '../i18n/fa.ts';
import { directionOf } from '../i18n/locales.ts';
import { useStoredLocale } from './useStoredLocale.ts';

export const useDocumentDirection = () => {
  const locale = useStoredLocale();
  const direction = directionOf(locale);
  useEffect(() => {
    document.documentElement.lang = locale;
    document.documentElement.dir = direction;
    document.title = (locale === 'en' ? en : fa).app.name;
  }, [locale, direction]);
  return direction;
};
