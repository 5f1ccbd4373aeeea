import DownloadIcon from '@mui/icons-material/Download';
import { Button, useCanAccess, useListContext } from 'react-admin';
import { ExportProgressBar } from './ExportProgressBar.tsx';
import { useCsvExport } from './useCsvExport.ts';

/** The server streams the filtered log as CSV; react-admin's exporter would fetch every row into the page. */
export const ExportCsvButton = () => {
  const { canAccess } = useCanAccess({ action: 'export', resource: 'audit-events' });
  const { filterValues, total } = useListContext();
  const { progress, start, cancel } = useCsvExport();
  if (!canAccess) return null;
  if (progress) return <ExportProgressBar progress={progress} onCancel={cancel} />;
  return (
    <Button label="audit.export.button" onClick={() => start(filterValues)} disabled={total === 0}>
      <DownloadIcon />
    </Button>
  );
};
