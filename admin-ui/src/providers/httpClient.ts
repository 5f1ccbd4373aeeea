import { fetchUtils } from 'react-admin';
import { i18nProvider } from '../i18n/i18nProvider.ts';
import { problemToHttpError } from './problem.ts';

export const httpClient = (url: string, options: fetchUtils.Options = {}) => {
  const headers = new Headers(options.headers ?? { Accept: 'application/json' });
  headers.set('Accept-Language', i18nProvider.getLocale());
  return fetchUtils
    .fetchJson(url, { ...options, headers, credentials: 'same-origin' })
    .catch((error: unknown) => Promise.reject(problemToHttpError(error, i18nProvider.translate)));
};
