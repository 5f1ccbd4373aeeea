import { CreateButton, List, TopToolbar } from 'react-admin';
import { ImportTable } from './ImportTable.tsx';

export const GraduateImportList = () => (
  <List
    sort={{ field: 'createdAt', order: 'DESC' }}
    exporter={false}
    actions={
      <TopToolbar>
        <CreateButton label="graduate_imports.import_button" />
      </TopToolbar>
    }
  >
    <ImportTable />
  </List>
);
