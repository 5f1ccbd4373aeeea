import { Stack, Typography } from '@mui/material';
import { useLocaleState, useRecordContext } from 'react-admin';
import { formatDate, TIME_ZONE } from '../common/formatDate.ts';
import { isoToInstant } from './holidayDates.ts';
import type { Holiday } from './types.ts';

const inCalendar = (instant: string, locale: string, calendar: 'persian' | 'gregory') =>
  new Intl.DateTimeFormat(`${locale === 'fa' ? 'fa-IR' : 'en-GB'}-u-ca-${calendar}`, {
    day: 'numeric',
    month: 'long',
    year: 'numeric',
    timeZone: TIME_ZONE,
  }).format(new Date(instant));

/** The Solar Hijri day (in either language), its weekday, and the Gregorian day. */
export const HolidayDateField = () => {
  const record = useRecordContext<Holiday>();
  const [locale] = useLocaleState();
  const instant = record ? isoToInstant(record.date) : undefined;
  if (!record || !instant) return null;
  return (
    <Stack component="span" sx={{ whiteSpace: 'nowrap' }}>
      <Typography component="span" variant="body2">
        {inCalendar(instant, locale, 'persian')}
      </Typography>
      <Typography component="span" variant="caption" color="text.secondary">
        {`${formatDate(instant, locale, 'weekday')} · ${inCalendar(instant, locale, 'gregory')}`}
      </Typography>
    </Stack>
  );
};
