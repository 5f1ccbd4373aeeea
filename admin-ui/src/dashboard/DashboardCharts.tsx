import { Card, CardActionArea, CardContent, CardHeader, MenuItem, Stack, TextField, Typography } from '@mui/material';
import { useTheme } from '@mui/material/styles';
import { BarChart } from '@mui/x-charts/BarChart';
import { useEffect, useState } from 'react';
import { LinearProgress, Link, useLocaleState, useTranslate } from 'react-admin';
import { useNavigate } from 'react-router';
import { formatNumber } from '../common/digits.ts';
import { isQueue, QUEUES, type Queue } from '../common/domain.ts';
import { httpClient } from '../providers/httpClient.ts';
import { type DashboardFigures, listPath } from './types.ts';
import { weekLabel } from './weekLabel.ts';

/** A figure that opens the list it counts. */
const Figure = ({ label, value, to }: { label: string; value: string; to: Record<string, unknown> }) => (
  <Card variant="outlined" sx={{ flex: '1 1 10rem' }}>
    <CardActionArea component={Link} to={listPath(to)} sx={{ height: '100%' }}>
      <CardContent>
        <Typography variant="h4" component="p">
          {value}
        </Typography>
        <Typography variant="body2" color="text.secondary">
          {label}
        </Typography>
      </CardContent>
    </CardActionArea>
  </Card>
);

const CHART_HEIGHT = 280;

/**
 * The office's figures and charts (GET /api/dashboard). Its own chunk with the charting library, loaded only
 * here. In Persian the category axis runs right to left and the value axis stands on the right; every tick
 * is in the locale's digits, weeks as Solar Hijri dates.
 */
export const DashboardCharts = ({ defaultOffice, choose }: { defaultOffice: Queue; choose: boolean }) => {
  const translate = useTranslate();
  const [locale = 'fa'] = useLocaleState();
  const navigate = useNavigate();
  const rtl = useTheme().direction === 'rtl';
  const [office, setOffice] = useState<Queue>(defaultOffice);
  const [figures, setFigures] = useState<DashboardFigures>();
  const [failed, setFailed] = useState(false);

  useEffect(() => {
    let current = true;
    setFailed(false);
    httpClient(`/api/dashboard?office=${office}`)
      .then(({ json }) => current && setFigures(json as DashboardFigures))
      .catch(() => current && setFailed(true));
    return () => {
      current = false;
    };
  }, [office]);

  if (failed) return <Typography color="error">{translate('dashboard.charts.failed')}</Typography>;
  if (!figures || figures.office !== office) return <LinearProgress sx={{ my: 2 }} />;

  const n = (value: number) => formatNumber(value, locale);
  const days = (value: number | null) =>
    value === null ? '' : translate('dashboard.charts.days', { days: formatNumber(value, locale) });
  const valueAxis = [{ position: rtl ? ('right' as const) : ('left' as const), valueFormatter: n, width: 48 }];
  const stageNames = figures.stages.map((s) => translate(`stages.${s.stage}`));
  const { queue, waiting } = figures;

  return (
    <Stack spacing={2}>
      {choose && (
        <TextField
          select
          size="small"
          label={translate('dashboard.charts.office')}
          value={office}
          onChange={(e) => isQueue(e.target.value) && setOffice(e.target.value)}
          sx={{ maxWidth: 320 }}
        >
          {QUEUES.map((q) => (
            <MenuItem key={q} value={q}>
              {translate(`offices.${q}`)}
            </MenuItem>
          ))}
        </TextField>
      )}
      <Stack direction="row" sx={{ flexWrap: 'wrap', gap: 2 }}>
        <Figure label={translate('dashboard.charts.queue_size')} value={n(queue.size)} to={{ queue: office }} />
        <Figure
          label={translate('dashboard.charts.overdue')}
          value={n(queue.overdue)}
          to={{ queue: office, overdue: true }}
        />
        {queue.oldest && (
          <Card variant="outlined" sx={{ flex: '1 1 14rem' }}>
            <CardActionArea component={Link} to={`/requests/${queue.oldest.id}/show`} sx={{ height: '100%' }}>
              <CardContent>
                <Typography variant="h4" component="p">
                  {translate('dashboard.charts.working_days', { days: n(queue.oldest.daysInStage) })}
                </Typography>
                <Typography variant="body2" color="text.secondary">
                  {translate('dashboard.charts.oldest', {
                    name: queue.oldest.name ?? '',
                    stage: translate(`stages.${queue.oldest.stage}`),
                  })}
                </Typography>
              </CardContent>
            </CardActionArea>
          </Card>
        )}
      </Stack>
      {waiting && (
        <Card component="section" aria-label={translate('dashboard.charts.waiting')}>
          <CardHeader title={translate('dashboard.charts.waiting')} titleTypographyProps={{ variant: 'h6' }} />
          <CardContent>
            <Stack direction="row" sx={{ flexWrap: 'wrap', gap: 2 }}>
              <Figure
                label={translate('dashboard.charts.waiting_cancellation')}
                value={n(waiting.cancellationTick)}
                to={{ queue: 'free_education_officer' }}
              />
              <Figure
                label={translate('dashboard.charts.waiting_welfare')}
                value={n(waiting.welfareTick)}
                to={{ queue: 'welfare_officer' }}
              />
              <Figure
                label={translate('dashboard.charts.waiting_graduate')}
                value={n(waiting.graduate)}
                to={{ stage: 'returned' }}
              />
              <Figure
                label={translate('dashboard.charts.waiting_review')}
                value={n(waiting.documentReview)}
                to={{ stage: ['submitted', 'under_review'] }}
              />
            </Stack>
          </CardContent>
        </Card>
      )}
      <Card component="section" aria-label={translate('dashboard.charts.per_stage')}>
        <CardHeader
          title={translate('dashboard.charts.per_stage')}
          subheader={translate('dashboard.charts.per_stage_hint')}
          titleTypographyProps={{ variant: 'h6' }}
        />
        <CardContent>
          <BarChart
            height={CHART_HEIGHT}
            xAxis={[
              { scaleType: 'band', data: stageNames, reverse: rtl, tickLabelStyle: { fontSize: 11 }, height: 40 },
            ]}
            yAxis={valueAxis}
            series={[{ data: figures.stages.map((s) => s.count), label: translate('dashboard.charts.requests') }]}
            hideLegend
            onAxisClick={(_, data) => {
              const stage = data ? figures.stages[data.dataIndex]?.stage : undefined;
              if (stage) navigate(listPath({ stage }));
            }}
            sx={{ cursor: 'pointer' }}
          />
        </CardContent>
      </Card>
      <Card component="section" aria-label={translate('dashboard.charts.throughput')}>
        <CardHeader title={translate('dashboard.charts.throughput')} titleTypographyProps={{ variant: 'h6' }} />
        <CardContent>
          <BarChart
            height={CHART_HEIGHT}
            xAxis={[
              {
                scaleType: 'band',
                data: figures.throughput.map((w) => weekLabel(w.week, locale)),
                reverse: rtl,
                tickLabelStyle: { fontSize: 11 },
                height: 40,
              },
            ]}
            yAxis={valueAxis}
            series={[
              {
                data: figures.throughput.map((w) => w.delivered),
                label: translate('dashboard.charts.delivered'),
                valueFormatter: (v) => (v === null ? '' : n(v)),
              },
            ]}
            hideLegend
          />
        </CardContent>
      </Card>
      <Card component="section" aria-label={translate('dashboard.charts.lead_time')}>
        <CardHeader
          title={translate('dashboard.charts.lead_time')}
          subheader={translate('dashboard.charts.lead_time_hint')}
          titleTypographyProps={{ variant: 'h6' }}
        />
        <CardContent>
          <BarChart
            height={CHART_HEIGHT}
            xAxis={[
              {
                scaleType: 'band',
                data: figures.leadTimes.map((l) => translate(`stages.${l.stage}`)),
                reverse: rtl,
                tickLabelStyle: { fontSize: 11 },
                height: 40,
              },
            ]}
            yAxis={valueAxis}
            series={[
              {
                data: figures.leadTimes.map((l) => l.median),
                label: translate('dashboard.charts.median'),
                valueFormatter: days,
              },
              {
                data: figures.leadTimes.map((l) => l.p90),
                label: translate('dashboard.charts.p90'),
                valueFormatter: days,
              },
            ]}
            onAxisClick={(_, data) => {
              const stage = data ? figures.leadTimes[data.dataIndex]?.stage : undefined;
              if (stage) navigate(listPath({ stage }));
            }}
            sx={{ cursor: 'pointer' }}
          />
        </CardContent>
      </Card>
    </Stack>
  );
};
