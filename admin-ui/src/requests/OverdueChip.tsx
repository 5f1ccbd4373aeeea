import ScheduleIcon from '@mui/icons-material/Schedule';
import { Chip, Tooltip } from '@mui/material';
import { useRecordContext, useTranslate } from 'react-admin';

export const OverdueChip = ({ overdue, targetDays }: { overdue?: boolean; targetDays?: number }) => {
  const record = useRecordContext<{ overdue: boolean; stageTargetDays: number }>();
  const translate = useTranslate();
  if (!(overdue ?? record?.overdue)) return null;
  const days = { days: targetDays ?? record?.stageTargetDays ?? 14 };
  return (
    <Tooltip title={translate('requests.overdue.explanation', days)}>
      <Chip
        size="small"
        color="error"
        icon={<ScheduleIcon />}
        label={translate('requests.overdue.label', days)}
        aria-label={translate('requests.overdue.explanation', days)}
      />
    </Tooltip>
  );
};
