import type { Database, Office } from '@diploma-desk/db';
import { type Expression, type ExpressionBuilder, type Kysely, type SqlBool, sql } from 'kysely';
import type { CountCache } from '../../lib/count-cache.ts';
import { searchCondition } from '../graduates/graduates.repository.ts';
import { listRequests } from '../requests/requests.repository.ts';

/** The stages a request is open in, in workflow order: one bar each, empty ones too. */
export const OPEN_STAGES = [
  'draft',
  'submitted',
  'under_review',
  'returned',
  'approved',
  'printing',
  'signing',
  'ready',
] as const;
export const WEEKS = 12;

export type Condition = (eb: ExpressionBuilder<Database, 'diplomaRequests' | 'graduates'>) => Expression<SqlBool>;
/** Every request: the figures are counts, which the roles allowed a dashboard may all see. */
export const everyRequest: Condition = (eb) => eb.lit(true);

/**
 * An office's queue through the request list's own query (its queue definition, its count and the count
 * cache): the size, and the first row in the list's default order, the request longest in its stage.
 */
export async function queueFigures(
  db: Kysely<Database>,
  office: Office,
  condition: Condition,
  countCache: CountCache | undefined,
  limit: 0 | 1,
) {
  return listRequests(
    db,
    {
      visible: condition,
      queue: office,
      sort: { field: 'stageEnteredAt', order: 'asc' },
      offset: 0,
      limit,
    },
    searchCondition,
    countCache,
  );
}

/** Open requests per stage: one count over the (stage, stage_entered_at, id) index. */
export async function countsPerStage(db: Kysely<Database>): Promise<Map<string, number>> {
  const rows = await db
    .selectFrom('diplomaRequests')
    .select(['stage', (eb) => eb.fn.countAll<string>().as('count')])
    .where('stage', 'in', [...OPEN_STAGES])
    .groupBy('stage')
    .execute();
  return new Map(rows.map((r) => [r.stage, Number(r.count)]));
}

/**
 * The Saturday (Tehran time) that starts the week `now` falls in, minus `weeksBack` weeks, as SQL text of a
 * local timestamp. PostgreSQL's weeks start on Monday: two days on, a Saturday is a Monday.
 */
const weekStart = (now: Date, weeksBack: number) =>
  sql`(date_trunc('week', (${now}::timestamptz AT TIME ZONE 'Asia/Tehran') + interval '2 days') - interval '2 days' - ${`${weeksBack} weeks`}::interval)`;

/** Delivered per Saturday-to-Friday week in Tehran, the last WEEKS weeks including the current one, zeros too. */
export async function weeklyThroughput(db: Kysely<Database>, now: Date) {
  const { rows } = await sql<{ week: string; delivered: string }>`
    WITH weeks AS (
      SELECT generate_series(${weekStart(now, WEEKS - 1)}, ${weekStart(now, 0)}, interval '1 week') AS week
    ), delivered AS (
      SELECT date_trunc('week', (h.at AT TIME ZONE 'Asia/Tehran') + interval '2 days') - interval '2 days' AS week
      FROM request_stage_history h
      WHERE h.to_stage = 'delivered'
        AND h.at >= ${weekStart(now, WEEKS - 1)} AT TIME ZONE 'Asia/Tehran'
        AND h.at <= ${now}
    )
    SELECT to_char(w.week, 'YYYY-MM-DD') AS week, count(d.week) AS delivered
    FROM weeks w LEFT JOIN delivered d ON d.week = w.week
    GROUP BY w.week
    ORDER BY w.week`.execute(db);
  return rows.map((r) => ({ week: r.week, delivered: Number(r.delivered) }));
}

/**
 * Time in a stage, per stage, for every stage left within the last WEEKS weeks: each leaving row of the stage
 * history paired with the row before it of the same request (when it entered), read through the
 * (request_id, id) index; the median and the 90th percentile in days.
 */
export async function leadTimes(db: Kysely<Database>, now: Date) {
  const { rows } = await sql<{ stage: string; count: string; median: number; p90: number }>`
    SELECT l.from_stage AS stage, count(*) AS count,
      percentile_cont(0.5) WITHIN GROUP (ORDER BY extract(epoch FROM l.at - e.at) / 86400)::float8 AS median,
      percentile_cont(0.9) WITHIN GROUP (ORDER BY extract(epoch FROM l.at - e.at) / 86400)::float8 AS p90
    FROM request_stage_history l
    CROSS JOIN LATERAL (
      SELECT p.at FROM request_stage_history p
      WHERE p.request_id = l.request_id AND p.id < l.id
      ORDER BY p.id DESC
      LIMIT 1
    ) e
    WHERE l.from_stage IS NOT NULL
      AND l.at >= ${weekStart(now, WEEKS - 1)} AT TIME ZONE 'Asia/Tehran'
      AND l.at <= ${now}
    GROUP BY l.from_stage`.execute(db);
  const round = (days: number) => Math.round(Math.max(0, days) * 10) / 10;
  const byStage = new Map(rows.map((r) => [r.stage, r]));
  return OPEN_STAGES.flatMap((stage) => {
    const r = byStage.get(stage);
    return r ? [{ stage, count: Number(r.count), median: round(Number(r.median)), p90: round(Number(r.p90)) }] : [];
  });
}
