import CheckIcon from '@mui/icons-material/Check';
import { Stack } from '@mui/material';
import { Button, useCanAccess, useTranslate } from 'react-admin';
import { NoteDialogButton } from '../common/NoteDialogButton.tsx';
import { useCommand } from '../requests/useCommand.ts';
import type { Correction } from './types.ts';

export const CorrectionReviewButtons = ({ correction }: { correction: Correction }) => {
  const translate = useTranslate();
  const { run, pending } = useCommand();
  const { canAccess } = useCanAccess({ action: 'review', resource: 'corrections', record: correction });
  if (!canAccess) return null;
  const review = (decision: 'accepted' | 'rejected', note?: string) =>
    run(
      (dataProvider) => dataProvider.reviewCorrection(correction.id, { decision, ...(note ? { note } : {}) }),
      translate(`corrections.${decision}`),
    );
  return (
    <Stack direction="row" spacing={1}>
      <Button label="corrections.accept" variant="contained" disabled={pending} onClick={() => review('accepted')}>
        <CheckIcon />
      </Button>
      <NoteDialogButton
        label="corrections.reject"
        title="corrections.reject_title"
        noteLabel="corrections.reject_note"
        onSubmit={(note) => review('rejected', note)}
      />
    </Stack>
  );
};
