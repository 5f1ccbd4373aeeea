import CloseIcon from '@mui/icons-material/Close';
import { Dialog, DialogActions, DialogContent, DialogContentText, DialogTitle } from '@mui/material';
import { type ReactElement, useState } from 'react';
import { Button, Form, maxLength, required, SaveButton, TextInput, useTranslate } from 'react-admin';

interface NoteDialogButtonProps {
  label: string;
  title: string;
  noteLabel: string;
  explanation?: string;
  icon?: ReactElement;
  color?: 'error' | 'warning';
  max?: number;
  onSubmit: (note: string) => Promise<boolean>;
}

export const NoteDialogButton = ({
  label,
  title,
  noteLabel,
  explanation,
  icon = <CloseIcon />,
  color = 'error',
  max = 1000,
  onSubmit,
}: NoteDialogButtonProps) => {
  const translate = useTranslate();
  const [open, setOpen] = useState(false);
  const submit = async ({ note }: { note?: string }) => {
    if (await onSubmit((note ?? '').trim())) setOpen(false);
  };
  return (
    <>
      <Button label={label} variant="outlined" color={color} onClick={() => setOpen(true)}>
        {icon}
      </Button>
      <Dialog open={open} onClose={() => setOpen(false)} fullWidth maxWidth="sm">
        <Form onSubmit={submit} defaultValues={{ note: '' }}>
          <DialogTitle>{translate(title)}</DialogTitle>
          <DialogContent>
            {explanation && <DialogContentText>{translate(explanation)}</DialogContentText>}
            <TextInput
              source="note"
              label={noteLabel}
              multiline
              minRows={2}
              validate={[required(), maxLength(max)]}
              slotProps={{ htmlInput: { dir: 'auto' } }}
            />
          </DialogContent>
          <DialogActions>
            <Button label="ra.action.cancel" onClick={() => setOpen(false)} />
            <SaveButton label={label} icon={icon} alwaysEnable />
          </DialogActions>
        </Form>
      </Dialog>
    </>
  );
};
