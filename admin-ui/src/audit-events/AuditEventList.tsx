import { type Theme, useMediaQuery } from '@mui/material';
import { List } from 'react-admin';
import { AuditEventSimpleList } from './AuditEventSimpleList.tsx';
import { AuditEventTable } from './AuditEventTable.tsx';
import { AuditListActions } from './AuditListActions.tsx';
import { auditFilters } from './auditFilters.tsx';

/** The date range and the other filters need the whole width; the buttons go on a line of their own. */
const toolbarAbove = { '& .RaList-actions': { flexWrap: 'wrap-reverse' } };

export const AuditEventList = () => {
  const isSmall = useMediaQuery<Theme>((theme) => theme.breakpoints.down('md'));
  return (
    <List
      filters={auditFilters}
      sort={{ field: 'id', order: 'DESC' }}
      perPage={25}
      exporter={false}
      actions={<AuditListActions />}
      sx={toolbarAbove}
    >
      {isSmall ? <AuditEventSimpleList /> : <AuditEventTable />}
    </List>
  );
};
