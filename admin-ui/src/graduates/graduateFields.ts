import type { DetailItem } from '../common/DetailList.tsx';
import { localDigits } from '../common/digits.ts';
import { formatDate } from '../common/formatDate.ts';
import type { Translate } from '../providers/problem.ts';

export const GRADUATE_FIELDS = [
  'firstName',
  'lastName',
  'fatherName',
  'birthDate',
  'gender',
  'nationalId',
  'studentNumber',
  'degreeLevel',
  'faculty',
  'program',
  'scholarship',
] as const;
export type GraduateField = (typeof GRADUATE_FIELDS)[number];

export const formatGraduateValue = (
  field: string,
  value: unknown,
  translate: Translate,
  locale: string,
): string | undefined => {
  if (value === null || value === undefined) return undefined;
  if (field === 'birthDate' && typeof value === 'string') return formatDate(`${value}T12:00:00Z`, locale, 'date');
  if (field === 'gender') return translate(`genders.${String(value)}`);
  if (field === 'degreeLevel') return translate(`degree_levels.${String(value)}`);
  if (field === 'scholarship') return translate(value === true ? 'ra.boolean.true' : 'ra.boolean.false');
  if (field === 'nationalId' || field === 'studentNumber') return localDigits(String(value), locale);
  return String(value);
};

export const graduateItems = (
  graduate: Partial<Record<GraduateField, unknown>>,
  translate: Translate,
  locale: string,
): DetailItem[] =>
  GRADUATE_FIELDS.map((field) => ({
    label: `resources.graduates.fields.${field}`,
    value: formatGraduateValue(field, graduate[field], translate, locale),
  }));
