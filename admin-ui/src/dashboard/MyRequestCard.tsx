import { Alert, AlertTitle, Card, CardContent, Stack, Typography } from '@mui/material';
import { useTranslate } from 'react-admin';
import { ActionBar } from '../requests/ActionBar.tsx';
import { StageChip } from '../requests/StageChip.tsx';
import { useRequestDetail } from '../requests/useRequestDetail.ts';
import { StageTracker } from './StageTracker.tsx';

export const MyRequestCard = () => {
  const record = useRequestDetail();
  const translate = useTranslate();
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
