import HourglassEmptyIcon from '@mui/icons-material/HourglassEmpty';
import ScheduleIcon from '@mui/icons-material/Schedule';
import { Chip, Tooltip } from '@mui/material';
import { useRecordContext, useTranslate } from 'react-admin';
import type { RequestSummary } from './types.ts';

type Flags = Pick<RequestSummary, 'overdue' | 'stageTargetDays' | 'waitingOn' | 'waitingOnGraduate'>;

/**
 * Past target: a red chip naming the target, with the offices that are late in its explanation. A request
 * waiting on the graduate (draft, returned) is never late for an office: it says so instead.
 */
export const OverdueChip = ({ request }: { request?: Flags }) => {
  const record = useRecordContext<Flags>();
  const translate = useTranslate();
  const flags = request ?? record;
  if (!flags) return null;
  if (flags.waitingOnGraduate) {
    return (
      <Chip
        size="small"
        variant="outlined"
        icon={<HourglassEmptyIcon />}
        label={translate('requests.waiting_on_graduate')}
      />
    );
  }
  if (!flags.overdue) return null;
  const days = { days: flags.stageTargetDays ?? 0 };
  const late = (flags.waitingOn ?? [])
    .filter((w) => w.overdue)
    .map((w) =>
      translate('requests.overdue.office', {
        office: translate(`assignment.offices.${w.office}`),
        days: w.targetDays,
      }),
    )
    .join(translate('requests.overdue.separator'));
  const explanation = `${translate('requests.overdue.explanation', days)} ${translate('requests.overdue.late', { offices: late })}`;
  return (
    <Tooltip title={explanation}>
      <Chip
        size="small"
        color="error"
        icon={<ScheduleIcon />}
        label={translate('requests.overdue.label', days)}
        aria-label={explanation}
      />
    </Tooltip>
  );
};
