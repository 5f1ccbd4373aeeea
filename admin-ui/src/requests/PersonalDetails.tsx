import { Stack, Typography } from '@mui/material';
import { useGetOne, useTranslate } from 'react-admin';
import { GraduateDetails } from '../graduates/GraduateDetails.tsx';
import { PendingCorrections } from '../graduates/PendingCorrections.tsx';
import type { Graduate } from '../graduates/types.ts';
import { ConfirmedDetails } from './ConfirmedDetails.tsx';
import { useRequestDetail } from './useRequestDetail.ts';

export const PersonalDetails = () => {
  const record = useRequestDetail();
  const translate = useTranslate();
  const { data: graduate } = useGetOne<Graduate>('graduates', { id: record?.graduateId ?? '' }, { enabled: !!record });
  if (!record) return null;
  return (
    <Stack spacing={3} sx={{ py: 1 }}>
      <section>
        <Typography variant="subtitle1" component="h3" gutterBottom>
          {translate('requests.details.recorded_title')}
        </Typography>
        <GraduateDetails graduate={graduate ?? record.graduate} />
      </section>
      {graduate && <PendingCorrections graduate={graduate} />}
      <ConfirmedDetails record={record} />
    </Stack>
  );
};
