import VerifiedUserIcon from '@mui/icons-material/VerifiedUser';
import { CircularProgress, Dialog, DialogActions, DialogContent, DialogTitle, Stack, Typography } from '@mui/material';
import { useState } from 'react';
import { Button, useCanAccess, useDataProvider, useNotify, useTranslate } from 'react-admin';
import type { AppDataProvider } from '../providers/dataProvider.ts';
import type { ChainVerification } from './types.ts';
import { VerificationResult } from './VerificationResult.tsx';

const Running = () => {
  const translate = useTranslate();
  return (
    <Stack direction="row" spacing={2} sx={{ alignItems: 'center' }}>
      <CircularProgress size={24} aria-label={translate('audit.verify.running')} />
      <Typography>{translate('audit.verify.running')}</Typography>
    </Stack>
  );
};

export const VerifyChainButton = () => {
  const { canAccess } = useCanAccess({ action: 'verify', resource: 'audit-events' });
  const dataProvider = useDataProvider<AppDataProvider>();
  const notify = useNotify();
  const translate = useTranslate();
  const [open, setOpen] = useState(false);
  const [result, setResult] = useState<ChainVerification>();
  if (!canAccess) return null;

  const verify = async () => {
    setResult(undefined);
    setOpen(true);
    try {
      setResult(await dataProvider.verifyAuditChain());
    } catch (error) {
      setOpen(false);
      notify(error instanceof Error ? error.message : 'ra.notification.http_error', { type: 'error' });
    }
  };
  const close = () => setOpen(false);

  return (
    <>
      <Button label="audit.verify.button" onClick={verify}>
        <VerifiedUserIcon />
      </Button>
      <Dialog open={open} onClose={close} fullWidth maxWidth="sm">
        <DialogTitle>{translate('audit.verify.title')}</DialogTitle>
        <DialogContent>
          {result ? <VerificationResult result={result} onNavigate={close} /> : <Running />}
        </DialogContent>
        <DialogActions>
          <Button label="ra.action.close" onClick={close} />
        </DialogActions>
      </Dialog>
    </>
  );
};
