import {
  alpha,
  Chip,
  FormControlLabel,
  Switch,
  Table,
  TableBody,
  TableCell,
  TableHead,
  TableRow,
  Typography,
  useTheme,
} from '@mui/material';
import { useId, useState } from 'react';
import { useTranslate } from 'react-admin';
import { DiffValue } from './DiffValue.tsx';
import { type Change, type DiffRow, diffValues } from './diff.ts';
import { Mono } from './Mono.tsx';

const CHIP_COLORS = { added: 'success', removed: 'error', changed: 'warning', unchanged: 'default' } as const;
const OLD: ReadonlySet<Change> = new Set(['removed', 'changed']);
const NEW: ReadonlySet<Change> = new Set(['added', 'changed']);

const DiffLine = ({ row }: { row: DiffRow }) => {
  const translate = useTranslate();
  const { palette } = useTheme();
  const shade = (color: string, on: boolean) => (on ? { bgcolor: alpha(color, 0.12) } : {});
  return (
    <TableRow>
      <TableCell>
        <Mono>{row.key || translate('audit.diff.whole_value')}</Mono>
      </TableCell>
      <TableCell>
        <Chip size="small" color={CHIP_COLORS[row.change]} label={translate(`audit.diff.changes.${row.change}`)} />
      </TableCell>
      <TableCell sx={shade(palette.error.main, OLD.has(row.change))}>
        <DiffValue value={row.before} />
      </TableCell>
      <TableCell sx={shade(palette.success.main, NEW.has(row.change))}>
        <DiffValue value={row.after} />
      </TableCell>
    </TableRow>
  );
};

export const DiffTable = ({ before, after }: { before: unknown; after: unknown }) => {
  const translate = useTranslate();
  const titleId = useId();
  const [showUnchanged, setShowUnchanged] = useState(false);
  const rows = diffValues(before, after);
  const changed = rows.filter((row) => row.change !== 'unchanged');
  const shown = showUnchanged ? rows : changed;
  const unchanged = rows.length - changed.length;
  return (
    <section aria-labelledby={titleId}>
      <Typography variant="h6" component="h2" id={titleId} gutterBottom>
        {translate('audit.diff.title')}
      </Typography>
      {rows.length === 0 && <Typography variant="body2">{translate('audit.diff.none')}</Typography>}
      {rows.length > 0 && changed.length === 0 && (
        <Typography variant="body2">{translate('audit.diff.no_change')}</Typography>
      )}
      {shown.length > 0 && (
        <Table size="small" aria-labelledby={titleId}>
          <TableHead>
            <TableRow>
              {['field', 'change', 'before', 'after'].map((column) => (
                <TableCell key={column}>{translate(`audit.diff.${column}`)}</TableCell>
              ))}
            </TableRow>
          </TableHead>
          <TableBody>
            {shown.map((row) => (
              <DiffLine key={row.key} row={row} />
            ))}
          </TableBody>
        </Table>
      )}
      {unchanged > 0 && (
        <FormControlLabel
          sx={{ mt: 1 }}
          control={<Switch checked={showUnchanged} onChange={(_event, checked) => setShowUnchanged(checked)} />}
          label={translate('audit.diff.show_unchanged', { count: unchanged })}
        />
      )}
    </section>
  );
};
