import { Chip } from '@mui/material';
import { useRecordContext, useTranslate } from 'react-admin';
import type { User } from './types.ts';

export const ActiveField = () => {
  const record = useRecordContext<User>();
  const translate = useTranslate();
  if (!record) return null;
  return (
    <Chip
      size="small"
      variant={record.active ? 'filled' : 'outlined'}
      color={record.active ? 'success' : 'default'}
      label={translate(record.active ? 'resources.users.status.active' : 'resources.users.status.inactive')}
    />
  );
};
