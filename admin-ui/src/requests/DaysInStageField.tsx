import { Typography } from '@mui/material';
import { useRecordContext, useTranslate } from 'react-admin';

/** Time in the stage, in working days (the API counts them on the Iranian calendar). */
export const DaysInStageField = ({ days, overdue }: { days?: number; overdue?: boolean }) => {
  const record = useRecordContext<{ daysInStage: number; overdue: boolean }>();
  const translate = useTranslate();
  const value = days ?? record?.daysInStage;
  if (value === undefined) return null;
  return (
    <Typography
      component="span"
      variant="body2"
      color={(overdue ?? record?.overdue) ? 'error' : 'text.primary'}
      sx={{ whiteSpace: 'nowrap' }}
    >
      {translate('requests.working_days', { smart_count: value })}
    </Typography>
  );
};
