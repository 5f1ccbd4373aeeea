import { Card, CardContent, Typography } from '@mui/material';
import { useTranslate } from 'react-admin';
import { DocumentsPanel } from '../documents/DocumentsPanel.tsx';

export const MyDocumentsCard = () => {
  const translate = useTranslate();
  return (
    <Card component="section" aria-label={translate('my_request.documents')}>
      <CardContent>
        <Typography variant="h6" component="h2">
          {translate('my_request.documents')}
        </Typography>
        <DocumentsPanel />
      </CardContent>
    </Card>
  );
};
