import { Stack, ToggleButton, ToggleButtonGroup, Typography } from '@mui/material';
import { useCanAccess, useGetIdentity, useListContext, useTranslate } from 'react-admin';
import { isQueue } from '../../common/domain.ts';
import { ASSIGNEE_FILTERS, type AssigneeFilter } from './types.ts';

/**
 * Mine / Unassigned / All above the request list: holders in the office of the queue filter, else the
 * caller's own office. Shown only where the caller may see that office's holders.
 */
export const AssigneeQuickFilter = () => {
  const { filterValues, displayedFilters, setFilters } = useListContext();
  const { identity } = useGetIdentity();
  const translate = useTranslate();
  const queue: unknown = filterValues.queue;
  const role: unknown = identity?.role;
  const office = isQueue(queue) ? queue : isQueue(role) ? role : undefined;
  const { canAccess } = useCanAccess({ action: 'read', resource: 'assignments', record: { id: office ?? '', office } });
  if (!office || !canAccess) return null;
  const current: unknown = filterValues.assignee;
  const value: AssigneeFilter = current === 'mine' || current === 'unassigned' ? current : 'all';
  const choose = (next: AssigneeFilter | null) => {
    if (!next) return;
    const { assignee: _dropped, ...rest } = filterValues;
    setFilters(next === 'all' ? rest : { ...rest, assignee: next }, displayedFilters);
  };
  return (
    <Stack direction="row" spacing={1} sx={{ alignItems: 'center', px: 2, pt: 1 }}>
      <Typography variant="body2" id="assignee-filter-label">
        {translate('assignment.filter.label')}
      </Typography>
      <ToggleButtonGroup
        size="small"
        exclusive
        value={value}
        onChange={(_, next: AssigneeFilter | null) => choose(next)}
        aria-labelledby="assignee-filter-label"
      >
        {ASSIGNEE_FILTERS.map((filter) => (
          <ToggleButton key={filter} value={filter}>
            {translate(`assignment.filter.${filter}`)}
          </ToggleButton>
        ))}
      </ToggleButtonGroup>
    </Stack>
  );
};
