import { Stack, Typography } from '@mui/material';
import { useGetIdentity, useListContext, useRecordContext, useTranslate } from 'react-admin';
import { isQueue } from '../../common/domain.ts';
import type { RequestSummary } from '../types.ts';

/**
 * The list's "held by" column: the holder in the office the list is about (its queue filter, else the
 * caller's own office); with neither, every holder the caller may see, each with its office.
 */
export const AssigneeField = () => {
  const record = useRecordContext<RequestSummary>();
  const { filterValues } = useListContext();
  const { identity } = useGetIdentity();
  const translate = useTranslate();
  if (!record) return null;
  const queue: unknown = filterValues?.queue;
  const role: unknown = identity?.role;
  const office = isQueue(queue) ? queue : isQueue(role) ? role : undefined;
  const holdings = (record.assignments ?? []).filter((h) => !office || h.office === office);
  if (holdings.length === 0) {
    return (
      <Typography variant="body2" color="text.secondary">
        {translate('assignment.nobody')}
      </Typography>
    );
  }
  return (
    <Stack component="span">
      {holdings.map((h) => {
        const name = h.assignee.id === identity?.id ? translate('assignment.me') : h.assignee.displayName;
        return (
          <Typography key={h.office} variant="body2" component="span">
            {office
              ? name
              : translate('assignment.other_office', { office: translate(`assignment.offices.${h.office}`), name })}
          </Typography>
        );
      })}
    </Stack>
  );
};
