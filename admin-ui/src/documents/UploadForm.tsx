import AttachFileIcon from '@mui/icons-material/AttachFile';
import UploadIcon from '@mui/icons-material/Upload';
import { Button as MuiButton, Stack, Typography } from '@mui/material';
import { useState } from 'react';
import { Button, type Identifier, useTranslate } from 'react-admin';
import type { DocumentKind } from '../common/domain.ts';
import { useCommand } from '../requests/useCommand.ts';
import { KindSelect } from './KindSelect.tsx';

const ACCEPTED_TYPES = 'application/pdf,image/jpeg,image/png';

export const UploadForm = ({ requestId }: { requestId: Identifier }) => {
  const translate = useTranslate();
  const { run, pending } = useCommand();
  const [kind, setKind] = useState<DocumentKind | ''>('');
  const [file, setFile] = useState<File | null>(null);

  const upload = async () => {
    if (!kind || !file) return;
    const done = await run(
      (dataProvider) => dataProvider.uploadDocument(requestId, kind, file),
      translate('documents.upload.done'),
    );
    if (done) setFile(null);
  };

  return (
    <Stack component="section" spacing={1} aria-label={translate('documents.upload.title')}>
      <Typography variant="subtitle2">{translate('documents.upload.title')}</Typography>
      <Stack direction="row" spacing={1} useFlexGap sx={{ alignItems: 'center', flexWrap: 'wrap' }}>
        <KindSelect value={kind} onChange={setKind} />
        <MuiButton component="label" variant="outlined" startIcon={<AttachFileIcon />}>
          {file ? file.name : translate('documents.upload.choose_file')}
          <input
            hidden
            type="file"
            accept={ACCEPTED_TYPES}
            onChange={(event) => setFile(event.target.files?.[0] ?? null)}
          />
        </MuiButton>
        <Button
          label="documents.upload.button"
          variant="contained"
          disabled={!kind || !file || pending}
          onClick={upload}
        >
          <UploadIcon />
        </Button>
      </Stack>
      <Typography variant="caption" color="text.secondary">
        {translate('documents.upload.hint')}
      </Typography>
    </Stack>
  );
};
