import ArrowBackIcon from '@mui/icons-material/ArrowBack';
import ArrowForwardIcon from '@mui/icons-material/ArrowForward';
import { Paper, Stack, Typography, useTheme } from '@mui/material';
import { useTranslate } from 'react-admin';
import { DateTimeField } from '../common/DateTimeField.tsx';
import { StageChip } from './StageChip.tsx';
import type { HistoryEntry } from './types.ts';
import { useRequestDetail } from './useRequestDetail.ts';

const TimelineEntry = ({ entry }: { entry: HistoryEntry }) => {
  const translate = useTranslate();
  const Arrow = useTheme().direction === 'rtl' ? ArrowBackIcon : ArrowForwardIcon;
  return (
    <Paper component="li" variant="outlined" sx={{ p: 1.5, listStyle: 'none' }}>
      <Stack direction="row" spacing={1} useFlexGap sx={{ alignItems: 'center', flexWrap: 'wrap' }}>
        <DateTimeField record={entry} source="at" />
        <Typography variant="body2" sx={{ fontWeight: 600 }}>
          {translate(`actions.${entry.action}`, { _: entry.action })}
        </Typography>
        {entry.fromStage && <StageChip stage={entry.fromStage} />}
        {entry.fromStage && <Arrow fontSize="small" color="action" />}
        <StageChip stage={entry.toStage} />
        <Typography variant="body2" color="text.secondary">
          {entry.role ? translate(`roles.${entry.role}`, { _: entry.role }) : translate('requests.timeline.system')}
        </Typography>
      </Stack>
      {entry.note && (
        <Typography variant="body2" sx={{ mt: 1, whiteSpace: 'pre-wrap' }} dir="auto">
          {entry.note}
        </Typography>
      )}
    </Paper>
  );
};

export const Timeline = () => {
  const record = useRequestDetail();
  const translate = useTranslate();
  if (!record) return null;
  return (
    <Stack component="ol" spacing={1} sx={{ p: 0, my: 1 }} aria-label={translate('requests.tabs.timeline')}>
      {record.history.map((entry) => (
        <TimelineEntry key={`${entry.at}-${entry.action}`} entry={entry} />
      ))}
    </Stack>
  );
};
