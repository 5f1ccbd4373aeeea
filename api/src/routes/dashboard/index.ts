import { subject } from '@casl/ability';
import { OFFICES, type Office } from '@diploma-desk/db';
import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { ForbiddenError } from '../../errors.ts';
import { workingDaysBetween } from '../../lib/working-calendar.ts';
import { problemResponses } from '../../schemas/common.ts';
import { Dashboard, type DashboardDto, DashboardQuery } from '../../schemas/dashboard.ts';
import { overdueRules } from '../../workflow/stage-targets.ts';
import { overdueCondition } from '../requests/overdue.ts';
import {
  countsPerStage,
  everyRequest,
  leadTimes,
  OPEN_STAGES,
  queueFigures,
  weeklyThroughput,
} from './dashboard.repository.ts';

/**
 * How long the figures read from the stage history (weekly deliveries, time in stage) are kept. They are
 * weekly aggregates of every transition in 12 weeks: at 100,000 requests some 400,000 rows, seconds of work on
 * a loaded machine, and a few minutes' delay changes no week's picture. One read at a time: callers meanwhile
 * share it.
 */
const HISTORY_KEEP_MS = 5 * 60_000;

const dashboard: FastifyPluginAsyncTypebox = async (app) => {
  let history: { at: number; figures: ReturnType<typeof readHistory> } | undefined;
  function readHistory(now: Date) {
    return Promise.all([weeklyThroughput(app.db, now), leadTimes(app.db, now)]);
  }
  function historyFigures(now: Date) {
    if (!history || now.getTime() - history.at > HISTORY_KEEP_MS) {
      const figures = readHistory(now);
      const kept = { at: now.getTime(), figures };
      history = kept;
      figures.catch(() => {
        if (history === kept) history = undefined;
      });
    }
    return history.figures;
  }

  app.get(
    '/api/dashboard',
    {
      schema: {
        tags: ['dashboard'],
        summary: 'An office’s figures: its queue, requests per stage, weekly deliveries and time in each stage',
        description:
          'Officers see their own office (another `office` is 403); the auditor and the admin name any office (default graduate_officer). Graduates get 403. Weeks run Saturday to Friday, Tehran time; throughput and lead times cover the last 12 weeks, the current one included, and are kept for up to 5 minutes.',
        querystring: DashboardQuery,
        response: { 200: Dashboard, ...problemResponses(400, 401, 403) },
      },
    },
    async (request): Promise<DashboardDto> => {
      const role = request.user!.role;
      const ownOffice = (OFFICES as readonly string[]).includes(role) ? (role as Office) : undefined;
      const office: Office = request.query.office ?? ownOffice ?? 'graduate_officer';
      if (request.ability.cannot('read', subject('Dashboard', { office }))) throw new ForbiddenError();
      const now = new Date();
      // Overdue as the office's own staff see it: its targets per stage, in working days (the list's filter).
      const clock = await app.stageClock(now.getTime());
      const overdueWhere = overdueCondition(overdueRules(clock, office));
      const [queue, overdue, stages, [throughput, lead], cancellation, welfare] = await Promise.all([
        queueFigures(app.db, office, everyRequest, app.countCache, 1),
        queueFigures(app.db, office, overdueWhere, app.countCache, 0),
        countsPerStage(app.db),
        historyFigures(now),
        office === 'graduate_officer'
          ? queueFigures(app.db, 'free_education_officer', everyRequest, app.countCache, 0)
          : undefined,
        office === 'graduate_officer'
          ? queueFigures(app.db, 'welfare_officer', everyRequest, app.countCache, 0)
          : undefined,
      ]);
      const oldest = queue.rows[0];
      const mayReadCases = request.ability.can('read', 'Request');
      return {
        office,
        asOf: now.toISOString(),
        queue: {
          size: queue.total,
          overdue: overdue.total,
          oldest: oldest
            ? {
                id: oldest.id,
                name: mayReadCases ? `${oldest.firstName} ${oldest.lastName}` : null,
                stage: oldest.stage,
                daysInStage: workingDaysBetween(clock.calendar, oldest.stageEnteredAt, clock.now),
              }
            : null,
        },
        stages: OPEN_STAGES.map((stage) => ({ stage, count: stages.get(stage) ?? 0 })),
        throughput,
        leadTimes: lead,
        waiting:
          cancellation && welfare
            ? {
                cancellationTick: cancellation.total,
                welfareTick: welfare.total,
                graduate: stages.get('returned') ?? 0,
                documentReview: (stages.get('submitted') ?? 0) + (stages.get('under_review') ?? 0),
              }
            : null,
      };
    },
  );
};

export default dashboard;
