import { type Theme, useMediaQuery } from '@mui/material';
import { FilterButton, List } from 'react-admin';
import { ListExportButton } from '../exports/ListExportButton.tsx';
import { ViewsToolbar } from '../saved-views/ViewsToolbar.tsx';
import { AssigneeQuickFilter } from './assignment/AssigneeQuickFilter.tsx';
import { BulkResults } from './bulk/BulkResults.tsx';
import { RequestSimpleList } from './RequestSimpleList.tsx';
import { RequestTable } from './RequestTable.tsx';
import { requestFilters } from './requestFilters.tsx';

export const RequestList = () => {
  const isSmall = useMediaQuery<Theme>((theme) => theme.breakpoints.down('md'));
  return (
    <List
      filters={requestFilters}
      sort={{ field: 'stageEnteredAt', order: 'ASC' }}
      perPage={25}
      exporter={false}
      actions={
        <ViewsToolbar>
          <FilterButton />
          <ListExportButton />
        </ViewsToolbar>
      }
    >
      <AssigneeQuickFilter />
      <BulkResults>{isSmall ? <RequestSimpleList /> : <RequestTable />}</BulkResults>
    </List>
  );
};
