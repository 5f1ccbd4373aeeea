import { useLocaleState, useRecordContext, useTranslate } from 'react-admin';
import { localDigits } from '../common/digits.ts';
import type { AuditEvent } from './types.ts';

export const AuditEventTitle = () => {
  const record = useRecordContext<AuditEvent>();
  const translate = useTranslate();
  const [locale] = useLocaleState();
  return record ? <span>{translate('audit.show_title', { id: localDigits(String(record.id), locale) })}</span> : null;
};
