import { Alert, AlertTitle, Box, Card, CardContent, Stack, Typography } from '@mui/material';
import { useLocaleState, useTranslate } from 'react-admin';
import { localDigits } from '../common/digits.ts';
import { ActionBar } from '../requests/ActionBar.tsx';
import { StageChip } from '../requests/StageChip.tsx';
import { useRequestDetail } from '../requests/useRequestDetail.ts';
import { StageTracker } from './StageTracker.tsx';

export const MyRequestCard = () => {
  const record = useRequestDetail();
  const translate = useTranslate();
  const [locale] = useLocaleState();
  if (!record) return null;
  return (
    <Card component="section" aria-label={translate('my_request.title')}>
      <CardContent>
        <Stack spacing={2}>
          <Stack direction="row" spacing={1} sx={{ alignItems: 'center' }}>
            <Typography variant="h6" component="h2">
              {translate('my_request.title')}
            </Typography>
            <StageChip stage={record.stage} size="medium" />
          </Stack>
          <StageTracker stage={record.stage} />
          {record.diplomaNumber && (
            <Typography variant="body1">
              {translate('my_request.diploma_number')}{' '}
              <Box component="bdi" dir="ltr" sx={{ fontWeight: 'bold' }}>
                {localDigits(record.diplomaNumber, locale)}
              </Box>
            </Typography>
          )}
          <Typography variant="body2" color="text.secondary">
            {translate('my_request.patience')}
          </Typography>
          {record.nextAction && (
            <Alert severity="warning" variant="filled" sx={{ whiteSpace: 'pre-wrap' }}>
              <AlertTitle>{translate('my_request.next_action')}</AlertTitle>
              <Typography variant="body2" dir="auto">
                {record.nextAction.note}
              </Typography>
            </Alert>
          )}
          <ActionBar />
        </Stack>
      </CardContent>
    </Card>
  );
};
