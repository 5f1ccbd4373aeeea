import { Typography } from '@mui/material';
import { useTranslate } from 'react-admin';
import type { RequestSummary } from './types.ts';

/** Who the request waits on now, each office with its target and whether it is past it. */
export const WaitingOn = ({ request }: { request: Pick<RequestSummary, 'waitingOn' | 'waitingOnGraduate'> }) => {
  const translate = useTranslate();
  if (request.waitingOnGraduate || !request.waitingOn || request.waitingOn.length === 0) return null;
  const offices = request.waitingOn
    .map((w) =>
      translate(w.overdue ? 'requests.waiting.late' : 'requests.waiting.within', {
        office: translate(`assignment.offices.${w.office}`),
        days: w.targetDays,
      }),
    )
    .join(translate('requests.overdue.separator'));
  return (
    <Typography variant="body2" color="text.secondary">
      {translate('requests.waiting.on', { offices })}
    </Typography>
  );
};
