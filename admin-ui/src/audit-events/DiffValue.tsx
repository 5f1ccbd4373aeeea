import { Box, Stack, Typography } from '@mui/material';
import { useLocaleState } from 'react-admin';
import { formatDate } from '../common/formatDate.ts';
import { Mono } from './Mono.tsx';

const INSTANT = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d+)?(Z|[+-]\d{2}:\d{2})$/;

/** A recorded instant as stored, and as people read it (Solar Hijri in Persian). */
const Instant = ({ value }: { value: string }) => {
  const [locale] = useLocaleState();
  return (
    <Stack component="span">
      <Mono>{value}</Mono>
      <Typography variant="caption" component="span" color="text.secondary">
        {formatDate(value, locale, 'dateTimeSeconds')}
      </Typography>
    </Stack>
  );
};

/** One side of a change: text as written (either direction), instants also readably, anything else as JSON. */
export const DiffValue = ({ value }: { value: unknown }) => {
  if (value === undefined) return <span aria-hidden>—</span>;
  if (typeof value === 'string' && INSTANT.test(value)) return <Instant value={value} />;
  if (typeof value === 'string') {
    return (
      <Box component="span" dir="auto" sx={{ whiteSpace: 'pre-wrap', wordBreak: 'break-word' }}>
        {value}
      </Box>
    );
  }
  return <Mono sx={{ wordBreak: 'break-word' }}>{JSON.stringify(value)}</Mono>;
};
