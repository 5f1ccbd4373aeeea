import { Alert, Box, CircularProgress, Link, Stack, Typography } from '@mui/material';
import { useTranslate } from 'react-admin';
import { DateTimeField } from '../common/DateTimeField.tsx';
import { ImageViewer } from './ImageViewer.tsx';
import { ReviewControls } from './ReviewControls.tsx';
import { ReviewStatusChip } from './ReviewStatusChip.tsx';
import type { DocumentRecord } from './types.ts';
import { useDocumentBlob } from './useDocumentBlob.ts';

const FileView = ({ document }: { document: DocumentRecord }) => {
  const translate = useTranslate();
  const blob = useDocumentBlob(document.id);
  const title = translate(`documents.kinds.${document.kind}`);
  if (blob.status === 'loading') return <CircularProgress sx={{ m: 4 }} />;
  if (blob.status === 'error') return <Alert severity="error">{translate('documents.preview.failed')}</Alert>;
  if (document.contentType !== 'application/pdf') return <ImageViewer src={blob.url} alt={title} />;
  return (
    <Stack spacing={1}>
      <Box
        component="iframe"
        src={blob.url}
        title={title}
        sx={{ width: '100%', height: 600, border: 1, borderColor: 'divider' }}
      />
      <Link href={blob.url} target="_blank" rel="noopener" variant="body2">
        {translate('documents.preview.open_pdf')}
      </Link>
    </Stack>
  );
};

export const DocumentPreview = ({ document }: { document: DocumentRecord }) => {
  const translate = useTranslate();
  return (
    <Stack spacing={1.5}>
      <Stack direction="row" spacing={1} useFlexGap sx={{ alignItems: 'center', flexWrap: 'wrap' }}>
        <Typography variant="subtitle1" component="h3">
          {translate(`documents.kinds.${document.kind}`)}
        </Typography>
        <ReviewStatusChip status={document.reviewStatus} />
        <Typography variant="body2" color="text.secondary" dir="auto">
          {document.originalName}
        </Typography>
      </Stack>
      {document.reviewNote && (
        <Alert severity={document.reviewStatus === 'rejected' ? 'error' : 'info'} sx={{ whiteSpace: 'pre-wrap' }}>
          {translate('documents.review.note', { note: document.reviewNote })}{' '}
          {document.reviewedAt && <DateTimeField record={document} source="reviewedAt" />}
        </Alert>
      )}
      <ReviewControls document={document} />
      <FileView document={document} />
    </Stack>
  );
};
