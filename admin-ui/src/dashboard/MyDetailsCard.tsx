import { Card, CardContent, Stack, Typography } from '@mui/material';
import { useGetOne, useTranslate } from 'react-admin';
import type { Stage } from '../common/domain.ts';
import { CorrectionRequestButton } from '../graduates/CorrectionRequestButton.tsx';
import { GraduateDetails } from '../graduates/GraduateDetails.tsx';
import { PendingCorrections } from '../graduates/PendingCorrections.tsx';
import type { Graduate } from '../graduates/types.ts';
import { ConfirmedDetails } from '../requests/ConfirmedDetails.tsx';
import { useRequestDetail } from '../requests/useRequestDetail.ts';

/** Stages in which the graduate may still ask for a correction: not once printing has started. */
const CORRECTABLE_STAGES: readonly Stage[] = ['draft', 'submitted', 'under_review', 'returned'];

export const MyDetailsCard = () => {
  const record = useRequestDetail();
  const translate = useTranslate();
  const { data: graduate } = useGetOne<Graduate>('graduates', { id: record?.graduateId ?? '' }, { enabled: !!record });
  if (!record || !graduate) return null;
  return (
    <Card component="section" aria-label={translate('my_request.details')}>
      <CardContent>
        <Stack spacing={2}>
          <Typography variant="h6" component="h2">
            {translate('my_request.details')}
          </Typography>
          <Typography variant="body2" color="warning.main">
            {translate('my_request.details_warning')}
          </Typography>
          <GraduateDetails graduate={graduate} />
          {CORRECTABLE_STAGES.includes(record.stage) && <CorrectionRequestButton graduate={graduate} />}
          <PendingCorrections graduate={graduate} />
          <ConfirmedDetails record={record} />
        </Stack>
      </CardContent>
    </Card>
  );
};
