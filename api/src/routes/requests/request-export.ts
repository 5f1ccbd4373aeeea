import type { Static } from 'typebox';
import type { ExportColumn, ExportLanguage } from '../../lib/export.ts';
import { DEGREE_LABELS, labelOf, STAGE_LABELS, TICK_LABELS, yesNo } from '../../lib/export-labels.ts';
import type { RequestSummary } from '../../schemas/requests.ts';

type Summary = Static<typeof RequestSummary>;

const tick = (set: boolean, lang: ExportLanguage) => TICK_LABELS[set ? 'set' : 'unset'][lang];

/**
 * The request list's columns, from the very rows the list answers with (its overdue flag and working days by
 * the viewer's stage targets, the holders the viewer may see), plus what a spreadsheet needs apart: the
 * names split, the degree, faculty and program, and the request's id.
 */
export const REQUEST_EXPORT_COLUMNS: ReadonlyArray<ExportColumn<Summary>> = [
  { header: { fa: 'نام خانوادگی', en: 'Last name' }, width: 20, value: (r) => r.lastName },
  { header: { fa: 'نام', en: 'First name' }, width: 16, value: (r) => r.firstName },
  { header: { fa: 'شمارهٔ دانشجویی', en: 'Student number' }, width: 16, value: (r) => r.studentNumber },
  { header: { fa: 'کد ملی', en: 'National ID' }, width: 13, value: (r) => r.nationalId },
  { header: { fa: 'مقطع', en: 'Degree' }, width: 14, value: (r, lang) => labelOf(DEGREE_LABELS, r.degreeLevel, lang) },
  { header: { fa: 'دانشکده', en: 'Faculty' }, width: 24, value: (r) => r.faculty },
  { header: { fa: 'رشته', en: 'Program' }, width: 24, value: (r) => r.program },
  { header: { fa: 'مرحله', en: 'Stage' }, width: 20, value: (r, lang) => labelOf(STAGE_LABELS, r.stage, lang) },
  { header: { fa: 'در این مرحله از', en: 'In stage since' }, width: 17, value: (r) => new Date(r.stageEnteredAt) },
  { header: { fa: 'روز کاری در این مرحله', en: 'Working days in stage' }, width: 10, value: (r) => r.daysInStage },
  { header: { fa: 'دیرکرد', en: 'Overdue' }, width: 8, value: (r, lang) => yesNo(r.overdue, lang) },
  {
    header: { fa: 'کارشناس مسئول', en: 'Held by' },
    width: 22,
    value: (r, lang) => (r.assignments ?? []).map((a) => a.assignee.displayName).join(lang === 'fa' ? '، ' : '; '),
  },
  {
    header: { fa: 'تیک لغو تعهد', en: 'Cancellation tick' },
    width: 12,
    value: (r, lang) => tick(r.ticks.cancellation, lang),
  },
  { header: { fa: 'تیک صندوق رفاه', en: 'Welfare tick' }, width: 12, value: (r, lang) => tick(r.ticks.welfare, lang) },
  { header: { fa: 'آخرین تغییر', en: 'Last changed' }, width: 17, value: (r) => new Date(r.updatedAt) },
  { header: { fa: 'شناسهٔ درخواست', en: 'Request ID' }, width: 38, value: (r) => r.id },
];
