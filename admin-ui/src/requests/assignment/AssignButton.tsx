import AssignmentIndIcon from '@mui/icons-material/AssignmentInd';
import { AutocompleteInput, required, useGetIdentity, useGetList, useTranslate } from 'react-admin';
import { FormDialogButton } from '../../common/FormDialogButton.tsx';
import type { RequestDetail } from '../types.ts';
import type { Colleague, RequestAssignment } from './types.ts';
import { useAssignmentCommand } from './useAssignmentCommand.ts';

/** "Assign to…": a colleague of the caller's own office, the caller included, from the API's colleague list. */
export const AssignButton = ({ record, held }: { record: RequestDetail; held: RequestAssignment | undefined }) => {
  const translate = useTranslate();
  const { identity } = useGetIdentity();
  const { run } = useAssignmentCommand();
  const { data: colleagues = [] } = useGetList<Colleague>('colleagues', {
    pagination: { page: 1, perPage: 500 },
    sort: { field: 'displayName', order: 'ASC' },
  });
  const choices = colleagues
    .filter((c) => c.id !== held?.assignee.id)
    .map((c) => ({
      id: c.id,
      name: c.id === identity?.id ? translate('assignment.you', { name: c.displayName }) : c.displayName,
    }));
  const assign = ({ userId }: { userId: string }) =>
    run(
      (dataProvider) => dataProvider.assignRequest(record.id, { userId, currentAssigneeId: held?.assignee.id ?? null }),
      translate('assignment.assigned', { name: colleagues.find((c) => c.id === userId)?.displayName ?? '' }),
    );
  return (
    <FormDialogButton
      label="assignment.assign"
      title="assignment.assign_title"
      defaultValues={{ userId: '' }}
      icon={<AssignmentIndIcon />}
      onSubmit={assign}
    >
      <AutocompleteInput
        source="userId"
        label="assignment.colleague"
        choices={choices}
        validate={required()}
        fullWidth
      />
    </FormDialogButton>
  );
};
