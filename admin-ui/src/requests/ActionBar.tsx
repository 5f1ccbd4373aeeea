import { Box, Stack, Typography } from '@mui/material';
import { useTranslate } from 'react-admin';
import { ActionButton } from './ActionButton.tsx';
import { BlockedReasons } from './BlockedReasons.tsx';
import { ReturnButton } from './ReturnButton.tsx';
import { useRequestDetail } from './useRequestDetail.ts';

export const ActionBar = () => {
  const record = useRequestDetail();
  const translate = useTranslate();
  if (!record || (record.allowedActions.length === 0 && Object.keys(record.blockedActions).length === 0)) return null;
  return (
    <Box component="section" aria-label={translate('requests.action_bar')} sx={{ py: 1 }}>
      {record.allowedActions.length > 0 ? (
        <Stack direction="row" spacing={1} useFlexGap sx={{ flexWrap: 'wrap' }}>
          {record.allowedActions.map((action) =>
            action === 'return' ? (
              <ReturnButton key={action} record={record} />
            ) : (
              <ActionButton key={action} record={record} action={action} />
            ),
          )}
        </Stack>
      ) : (
        <Typography variant="body2">{translate('requests.nothing_to_do')}</Typography>
      )}
      <BlockedReasons blocked={record.blockedActions} />
    </Box>
  );
};
