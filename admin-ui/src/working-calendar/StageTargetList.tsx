import { TARGET_STAGES } from '@diploma-desk/db/domain';
import SaveIcon from '@mui/icons-material/Save';
import {
  Card,
  CardActions,
  CardContent,
  Table,
  TableBody,
  TableCell,
  TableHead,
  TableRow,
  TextField,
  Typography,
} from '@mui/material';
import { useState } from 'react';
import {
  Button,
  Loading,
  Title,
  useCanAccess,
  useDataProvider,
  useGetList,
  useLocaleState,
  useNotify,
  useRefresh,
  useTranslate,
} from 'react-admin';
import { localDigits, toAsciiDigits } from '../common/digits.ts';
import type { AppDataProvider } from '../providers/dataProvider.ts';
import type { StageTarget } from './types.ts';

const OFFICES = Object.keys(TARGET_STAGES) as Array<keyof typeof TARGET_STAGES>;
const STAGES = [...new Set(Object.values(TARGET_STAGES).flat())];

/**
 * Each office's target per stage, in working days, as one grid: a row per stage, a column per office, a
 * cell where the stage's waiting counts against the office. The admin edits and saves it at once.
 */
export const StageTargetList = () => {
  const translate = useTranslate();
  const notify = useNotify();
  const refresh = useRefresh();
  const [locale] = useLocaleState();
  const dataProvider = useDataProvider<AppDataProvider>();
  const { canAccess: canEdit } = useCanAccess({ action: 'edit', resource: 'stage-targets' });
  const { data = [], isPending } = useGetList<StageTarget>('stage-targets', {
    pagination: { page: 1, perPage: 50 },
    sort: { field: 'office', order: 'ASC' },
  });
  const [edited, setEdited] = useState<Record<string, string>>({});
  const [saving, setSaving] = useState(false);
  if (isPending) return <Loading />;
  const byId = new Map(data.map((t) => [t.id, t]));
  const shown = (t: StageTarget) => toAsciiDigits(edited[t.id] ?? String(t.targetDays));
  const invalid = (text: string) => !/^\d{1,3}$/.test(text) || Number(text) < 1 || Number(text) > 365;
  const changed = data.filter((t) => shown(t) !== String(t.targetDays));
  const anyInvalid = data.some((t) => invalid(shown(t)));
  const save = async () => {
    setSaving(true);
    try {
      await dataProvider.updateStageTargets(
        changed.map((t) => ({ office: t.office, stage: t.stage, targetDays: Number(shown(t)), version: t.version })),
      );
      setEdited({});
      notify('calendar.targets.saved', { type: 'success' });
      refresh();
    } catch (error) {
      notify((error as Error).message, { type: 'error' });
    } finally {
      setSaving(false);
    }
  };
  return (
    <Card sx={{ mt: 2, maxWidth: 900 }}>
      <Title title={translate('resources.stage-targets.name', { smart_count: 2 })} />
      <CardContent>
        <Typography variant="body2" color="text.secondary" sx={{ mb: 2 }}>
          {translate('calendar.targets.explanation')}
        </Typography>
        <Table size="small" aria-label={translate('resources.stage-targets.name')}>
          <TableHead>
            <TableRow>
              <TableCell component="th" scope="col">
                {translate('calendar.targets.stage')}
              </TableCell>
              {OFFICES.map((office) => (
                <TableCell key={office} component="th" scope="col">
                  {translate(`assignment.offices.${office}`)}
                </TableCell>
              ))}
            </TableRow>
          </TableHead>
          <TableBody>
            {STAGES.map((stage) => (
              <TableRow key={stage}>
                <TableCell component="th" scope="row">
                  {translate(`stages.${stage}`)}
                </TableCell>
                {OFFICES.map((office) => {
                  const target = byId.get(`${office}:${stage}`);
                  if (!target) {
                    return (
                      <TableCell
                        key={office}
                        sx={{ color: 'text.disabled' }}
                        aria-label={translate('calendar.targets.none')}
                      >
                        —
                      </TableCell>
                    );
                  }
                  const label = translate('calendar.targets.cell', {
                    office: translate(`assignment.offices.${office}`),
                    stage: translate(`stages.${stage}`),
                  });
                  return (
                    <TableCell key={office}>
                      {canEdit ? (
                        <TextField
                          size="small"
                          variant="filled"
                          hiddenLabel
                          sx={{ width: '5.5rem' }}
                          value={localDigits(shown(target), locale)}
                          onChange={(event) => setEdited({ ...edited, [target.id]: event.target.value.trim() })}
                          error={invalid(shown(target))}
                          slotProps={{
                            htmlInput: {
                              inputMode: 'numeric',
                              'aria-label': label,
                              dir: 'ltr',
                            },
                          }}
                        />
                      ) : (
                        <span title={label}>
                          {translate('calendar.targets.days', { smart_count: target.targetDays })}
                        </span>
                      )}
                    </TableCell>
                  );
                })}
              </TableRow>
            ))}
          </TableBody>
        </Table>
        <Typography variant="caption" color="text.secondary" component="p" sx={{ mt: 1 }}>
          {translate('calendar.targets.graduate_waits')}
        </Typography>
      </CardContent>
      {canEdit && (
        <CardActions>
          <Button
            label="ra.action.save"
            variant="contained"
            onClick={save}
            disabled={saving || changed.length === 0 || anyInvalid}
          >
            <SaveIcon />
          </Button>
        </CardActions>
      )}
    </Card>
  );
};
