import PasswordIcon from '@mui/icons-material/Password';
import {
  Dialog,
  DialogActions,
  DialogContent,
  DialogContentText,
  DialogTitle,
  ListItemIcon,
  ListItemText,
  MenuItem,
} from '@mui/material';
import { useState } from 'react';
import {
  Button,
  Form,
  HttpError,
  PasswordInput,
  SaveButton,
  useDataProvider,
  useNotify,
  useTranslate,
  useUserMenu,
} from 'react-admin';
import type { AppDataProvider } from '../providers/dataProvider.ts';
import { passwordValidation } from '../users/passwordValidation.ts';

interface Values {
  currentPassword: string;
  newPassword: string;
}

const fieldErrorsOf = (error: unknown) =>
  error instanceof HttpError && typeof error.body?.errors === 'object' ? error.body.errors : undefined;

/** The account menu's "change my password": the current password and a new one; other sessions end. */
export const ChangePasswordMenuItem = () => {
  const translate = useTranslate();
  const notify = useNotify();
  const dataProvider = useDataProvider<AppDataProvider>();
  const userMenu = useUserMenu();
  const [open, setOpen] = useState(false);
  const close = () => {
    setOpen(false);
    userMenu?.onClose();
  };

  const submit = async (values: Values) => {
    try {
      const { endedSessions } = await dataProvider.changeOwnPassword(values);
      notify('auth.change_password.done', { type: 'success', messageArgs: { smart_count: endedSessions } });
      close();
    } catch (error) {
      const fieldErrors = fieldErrorsOf(error);
      if (fieldErrors) return fieldErrors;
      notify(error instanceof Error ? error.message : 'ra.notification.http_error', { type: 'error' });
    }
  };

  return (
    <>
      <MenuItem onClick={() => setOpen(true)}>
        <ListItemIcon>
          <PasswordIcon fontSize="small" />
        </ListItemIcon>
        <ListItemText>{translate('auth.change_password.menu')}</ListItemText>
      </MenuItem>
      <Dialog open={open} onClose={close} fullWidth maxWidth="xs">
        <Form
          onSubmit={(values: object) => submit(values as Values)}
          defaultValues={{ currentPassword: '', newPassword: '' }}
        >
          <DialogTitle>{translate('auth.change_password.title')}</DialogTitle>
          <DialogContent>
            <DialogContentText>{translate('auth.change_password.explanation')}</DialogContentText>
            <PasswordInput
              source="currentPassword"
              label="auth.change_password.current"
              validate={passwordValidation.slice(0, 1)}
              autoComplete="current-password"
            />
            <PasswordInput
              source="newPassword"
              label="auth.change_password.new"
              validate={passwordValidation}
              autoComplete="new-password"
              helperText="resources.users.helpers.password"
            />
          </DialogContent>
          <DialogActions>
            <Button label="ra.action.cancel" onClick={close} />
            <SaveButton label="auth.change_password.button" icon={<PasswordIcon />} />
          </DialogActions>
        </Form>
      </Dialog>
    </>
  );
};
