import { useRecordContext, useTranslate } from 'react-admin';
import type { User } from './types.ts';

export const UserTitle = () => {
  const record = useRecordContext<User>();
  const translate = useTranslate();
  return record ? <span>{translate('resources.users.edit_title', { name: record.displayName })}</span> : null;
};
