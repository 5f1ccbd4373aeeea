import { FilterButton } from 'react-admin';
import { ViewsToolbar } from '../saved-views/ViewsToolbar.tsx';
import { fromApiFilter, toApiFilter } from './apiFilter.ts';
import { ExportCsvButton } from './ExportCsvButton.tsx';
import { VerifyChainButton } from './VerifyChainButton.tsx';

export const AuditListActions = () => (
  <ViewsToolbar toApi={toApiFilter} fromApi={fromApiFilter}>
    <FilterButton />
    <ExportCsvButton />
    <VerifyChainButton />
  </ViewsToolbar>
);
