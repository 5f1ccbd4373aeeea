import { Dialog, DialogActions, DialogContent, DialogContentText, DialogTitle } from '@mui/material';
import { BooleanInput, Button, Form, maxLength, required, SaveButton, TextInput, useTranslate } from 'react-admin';

export interface ViewFormValues {
  name: string;
  shared: boolean;
}

/** Field errors for the form, or nothing when the failure was told otherwise. */
export type ViewFormErrors = Partial<Record<keyof ViewFormValues, string>> | undefined;

interface ViewDialogProps {
  open: boolean;
  title: string;
  explanation?: string;
  defaultValues: ViewFormValues;
  onClose: () => void;
  onSubmit: (values: ViewFormValues) => Promise<ViewFormErrors>;
}

/** A view's name and whether the office shares it: to save the list as a new view, or to rename or re-share one. */
export const ViewDialog = ({ open, title, explanation, defaultValues, onClose, onSubmit }: ViewDialogProps) => {
  const translate = useTranslate();
  return (
    <Dialog open={open} onClose={onClose} fullWidth maxWidth="xs">
      <Form
        defaultValues={defaultValues}
        onSubmit={({ name, shared }: Partial<ViewFormValues>) =>
          onSubmit({ name: name ?? '', shared: shared ?? false })
        }
      >
        <DialogTitle>{translate(title)}</DialogTitle>
        <DialogContent>
          {explanation && <DialogContentText sx={{ mb: 2 }}>{translate(explanation)}</DialogContentText>}
          <TextInput
            source="name"
            label="saved_views.name"
            validate={[required(), maxLength(100)]}
            autoFocus
            slotProps={{ htmlInput: { dir: 'auto' } }}
          />
          <BooleanInput source="shared" label="saved_views.share" helperText="saved_views.share_help" />
        </DialogContent>
        <DialogActions>
          <Button label="ra.action.cancel" onClick={onClose} />
          <SaveButton alwaysEnable />
        </DialogActions>
      </Form>
    </Dialog>
  );
};
