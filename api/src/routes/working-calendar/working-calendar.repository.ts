import type {
  Database,
  HolidayKind,
  HolidayRow,
  HolidayRowUpdate,
  NewHolidayRow,
  StageTargetOffice,
  StageTargetRow,
  ThursdayRule,
  WorkingCalendarRow,
} from '@diploma-desk/db';
import { type Kysely, sql, type Transaction } from 'kysely';
import type { ListParams } from '../../lib/simple-rest.ts';
import { workingCalendar } from '../../lib/working-calendar.ts';
import type {
  HOLIDAY_SORTABLE,
  HolidayDto,
  HolidayListFilter,
  StageTargetDto,
  WorkingWeekDto,
} from '../../schemas/working-calendar.ts';
import { type StageClock, targetKey } from '../../workflow/stage-targets.ts';
import { escapeLike } from '../graduates/graduates.repository.ts';

type Executor = Kysely<Database> | Transaction<Database>;

export type StageCalendar = Omit<StageClock, 'now'>;

/**
 * Everything that decides time-in-stage flags, read in one statement: the Thursday rule, every holiday and
 * every target (a few dozen rows a year).
 */
export async function loadStageCalendar(db: Executor): Promise<StageCalendar> {
  const { rows } = await sql<{ thursday: ThursdayRule; holidays: string[]; targets: [string, string, number][] }>`
    SELECT (SELECT thursday FROM working_calendar) AS thursday,
      (SELECT coalesce(json_agg(date), '[]') FROM holidays) AS holidays,
      (SELECT coalesce(json_agg(json_build_array(office, stage, target_days)), '[]') FROM stage_targets) AS targets`.execute(
    db,
  );
  const row = rows[0]!;
  return {
    calendar: workingCalendar(row.thursday ?? 'working', row.holidays),
    targets: new Map(row.targets.map(([office, stage, days]) => [`${office}:${stage}`, days])),
  };
}

/** Each request's welfare record answer (null: not yet checked, or no record). */
export async function welfareDebts(db: Executor, requestIds: string[]): Promise<Map<string, boolean | null>> {
  if (requestIds.length === 0) return new Map();
  const rows = await db
    .selectFrom('welfareRecords')
    .select(['requestId', 'hasDebt'])
    .where('requestId', 'in', requestIds)
    .execute();
  return new Map(rows.map((r) => [r.requestId, r.hasDebt]));
}

// --- Holidays ---

export function toHolidayDto(row: HolidayRow): HolidayDto {
  return {
    id: row.id,
    date: row.date,
    nameFa: row.nameFa,
    nameEn: row.nameEn,
    kind: row.kind,
    version: row.version,
    createdAt: row.createdAt.toISOString(),
    updatedAt: row.updatedAt.toISOString(),
  };
}

const list = <T>(v: T | T[] | undefined) => (v === undefined ? undefined : Array.isArray(v) ? v : [v]);

export async function listHolidays(
  db: Executor,
  params: ListParams<HolidayListFilter, (typeof HOLIDAY_SORTABLE)[number]>,
): Promise<{ rows: HolidayRow[]; total: number }> {
  const f = params.filter;
  let q = db.selectFrom('holidays');
  if (f.from) q = q.where('date', '>=', f.from);
  if (f.to) q = q.where('date', '<=', f.to);
  const kinds = list<HolidayKind>(f.kind);
  if (kinds) q = kinds.length === 0 ? q.where((eb) => eb.val(false)) : q.where('kind', 'in', kinds);
  const ids = list(f.id);
  if (ids) q = ids.length === 0 ? q.where((eb) => eb.val(false)) : q.where('id', 'in', ids);
  if (f.q?.trim()) {
    const like = `%${escapeLike(f.q.trim())}%`;
    q = q.where((eb) => eb.or([eb('nameFa', 'ilike', like), eb('nameEn', 'ilike', like)]));
  }
  const [rows, count] = await Promise.all([
    q
      .selectAll()
      .orderBy(params.sort.field, params.sort.order)
      .orderBy('id')
      .offset(params.offset)
      .limit(params.limit)
      .execute(),
    q.select((eb) => eb.fn.countAll<string>().as('total')).executeTakeFirstOrThrow(),
  ]);
  return { rows, total: Number(count.total) };
}

export function findHoliday(db: Executor, id: string, forUpdate = false): Promise<HolidayRow | undefined> {
  const q = db.selectFrom('holidays').selectAll().where('id', '=', id);
  return (forUpdate ? q.forUpdate() : q).executeTakeFirst();
}

export function insertHoliday(db: Executor, values: NewHolidayRow): Promise<HolidayRow> {
  return db.insertInto('holidays').values(values).returningAll().executeTakeFirstOrThrow();
}

export function updateHoliday(db: Executor, id: string, values: HolidayRowUpdate): Promise<HolidayRow> {
  return db
    .updateTable('holidays')
    .set((eb) => ({ ...values, version: eb('version', '+', 1), updatedAt: new Date() }))
    .where('id', '=', id)
    .returningAll()
    .executeTakeFirstOrThrow();
}

export async function deleteHoliday(db: Executor, id: string): Promise<void> {
  await db.deleteFrom('holidays').where('id', '=', id).execute();
}

// --- The working week ---

export function toWorkingWeekDto(row: WorkingCalendarRow): WorkingWeekDto {
  return {
    thursday: row.thursday,
    version: row.version,
    updatedBy: row.updatedBy,
    updatedAt: row.updatedAt.toISOString(),
  };
}

export function findWorkingWeek(db: Executor, forUpdate = false): Promise<WorkingCalendarRow> {
  const q = db.selectFrom('workingCalendar').selectAll();
  return (forUpdate ? q.forUpdate() : q).executeTakeFirstOrThrow();
}

export function updateWorkingWeek(db: Executor, thursday: ThursdayRule, by: string | null) {
  return db
    .updateTable('workingCalendar')
    .set((eb) => ({ thursday, updatedBy: by, version: eb('version', '+', 1), updatedAt: new Date() }))
    .returningAll()
    .executeTakeFirstOrThrow();
}

// --- Stage targets ---

export function toStageTargetDto(row: StageTargetRow): StageTargetDto {
  return {
    id: targetKey(row.office, row.stage),
    office: row.office,
    stage: row.stage,
    targetDays: row.targetDays,
    version: row.version,
    updatedBy: row.updatedBy,
    updatedAt: row.updatedAt.toISOString(),
  };
}

export function listStageTargets(db: Executor, office?: StageTargetOffice, forUpdate = false) {
  let q = db.selectFrom('stageTargets').selectAll();
  if (office) q = q.where('office', '=', office);
  // Offices and stages in the order the workflow runs, not alphabetically.
  q = q
    .orderBy(sql`array_position(ARRAY['graduate_officer', 'free_education_officer', 'welfare_officer'], office)`)
    .orderBy(
      sql`array_position(ARRAY['submitted', 'under_review', 'approved', 'printing', 'signing', 'ready'], stage)`,
    );
  return (forUpdate ? q.forUpdate() : q).execute();
}

export function updateStageTarget(db: Executor, row: StageTargetRow, targetDays: number, by: string | null) {
  return db
    .updateTable('stageTargets')
    .set((eb) => ({ targetDays, updatedBy: by, version: eb('version', '+', 1), updatedAt: new Date() }))
    .where('office', '=', row.office)
    .where('stage', '=', row.stage)
    .returningAll()
    .executeTakeFirstOrThrow();
}
