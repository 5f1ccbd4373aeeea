import { Box, Divider, Grid, Stack, Typography } from '@mui/material';
import { useState } from 'react';
import { type Identifier, useCanAccess, useGetList, useTranslate } from 'react-admin';
import { LazyPart } from '../common/LazyPart.tsx';
import { lazyNamed } from '../common/lazyNamed.ts';
import { useRequestDetail } from '../requests/useRequestDetail.ts';
import { DocumentList } from './DocumentList.tsx';
import type { DocumentRecord } from './types.ts';
import { UploadForm } from './UploadForm.tsx';

// The preview (PDF frame, image viewer with zoom and rotation, review controls) comes when a document is shown.
const DocumentPreview = lazyNamed(() => import('./DocumentPreview.tsx'), 'DocumentPreview');

export const DocumentsPanel = () => {
  const record = useRequestDetail();
  const translate = useTranslate();
  const [selected, setSelected] = useState<Identifier>();
  const { canAccess: canUpload } = useCanAccess({
    action: 'create',
    resource: 'documents',
    record: { id: record?.id, graduateId: record?.graduateId },
    enabled: !!record,
  });
  const { data: documents = [] } = useGetList<DocumentRecord>(
    'documents',
    {
      filter: { requestId: record?.id },
      pagination: { page: 1, perPage: 100 },
      sort: { field: 'uploadedAt', order: 'DESC' },
    },
    { enabled: !!record },
  );
  if (!record) return null;
  const showUpload = canUpload && record.uploadRules.length === 0;
  const shown = documents.find((document) => document.id === selected) ?? documents[0];
  return (
    <Stack spacing={2} sx={{ py: 1 }}>
      {showUpload && <UploadForm requestId={record.id} />}
      {showUpload && <Divider />}
      <Grid container spacing={2}>
        <Grid size={{ xs: 12, md: 5 }}>
          <DocumentList
            documents={documents}
            required={record.requiredDocuments}
            selected={shown?.id}
            onSelect={setSelected}
          />
        </Grid>
        <Grid size={{ xs: 12, md: 7 }}>
          {shown ? (
            <LazyPart>
              <DocumentPreview key={shown.id} document={shown} />
            </LazyPart>
          ) : (
            <Box sx={{ p: 2 }}>
              <Typography color="text.secondary">{translate('documents.none')}</Typography>
            </Box>
          )}
        </Grid>
      </Grid>
    </Stack>
  );
};
