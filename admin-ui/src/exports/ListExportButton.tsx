import DownloadIcon from '@mui/icons-material/Download';
import { ListItemText, Menu, MenuItem } from '@mui/material';
import { useState } from 'react';
import { Button, useCanAccess, useListContext, useTranslate } from 'react-admin';
import { ListExportProgress } from './ListExportProgress.tsx';
import type { ExportFormat } from './listDownload.ts';
import { useListExport } from './useListExport.ts';

const FORMATS: ExportFormat[] = ['xlsx', 'csv'];

/**
 * Exports the list as filtered and sorted now, every row: the server streams the file a page at a time
 * (react-admin's exporter would fetch every row into the page first). Shown to those the API lets export.
 */
export const ListExportButton = () => {
  const { resource, total } = useListContext();
  const { canAccess } = useCanAccess({ action: 'export', resource });
  const translate = useTranslate();
  const { progress, start, cancel } = useListExport();
  const [anchor, setAnchor] = useState<HTMLElement | null>(null);
  if (!canAccess) return null;
  if (progress) return <ListExportProgress progress={progress} onCancel={cancel} />;
  const choose = (format: ExportFormat) => {
    setAnchor(null);
    void start(format);
  };
  return (
    <>
      <Button
        label="list_exports.button"
        onClick={(event) => setAnchor(event.currentTarget)}
        disabled={total === 0}
        aria-haspopup="menu"
      >
        <DownloadIcon />
      </Button>
      <Menu anchorEl={anchor} open={anchor !== null} onClose={() => setAnchor(null)}>
        {FORMATS.map((format) => (
          <MenuItem key={format} onClick={() => choose(format)}>
            <ListItemText primary={translate(`list_exports.${format}`)} />
          </MenuItem>
        ))}
      </Menu>
    </>
  );
};
