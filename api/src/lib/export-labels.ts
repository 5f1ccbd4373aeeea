import type { ExportLanguage } from './export.ts';

/** The words of the exported files, as the screens say them (admin-ui/src/i18n). */
type Labels = Readonly<Record<string, Readonly<Record<ExportLanguage, string>>>>;

export const STAGE_LABELS: Labels = {
  draft: { fa: 'پیش‌نویس', en: 'Draft' },
  submitted: { fa: 'ثبت‌شده', en: 'Submitted' },
  under_review: { fa: 'در دست بررسی', en: 'Under review' },
  returned: { fa: 'بازگشته به دانش‌آموخته', en: 'Returned to the graduate' },
  approved: { fa: 'تأییدشده', en: 'Approved' },
  printing: { fa: 'در حال چاپ', en: 'Printing' },
  signing: { fa: 'در انتظار امضا', en: 'Awaiting signature' },
  ready: { fa: 'آمادهٔ تحویل', en: 'Ready for pickup' },
  delivered: { fa: 'تحویل‌شده', en: 'Delivered' },
  withdrawn: { fa: 'انصراف', en: 'Withdrawn' },
};

export const DEGREE_LABELS: Labels = {
  masters: { fa: 'کارشناسی ارشد', en: "Master's" },
  phd: { fa: 'دکتری', en: 'PhD' },
};

export const GENDER_LABELS: Labels = {
  male: { fa: 'مرد', en: 'Male' },
  female: { fa: 'زن', en: 'Female' },
};

export const YES_NO: Readonly<Record<'yes' | 'no', Readonly<Record<ExportLanguage, string>>>> = {
  yes: { fa: 'بله', en: 'Yes' },
  no: { fa: 'خیر', en: 'No' },
};

export const TICK_LABELS: Readonly<Record<'set' | 'unset', Readonly<Record<ExportLanguage, string>>>> = {
  set: { fa: 'زده‌شده', en: 'Set' },
  unset: { fa: 'زده‌نشده', en: 'Not set' },
};

/** A coded value in the file's language; a code the labels do not know is written as it is. */
export const labelOf = (labels: Labels, code: string, lang: ExportLanguage) => labels[code]?.[lang] ?? code;
export const yesNo = (value: boolean, lang: ExportLanguage) => YES_NO[value ? 'yes' : 'no'][lang];
