import { Stack, Typography } from '@mui/material';
import { useTranslate } from 'react-admin';
import type { WorkflowAction } from '../common/domain.ts';
import type { RequestDetail, UnmetRule } from './types.ts';
import { useTranslateRules } from './useTranslateRules.ts';

export const BlockedReasons = ({ blocked }: { blocked: RequestDetail['blockedActions'] }) => {
  const translate = useTranslate();
  const translateRules = useTranslateRules();
  const entries = Object.entries(blocked) as [WorkflowAction, UnmetRule[]][];
  if (entries.length === 0) return null;
  return (
    <Stack spacing={0.5} sx={{ mt: 1 }}>
      {entries.map(([action, rules]) => (
        <Typography key={action} variant="body2" color="text.secondary">
          {translate('requests.not_possible_yet', {
            action: translate(`actions.${action}`),
            reasons: translateRules(rules),
          })}
        </Typography>
      ))}
    </Stack>
  );
};
