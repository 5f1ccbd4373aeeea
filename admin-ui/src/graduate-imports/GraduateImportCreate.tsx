import AttachFileIcon from '@mui/icons-material/AttachFile';
import FactCheckIcon from '@mui/icons-material/FactCheck';
import { Alert, Card, CardContent, Button as MuiButton, Stack, Typography } from '@mui/material';
import { useState } from 'react';
import { Button, ListBase, Title, useDataProvider, useRedirect, useTranslate } from 'react-admin';
import type { AppDataProvider } from '../providers/dataProvider.ts';
import { FormatHelp } from './FormatHelp.tsx';
import { fileErrorText } from './fileError.ts';
import { ImportTable } from './ImportTable.tsx';

const ACCEPTED = '.csv,text/csv,text/plain';

/** Choose the portal's CSV export and have it checked: the report opens when the dry run is done. */
export const GraduateImportCreate = () => {
  const translate = useTranslate();
  const dataProvider = useDataProvider<AppDataProvider>();
  const redirect = useRedirect();
  const [file, setFile] = useState<File | null>(null);
  const [pending, setPending] = useState(false);
  const [error, setError] = useState<string | null>(null);

  const check = async () => {
    if (!file) return;
    setPending(true);
    setError(null);
    try {
      const created = await dataProvider.uploadGraduateImport(file);
      redirect('show', 'graduate-imports', created.id);
    } catch (failure) {
      setError(fileErrorText(failure, translate));
      setPending(false);
    }
  };

  return (
    <Stack spacing={2} sx={{ mt: 2 }}>
      <Title title="graduate_imports.title" />
      <Card>
        <CardContent>
          <Stack spacing={2}>
            <Typography variant="body1">{translate('graduate_imports.explanation')}</Typography>
            <FormatHelp />
            <Stack direction="row" spacing={1} useFlexGap sx={{ alignItems: 'center', flexWrap: 'wrap' }}>
              <MuiButton component="label" variant="outlined" startIcon={<AttachFileIcon />}>
                {file ? file.name : translate('graduate_imports.choose_file')}
                <input
                  hidden
                  type="file"
                  accept={ACCEPTED}
                  onChange={(event) => {
                    setFile(event.target.files?.[0] ?? null);
                    setError(null);
                  }}
                />
              </MuiButton>
              <Button label="graduate_imports.check" variant="contained" disabled={!file || pending} onClick={check}>
                <FactCheckIcon />
              </Button>
            </Stack>
            {error && (
              <Alert severity="error" role="alert">
                {error}
              </Alert>
            )}
          </Stack>
        </CardContent>
      </Card>
      <Typography variant="h6" component="h2">
        {translate('graduate_imports.recent')}
      </Typography>
      <ListBase
        resource="graduate-imports"
        sort={{ field: 'createdAt', order: 'DESC' }}
        perPage={5}
        disableSyncWithLocation
        storeKey={false}
      >
        <Card>
          <ImportTable />
        </Card>
      </ListBase>
    </Stack>
  );
};
