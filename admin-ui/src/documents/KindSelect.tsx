import { ListSubheader, MenuItem, TextField } from '@mui/material';
import { useTranslate } from 'react-admin';
import { CANCELLATION_DOCUMENT_KINDS, type DocumentKind, REQUEST_DOCUMENT_KINDS } from '../common/domain.ts';

interface KindSelectProps {
  value: DocumentKind | '';
  onChange: (kind: DocumentKind) => void;
}

export const KindSelect = ({ value, onChange }: KindSelectProps) => {
  const translate = useTranslate();
  const option = (kind: DocumentKind) => (
    <MenuItem key={kind} value={kind}>
      {translate(`documents.kinds.${kind}`)}
    </MenuItem>
  );
  return (
    <TextField
      select
      size="small"
      label={translate('documents.upload.kind')}
      value={value}
      onChange={(event) => onChange(event.target.value as DocumentKind)}
      fullWidth={false}
      sx={{ width: 320, maxWidth: '100%' }}
    >
      <ListSubheader>{translate('documents.groups.request')}</ListSubheader>
      {REQUEST_DOCUMENT_KINDS.map(option)}
      <ListSubheader>{translate('documents.groups.cancellation')}</ListSubheader>
      {CANCELLATION_DOCUMENT_KINDS.map(option)}
    </TextField>
  );
};
