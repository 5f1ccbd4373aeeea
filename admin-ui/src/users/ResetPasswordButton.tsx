import LockResetIcon from '@mui/icons-material/LockReset';
import { Dialog, DialogActions, DialogContent, DialogContentText, DialogTitle } from '@mui/material';
import { useState } from 'react';
import {
  Button,
  Form,
  HttpError,
  PasswordInput,
  SaveButton,
  useNotify,
  useRecordContext,
  useTranslate,
  useUpdate,
} from 'react-admin';
import type { User } from './types.ts';
import { passwordValidation } from './UserInputs.tsx';

const fieldErrorsOf = (error: unknown) =>
  error instanceof HttpError && typeof error.body?.errors === 'object' ? error.body.errors : undefined;

export const ResetPasswordButton = () => {
  const record = useRecordContext<User>();
  const translate = useTranslate();
  const notify = useNotify();
  const [update] = useUpdate<User & { password?: string }>();
  const [open, setOpen] = useState(false);
  if (!record) return null;

  const submit = async ({ password }: { password?: string }) => {
    try {
      await update(
        'users',
        { id: record.id, data: { version: record.version, password }, previousData: record },
        { mutationMode: 'pessimistic', returnPromise: true },
      );
      notify('resources.users.reset_password.done', { type: 'success' });
      setOpen(false);
    } catch (error) {
      const fieldErrors = fieldErrorsOf(error);
      if (fieldErrors) return fieldErrors;
      notify(error instanceof Error ? error.message : 'ra.notification.http_error', { type: 'error' });
    }
  };

  return (
    <>
      <Button label="resources.users.reset_password.button" onClick={() => setOpen(true)}>
        <LockResetIcon />
      </Button>
      <Dialog open={open} onClose={() => setOpen(false)} fullWidth maxWidth="xs">
        <Form onSubmit={submit} defaultValues={{ password: '' }}>
          <DialogTitle>{translate('resources.users.reset_password.title', { name: record.displayName })}</DialogTitle>
          <DialogContent>
            <DialogContentText>{translate('resources.users.reset_password.explanation')}</DialogContentText>
            <PasswordInput
              source="password"
              label="resources.users.reset_password.new_password"
              validate={passwordValidation}
              autoComplete="new-password"
              helperText="resources.users.helpers.password"
            />
          </DialogContent>
          <DialogActions>
            <Button label="ra.action.cancel" onClick={() => setOpen(false)} />
            <SaveButton label="resources.users.reset_password.button" icon={<LockResetIcon />} />
          </DialogActions>
        </Form>
      </Dialog>
    </>
  );
};
