import CheckIcon from '@mui/icons-material/Check';
import { Paper, Stack } from '@mui/material';
import { useState } from 'react';
import { Button, useCanAccess, useTranslate } from 'react-admin';
import { NoteDialogButton } from '../common/NoteDialogButton.tsx';
import type { ReviewBody } from '../providers/dataProvider.ts';
import { useCommand } from '../requests/useCommand.ts';
import { InPersonChecklist, inPersonFrom, isComplete } from './InPersonChecklist.tsx';
import type { DocumentRecord } from './types.ts';

export const ReviewControls = ({ document }: { document: DocumentRecord }) => {
  const translate = useTranslate();
  const { run, pending } = useCommand();
  const { canAccess } = useCanAccess({ action: 'review', resource: 'documents', record: document });
  const inPersonNeeded = document.kind === 'non_employment_letter';
  const [inPerson, setInPerson] = useState(() => inPersonFrom(document.inPerson));
  if (!canAccess) return null;

  const review = (body: ReviewBody) =>
    run(
      (dataProvider) => dataProvider.reviewDocument(document.id, body),
      translate(`documents.review.${body.decision}`),
    );
  const settled =
    document.reviewStatus === 'accepted' && (!inPersonNeeded || isComplete(inPersonFrom(document.inPerson)));

  return (
    <Paper variant="outlined" sx={{ p: 1.5 }}>
      <Stack spacing={1}>
        {inPersonNeeded && <InPersonChecklist value={inPerson} onChange={setInPerson} />}
        <Stack direction="row" spacing={1}>
          {!settled && (
            <Button
              label="documents.review.accept"
              variant="contained"
              color="success"
              disabled={pending || (inPersonNeeded && !isComplete(inPerson))}
              onClick={() => review({ decision: 'accepted', ...(inPersonNeeded ? { inPerson } : {}) })}
            >
              <CheckIcon />
            </Button>
          )}
          {document.reviewStatus !== 'rejected' && (
            <NoteDialogButton
              label="documents.review.reject"
              title="documents.review.reject_title"
              explanation="documents.review.reject_explanation"
              noteLabel="documents.review.reject_note"
              onSubmit={(note) => review({ decision: 'rejected', note })}
            />
          )}
        </Stack>
      </Stack>
    </Paper>
  );
};
