import CheckIcon from '@mui/icons-material/Check';
import UndoIcon from '@mui/icons-material/Undo';
import { Paper, Stack, Typography } from '@mui/material';
import { Button, useCanAccess, useTranslate } from 'react-admin';
import { DateTimeField } from '../common/DateTimeField.tsx';
import type { TickKind } from '../common/domain.ts';
import { NoteDialogButton } from '../common/NoteDialogButton.tsx';
import { isTickFrozen } from './frozen.ts';
import { RuleList } from './RuleList.tsx';
import { TickIcon } from './TickIcon.tsx';
import type { RequestDetail } from './types.ts';
import { useCommand } from './useCommand.ts';

export const TickControl = ({ record, kind }: { record: RequestDetail; kind: TickKind }) => {
  const translate = useTranslate();
  const { run, pending } = useCommand();
  const { canAccess: canTick } = useCanAccess({ action: 'tick', resource: `requests.${kind}`, record });
  const tick = record.ticks[kind];
  const rules = record.tickRules[kind];
  const frozen = isTickFrozen(record, kind);
  const change = (set: boolean, reason?: string) =>
    run(
      (dataProvider) => dataProvider.setTick(record.id, kind, { set, ...(reason ? { reason } : {}) }),
      translate(set ? 'requests.ticks.done_set' : 'requests.ticks.done_revoked', {
        tick: translate(`requests.ticks.${kind}`),
      }),
    );
  return (
    <Paper variant="outlined" sx={{ p: 2 }} component="section">
      <Stack spacing={1}>
        <Stack direction="row" spacing={1} sx={{ alignItems: 'center' }}>
          <TickIcon kind={kind} set={tick.set} />
          <Typography variant="subtitle1" component="h3">
            {translate(`requests.ticks.${kind}`)}
          </Typography>
          {tick.at && <DateTimeField record={tick} source="at" />}
        </Stack>
        {!tick.set && tick.reason && (
          <Typography variant="body2" color="text.secondary">
            {translate('requests.ticks.revoked_because', { reason: tick.reason })}
          </Typography>
        )}
        {(!tick.set || frozen) && rules.length > 0 && (
          <>
            <Typography variant="body2">
              {translate(tick.set ? 'requests.ticks.locked' : 'requests.ticks.blocked_by')}
            </Typography>
            <RuleList rules={rules} />
          </>
        )}
        {canTick && !frozen && (
          <Stack direction="row" spacing={1}>
            {tick.set ? (
              <NoteDialogButton
                label="requests.ticks.revoke"
                title="requests.ticks.revoke_title"
                noteLabel="requests.ticks.reason"
                icon={<UndoIcon />}
                onSubmit={(reason) => change(false, reason)}
              />
            ) : (
              <Button
                label="requests.ticks.set_tick"
                variant="contained"
                color="success"
                disabled={pending || rules.length > 0}
                onClick={() => change(true)}
              >
                <CheckIcon />
              </Button>
            )}
          </Stack>
        )}
      </Stack>
    </Paper>
  );
};
