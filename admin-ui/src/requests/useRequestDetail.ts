import { useRecordContext } from 'react-admin';
import type { RequestDetail } from './types.ts';

/** react-admin first shows the list's summary of a record; the parts of the detail arrive with the refetch. */
export const isRequestDetail = (record: unknown): record is RequestDetail =>
  typeof record === 'object' && record !== null && 'allowedActions' in record && Array.isArray(record.allowedActions);

export const useRequestDetail = (): RequestDetail | undefined => {
  const record = useRecordContext();
  return isRequestDetail(record) ? record : undefined;
};
