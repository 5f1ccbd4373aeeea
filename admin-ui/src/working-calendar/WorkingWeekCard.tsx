import { THURSDAY_RULES, type ThursdayRule } from '@diploma-desk/db/domain';
import { Card, CardContent, FormControlLabel, Radio, RadioGroup, Stack, Typography } from '@mui/material';
import { useCanAccess, useGetOne, useNotify, useTranslate, useUpdate } from 'react-admin';
import type { WorkingWeek } from './types.ts';

/** The working week beside the holidays: Friday is the weekend; the admin says how Thursday counts. */
export const WorkingWeekCard = () => {
  const translate = useTranslate();
  const notify = useNotify();
  const { data: week } = useGetOne<WorkingWeek & { id: string }>('working-week', { id: 'current' });
  const { canAccess: canEdit } = useCanAccess({ action: 'edit', resource: 'working-week' });
  const [update, { isPending }] = useUpdate<WorkingWeek & { id: string }>();
  const change = (thursday: ThursdayRule) => {
    if (!week) return;
    update(
      'working-week',
      { id: 'current', data: { thursday, version: week.version }, previousData: week },
      {
        mutationMode: 'pessimistic',
        onSuccess: () => notify('calendar.week.saved', { type: 'success' }),
        onError: (error) => notify((error as Error).message, { type: 'error' }),
      },
    );
  };
  return (
    <Card
      component="section"
      aria-labelledby="working-week-title"
      sx={{ ms: { md: 2 }, mt: { xs: 2, md: 0 }, width: { md: 300 }, flexShrink: 0, alignSelf: 'flex-start' }}
    >
      <CardContent>
        <Typography id="working-week-title" variant="subtitle1" component="h2">
          {translate('calendar.week.title')}
        </Typography>
        <Typography variant="body2" color="text.secondary" sx={{ mb: 1 }}>
          {translate('calendar.week.explanation')}
        </Typography>
        <Stack>
          <Typography id="thursday-label" variant="body2" component="span" sx={{ fontWeight: 500 }}>
            {translate('calendar.week.thursday')}
          </Typography>
          <RadioGroup
            aria-labelledby="thursday-label"
            value={week?.thursday ?? ''}
            onChange={(event) => change(event.target.value as ThursdayRule)}
          >
            {THURSDAY_RULES.map((rule) => (
              <FormControlLabel
                key={rule}
                value={rule}
                disabled={!canEdit || isPending || !week}
                control={<Radio size="small" />}
                label={translate(`calendar.week.rules.${rule}`)}
              />
            ))}
          </RadioGroup>
        </Stack>
      </CardContent>
    </Card>
  );
};
