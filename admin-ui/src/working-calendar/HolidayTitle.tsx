import { useLocaleState, useRecordContext, useTranslate } from 'react-admin';
import type { Holiday } from './types.ts';

export const HolidayTitle = () => {
  const record = useRecordContext<Holiday>();
  const translate = useTranslate();
  const [locale] = useLocaleState();
  if (!record) return null;
  return (
    <span>{translate('resources.holidays.edit_title', { name: locale === 'fa' ? record.nameFa : record.nameEn })}</span>
  );
};
