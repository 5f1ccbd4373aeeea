import type { GraduateRow } from '@diploma-desk/db';
import type { ExportColumn } from '../../lib/export.ts';
import { DEGREE_LABELS, GENDER_LABELS, labelOf } from '../../lib/export-labels.ts';

/** The graduate list's columns (and the filters' gender), as the export writes them. */
export const GRADUATE_EXPORT_COLUMNS: ReadonlyArray<ExportColumn<GraduateRow>> = [
  { header: { fa: 'نام خانوادگی', en: 'Last name' }, width: 20, value: (g) => g.lastName },
  { header: { fa: 'نام', en: 'First name' }, width: 16, value: (g) => g.firstName },
  { header: { fa: 'شمارهٔ دانشجویی', en: 'Student number' }, width: 16, value: (g) => g.studentNumber },
  { header: { fa: 'کد ملی', en: 'National ID' }, width: 13, value: (g) => g.nationalId },
  { header: { fa: 'جنسیت', en: 'Gender' }, width: 8, value: (g, lang) => labelOf(GENDER_LABELS, g.gender, lang) },
  {
    header: { fa: 'مقطع', en: 'Degree' },
    width: 14,
    value: (g, lang) => labelOf(DEGREE_LABELS, g.degreeLevel, lang),
  },
  { header: { fa: 'دانشکده', en: 'Faculty' }, width: 24, value: (g) => g.faculty },
  { header: { fa: 'رشته', en: 'Program' }, width: 24, value: (g) => g.program },
  { header: { fa: 'تاریخ ثبت', en: 'Recorded' }, width: 17, value: (g) => g.createdAt },
  { header: { fa: 'شناسه', en: 'ID' }, width: 38, value: (g) => g.id },
];
