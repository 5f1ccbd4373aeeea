import { Chip, List, ListItem, ListItemButton, ListItemText } from '@mui/material';
import type { Identifier } from 'react-admin';
import { useLocaleState, useTranslate } from 'react-admin';
import type { DocumentKind } from '../common/domain.ts';
import { formatDate } from '../common/formatDate.ts';
import { ReviewStatusChip } from './ReviewStatusChip.tsx';
import type { DocumentRecord } from './types.ts';

interface DocumentListProps {
  documents: DocumentRecord[];
  required: DocumentKind[];
  selected?: Identifier;
  onSelect: (id: Identifier) => void;
}

export const DocumentList = ({ documents, required, selected, onSelect }: DocumentListProps) => {
  const translate = useTranslate();
  const [locale] = useLocaleState();
  const missing = required.filter((kind) => !documents.some((document) => document.kind === kind));
  return (
    <List dense aria-label={translate('documents.list_title')}>
      {documents.map((document) => (
        <ListItemButton key={document.id} selected={document.id === selected} onClick={() => onSelect(document.id)}>
          <ListItemText
            primary={translate(`documents.kinds.${document.kind}`)}
            secondary={formatDate(document.uploadedAt, locale)}
          />
          <ReviewStatusChip status={document.reviewStatus} />
        </ListItemButton>
      ))}
      {missing.map((kind) => (
        <ListItem key={kind}>
          <ListItemText
            primary={translate(`documents.kinds.${kind}`)}
            slotProps={{ primary: { color: 'text.secondary' } }}
          />
          <Chip size="small" color="error" variant="outlined" label={translate('documents.missing')} />
        </ListItem>
      ))}
    </List>
  );
};
