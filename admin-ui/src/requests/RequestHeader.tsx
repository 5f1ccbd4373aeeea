import { Alert, Chip, Stack, Typography } from '@mui/material';
import { Fragment } from 'react';
import { useLocaleState, useTranslate } from 'react-admin';
import { localDigits } from '../common/digits.ts';
import { DaysInStageField } from './DaysInStageField.tsx';
import { fullName } from './fullName.ts';
import { OverdueChip } from './OverdueChip.tsx';
import { StageChip } from './StageChip.tsx';
import { useRequestDetail } from './useRequestDetail.ts';
import { WaitingOn } from './WaitingOn.tsx';

export const RequestHeader = () => {
  const record = useRequestDetail();
  const translate = useTranslate();
  const [locale] = useLocaleState();
  if (!record) return null;
  return (
    <Stack spacing={1} sx={{ pb: 1 }}>
      <Stack direction="row" spacing={1.5} useFlexGap sx={{ alignItems: 'center', flexWrap: 'wrap' }}>
        <Typography variant="h5" component="h1">
          {fullName(record)}
        </Typography>
        <StageChip size="medium" />
        <DaysInStageField />
        <OverdueChip />
        {record.diplomaNumber && (
          <Chip
            variant="outlined"
            label={translate('requests.diploma_number', { number: localDigits(record.diplomaNumber, locale) })}
          />
        )}
      </Stack>
      <WaitingOn request={record} />
      <Typography variant="body2" color="text.secondary">
        {(
          [
            ['studentNumber', localDigits(record.studentNumber, locale)],
            ['degreeLevel', translate(`degree_levels.${record.degreeLevel}`, { _: record.degreeLevel })],
            ['faculty', record.faculty],
            ['program', record.program],
          ] as const
        ).map(([key, value], index) => (
          <Fragment key={key}>
            {index > 0 && ' · '}
            <bdi>{value}</bdi>
          </Fragment>
        ))}
      </Typography>
      {record.nextAction && (
        <Alert severity="warning" sx={{ whiteSpace: 'pre-wrap' }}>
          {translate('requests.next_action', { note: record.nextAction.note })}
        </Alert>
      )}
    </Stack>
  );
};
