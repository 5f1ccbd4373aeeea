import { useRecordContext } from 'react-admin';
import { fullName } from '../requests/fullName.ts';
import type { Graduate } from './types.ts';

export const GraduateTitle = () => {
  const record = useRecordContext<Graduate>();
  return record ? <span>{fullName(record)}</span> : null;
};
