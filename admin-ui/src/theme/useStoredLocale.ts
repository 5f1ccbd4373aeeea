import { useSyncExternalStore } from 'react';
import { DEFAULT_LOCALE } from '../i18n/locales.ts';
import { store } from '../store.ts';

const subscribe = (onChange: () => void) => store.subscribe('locale', onChange);

const getLocale = (): string => store.getItem('locale', DEFAULT_LOCALE) ?? DEFAULT_LOCALE;

export const useStoredLocale = () => useSyncExternalStore(subscribe, getLocale);
