import { FilterButton, TopToolbar } from 'react-admin';
import { ExportCsvButton } from './ExportCsvButton.tsx';
import { VerifyChainButton } from './VerifyChainButton.tsx';

export const AuditListActions = () => (
  <TopToolbar sx={{ alignItems: 'center' }}>
    <FilterButton />
    <ExportCsvButton />
    <VerifyChainButton />
  </TopToolbar>
);
