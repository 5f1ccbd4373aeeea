import VerifiedIcon from '@mui/icons-material/Verified';
import { Paper, Stack, Typography } from '@mui/material';
import { useTranslate } from 'react-admin';
import { DateTimeField } from '../common/DateTimeField.tsx';
import { GraduateDetails } from '../graduates/GraduateDetails.tsx';
import type { RequestDetail } from './types.ts';

export const ConfirmedDetails = ({ record }: { record: RequestDetail }) => {
  const translate = useTranslate();
  if (!record.confirmedDetails) {
    return <Typography color="text.secondary">{translate('requests.details.not_confirmed')}</Typography>;
  }
  return (
    <Paper variant="outlined" sx={{ p: 2, borderColor: 'success.main' }} component="section">
      <Stack direction="row" spacing={1} sx={{ alignItems: 'center', mb: 1 }}>
        <VerifiedIcon color="success" fontSize="small" />
        <Typography variant="subtitle1" component="h3">
          {translate('requests.details.confirmed_title')}
        </Typography>
      </Stack>
      <Typography variant="body2" color="text.secondary" sx={{ mb: 1.5 }}>
        {translate('requests.details.confirmed_on')} <DateTimeField record={record} source="detailsConfirmedAt" />
      </Typography>
      <GraduateDetails graduate={record.confirmedDetails} hideMissing />
    </Paper>
  );
};
