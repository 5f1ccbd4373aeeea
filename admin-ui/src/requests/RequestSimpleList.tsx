import { Stack } from '@mui/material';
import { SimpleList } from 'react-admin';
import { DaysInStageField } from './DaysInStageField.tsx';
import { fullName } from './fullName.ts';
import { OverdueChip } from './OverdueChip.tsx';
import { StageChip } from './StageChip.tsx';
import type { RequestSummary } from './types.ts';

export const RequestSimpleList = () => (
  <SimpleList<RequestSummary>
    rowClick="show"
    primaryText={fullName}
    secondaryText={() => (
      <Stack direction="row" spacing={1} sx={{ alignItems: 'center', mt: 0.5 }} component="span">
        <StageChip />
        <DaysInStageField />
        <OverdueChip />
      </Stack>
    )}
  />
);
