import { fetchUtils, HttpError } from 'react-admin';
import { i18nProvider } from '../i18n/i18nProvider.ts';
import { problemToHttpError } from './problem.ts';

export const httpClient = (url: string, options: fetchUtils.Options = {}) => {
  const headers = new Headers(options.headers ?? { Accept: 'application/json' });
  headers.set('Accept-Language', i18nProvider.getLocale());
  return fetchUtils
    .fetchJson(url, { ...options, headers, credentials: 'same-origin' })
    .catch((error: unknown) => Promise.reject(problemToHttpError(error, i18nProvider.translate)));
};

/** A response to read as a stream (a download), with the same headers and error translation as httpClient. */
export const fetchResponse = async (url: string, init: RequestInit = {}): Promise<Response> => {
  const headers = new Headers(init.headers);
  headers.set('Accept-Language', i18nProvider.getLocale());
  const response = await fetch(url, { ...init, headers, credentials: 'same-origin' }).catch((error: unknown) =>
    Promise.reject(problemToHttpError(error, i18nProvider.translate)),
  );
  if (response.ok) return response;
  const text = await response.text();
  let body: unknown = text;
  try {
    body = JSON.parse(text);
  } catch {}
  throw problemToHttpError(new HttpError(response.statusText, response.status, body), i18nProvider.translate);
};
