import PanToolIcon from '@mui/icons-material/PanTool';
import PersonIcon from '@mui/icons-material/Person';
import UndoIcon from '@mui/icons-material/Undo';
import { Box, Chip, Stack, Typography } from '@mui/material';
import { Button, useGetIdentity, useLocaleState, useTranslate } from 'react-admin';
import { isQueue } from '../../common/domain.ts';
import { formatDate } from '../../common/formatDate.ts';
import { useRequestDetail } from '../useRequestDetail.ts';
import { AssignButton } from './AssignButton.tsx';
import { useAssignmentCommand } from './useAssignmentCommand.ts';

/**
 * Who holds the request in the caller's office, with what the API says they may do about it (claim, release,
 * assign to a colleague); and the other offices' holders the caller may see (the Graduate Office and auditors).
 */
export const AssignmentPanel = () => {
  const record = useRequestDetail();
  const translate = useTranslate();
  const [locale] = useLocaleState();
  const { identity } = useGetIdentity();
  const { run, pending } = useAssignmentCommand();
  if (!record || !identity) return null;
  const office = isQueue(identity.role) ? identity.role : undefined;
  const holdings = record.assignments ?? [];
  const actions = record.assignmentActions ?? [];
  const held = holdings.find((h) => h.office === office);
  const others = holdings.filter((h) => h.office !== office);
  // The caller's own office's line only where it matters: a holding, or something they may do (in its queue).
  const own = office !== undefined && (held !== undefined || actions.length > 0);
  if (!own && others.length === 0) return null;
  const status = !held
    ? translate('assignment.unassigned')
    : held.assignee.id === identity.id
      ? translate('assignment.held_by_you')
      : translate('assignment.held_by', { name: held.assignee.displayName });
  return (
    <Box component="section" aria-label={translate('assignment.title')} sx={{ pb: 1 }}>
      <Stack direction="row" spacing={1} useFlexGap sx={{ alignItems: 'center', flexWrap: 'wrap' }}>
        {own && (
          <>
            <PersonIcon color={held ? 'primary' : 'disabled'} fontSize="small" />
            <Typography variant="body2">{status}</Typography>
            {held && (
              <Typography variant="body2" color="text.secondary">
                {translate('assignment.since', { date: formatDate(held.assignedAt, locale, 'dateTime') })}
              </Typography>
            )}
          </>
        )}
        {actions.includes('claim') && (
          <Button
            label="assignment.claim"
            variant="contained"
            size="small"
            disabled={pending}
            onClick={() => run((dataProvider) => dataProvider.claimRequest(record.id), translate('assignment.claimed'))}
          >
            <PanToolIcon />
          </Button>
        )}
        {actions.includes('release') && (
          <Button
            label="assignment.release"
            variant="outlined"
            size="small"
            disabled={pending}
            onClick={() =>
              run((dataProvider) => dataProvider.releaseRequest(record.id), translate('assignment.released'))
            }
          >
            <UndoIcon />
          </Button>
        )}
        {actions.includes('assign') && <AssignButton record={record} held={held} />}
        {others.map((h) => (
          <Chip
            key={h.office}
            size="small"
            variant="outlined"
            icon={<PersonIcon />}
            label={translate('assignment.other_office', {
              office: translate(`assignment.offices.${h.office}`),
              name: h.assignee.displayName,
            })}
          />
        ))}
      </Stack>
    </Box>
  );
};
