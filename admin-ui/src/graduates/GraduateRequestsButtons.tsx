import AddIcon from '@mui/icons-material/Add';
import AssignmentIcon from '@mui/icons-material/Assignment';
import { Stack } from '@mui/material';
import { Button, Link, useCanAccess, useTranslate } from 'react-admin';
import { useCommand } from '../requests/useCommand.ts';
import type { Graduate } from './types.ts';

export const GraduateRequestsButtons = ({ graduate }: { graduate: Graduate }) => {
  const translate = useTranslate();
  const { run, pending } = useCommand();
  const { canAccess: canOpen } = useCanAccess({
    action: 'create',
    resource: 'requests',
    record: { id: graduate.id, graduateId: graduate.id },
  });
  const filter = encodeURIComponent(JSON.stringify({ graduateId: graduate.id }));
  return (
    <Stack direction="row" spacing={1}>
      <Button component={Link} to={`/requests?filter=${filter}`} label="graduates.their_requests">
        <AssignmentIcon />
      </Button>
      {canOpen && (
        <Button
          label="graduates.open_request"
          variant="outlined"
          disabled={pending}
          onClick={() =>
            run((dataProvider) => dataProvider.openRequest({ graduateId: graduate.id }), translate('requests.opened'))
          }
        >
          <AddIcon />
        </Button>
      )}
    </Stack>
  );
};
