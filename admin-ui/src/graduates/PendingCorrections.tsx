import { Paper, Stack, Typography } from '@mui/material';
import { useTranslate } from 'react-admin';
import { DateTimeField } from '../common/DateTimeField.tsx';
import { CorrectionChanges } from './CorrectionChanges.tsx';
import { CorrectionReviewButtons } from './CorrectionReviewButtons.tsx';
import type { Graduate } from './types.ts';

export const PendingCorrections = ({ graduate }: { graduate: Graduate }) => {
  const translate = useTranslate();
  const corrections = graduate.pendingCorrections ?? [];
  if (corrections.length === 0) return null;
  return (
    <Stack spacing={1} component="section">
      <Typography variant="subtitle1" component="h3">
        {translate('corrections.pending_title')}
      </Typography>
      {corrections.map((correction) => (
        <Paper key={correction.id} variant="outlined" sx={{ p: 1.5 }}>
          <Stack spacing={1}>
            <Typography variant="caption" color="text.secondary">
              {translate('corrections.requested_at')} <DateTimeField record={correction} source="requestedAt" />
            </Typography>
            <CorrectionChanges correction={correction} graduate={graduate} />
            <CorrectionReviewButtons correction={correction} />
          </Stack>
        </Paper>
      ))}
    </Stack>
  );
};
