import UndoIcon from '@mui/icons-material/Undo';
import { useTranslate } from 'react-admin';
import { NoteDialogButton } from '../common/NoteDialogButton.tsx';
import type { RequestDetail } from './types.ts';
import { useCommand } from './useCommand.ts';

export const ReturnButton = ({ record }: { record: RequestDetail }) => {
  const translate = useTranslate();
  const { run } = useCommand();
  return (
    <NoteDialogButton
      label="actions.return"
      title="requests.return.title"
      explanation="requests.return.explanation"
      noteLabel="requests.return.note"
      icon={<UndoIcon />}
      color="warning"
      max={2000}
      onSubmit={(note) =>
        run(
          (dataProvider) => dataProvider.requestAction(record.id, 'return', { version: record.version, note }),
          translate('requests.action_done', { action: translate('actions.return') }),
        )
      }
    />
  );
};
