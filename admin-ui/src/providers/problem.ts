import { HttpError } from 'react-admin';

export type Translate = (key: string, options?: Record<string, unknown>) => string;

/** Without a catalogue (unit tests, early start-up) the server's own words stand. */
const untranslated: Translate = (_key, options) => String(options?._ ?? '');

export interface Problem {
  type?: string;
  title?: string;
  status?: number;
  detail?: string;
  errors?: { field: string; message: string; code?: string }[];
}

const isRecord = (value: unknown): value is Record<string, unknown> => typeof value === 'object' && value !== null;

const isProblem = (body: unknown): body is Problem =>
  isRecord(body) && (typeof body.title === 'string' || typeof body.detail === 'string');

const fieldName = (field: string): string => field.replace(/^\/?(body[./])?/, '').replaceAll('/', '.');

const kindOf = (type: string | undefined): string | undefined => type?.split('/').pop() || undefined;

const fieldErrors = (errors: Problem['errors'], translate: Translate): Record<string, string> | undefined => {
  if (!Array.isArray(errors) || errors.length === 0) return undefined;
  return Object.fromEntries(
    errors.map(({ field, message, code }) => [
      fieldName(field),
      code ? translate(`validation.${code}`, { _: message }) : message,
    ]),
  );
};

/**
 * Problem details become react-admin errors. Messages are translated by the problem's stable `type`
 * and each field error's `code`; the server's English text is the fallback for kinds the UI does not know.
 */
export const problemToHttpError = (error: unknown, translate: Translate = untranslated): unknown => {
  if (error instanceof TypeError) return new HttpError('errors.network', 0);
  if (!(error instanceof HttpError) || !isProblem(error.body)) return error;
  const { errors, ...problem } = error.body;
  const serverText = problem.detail || problem.title || error.message;
  const kind = kindOf(problem.type);
  const message = kind ? translate(`problems.${kind}`, { _: serverText }) || serverText : serverText;
  const byField = fieldErrors(errors, translate);
  return new HttpError(
    message,
    error.status,
    byField ? { ...problem, errors: { ...byField, root: { serverError: message } } } : problem,
  );
};
