import { useRecordContext, useTranslate } from 'react-admin';
import { fullName } from './fullName.ts';
import type { RequestDetail } from './types.ts';

export const RequestTitle = () => {
  const record = useRecordContext<RequestDetail>();
  const translate = useTranslate();
  return record ? <span>{translate('resources.requests.show_title', { name: fullName(record) })}</span> : null;
};
