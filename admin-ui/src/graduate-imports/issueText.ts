import { formatDate } from '../common/formatDate.ts';
import type { ImportIssue } from './types.ts';

type Translate = (key: string, options?: Record<string, unknown>) => string;

const ISO_DATE = /^\d{4}-\d{2}-\d{2}$/;

/** A value as the graduate's page shows it: a date on the reader's calendar, a choice in words. */
export function shownValue(field: string | undefined, value: unknown, translate: Translate, locale: string): string {
  if (typeof value === 'boolean') return translate(value ? 'graduate_imports.yes' : 'graduate_imports.no');
  const text = String(value ?? '');
  if (field === 'birthDate' && ISO_DATE.test(text)) return formatDate(`${text}T12:00:00Z`, locale, 'date');
  if (field === 'gender') return translate(`genders.${text}`, { _: text });
  if (field === 'degreeLevel') return translate(`degree_levels.${text}`, { _: text });
  if (field === 'scholarship') return translate(`graduate_imports.${text === 'true' ? 'yes' : 'no'}`, { _: text });
  return text;
}

/** One finding about a line of the file, in the reader's language: the field it is about, then what. */
export function issueText(issue: ImportIssue, translate: Translate, locale: string): string {
  const field = issue.field ? translate(`resources.graduates.fields.${issue.field}`, { _: issue.field }) : '';
  const params = issue.params ?? {};
  const options: Record<string, unknown> = {
    ...params,
    field,
    _: issue.code,
    ...(params.recorded !== undefined ? { recorded: shownValue(issue.field, params.recorded, translate, locale) } : {}),
    ...(typeof params.line === 'number' ? { line: params.line } : {}),
  };
  return translate(`graduate_imports.issues.${issue.code}`, options);
}
