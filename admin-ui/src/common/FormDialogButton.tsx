import EditIcon from '@mui/icons-material/Edit';
import { Dialog, DialogActions, DialogContent, DialogTitle } from '@mui/material';
import { type ReactElement, type ReactNode, useState } from 'react';
import { Button, Form, type RaRecord, SaveButton, useTranslate } from 'react-admin';

interface FormDialogButtonProps<T extends Partial<RaRecord>> {
  label: string;
  title: string;
  defaultValues: T;
  icon?: ReactElement;
  children: ReactNode;
  onSubmit: (values: T) => Promise<boolean>;
}

export const FormDialogButton = <T extends Partial<RaRecord>>({
  label,
  title,
  defaultValues,
  icon = <EditIcon />,
  children,
  onSubmit,
}: FormDialogButtonProps<T>) => {
  const translate = useTranslate();
  const [open, setOpen] = useState(false);
  const submit = async (values: T) => {
    if (await onSubmit(values)) setOpen(false);
  };
  return (
    <>
      <Button label={label} variant="outlined" onClick={() => setOpen(true)} sx={{ alignSelf: 'flex-start' }}>
        {icon}
      </Button>
      <Dialog open={open} onClose={() => setOpen(false)} fullWidth maxWidth="sm">
        <Form record={defaultValues} onSubmit={(values: object) => submit(values as T)}>
          <DialogTitle>{translate(title)}</DialogTitle>
          <DialogContent>{children}</DialogContent>
          <DialogActions>
            <Button label="ra.action.cancel" onClick={() => setOpen(false)} />
            <SaveButton />
          </DialogActions>
        </Form>
      </Dialog>
    </>
  );
};
