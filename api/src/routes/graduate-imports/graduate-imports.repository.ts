import type {
  Database,
  GraduateImportLineRow,
  GraduateImportRow,
  GraduateRow,
  ImportRowStatus,
  Json,
  NewGraduateImportLineRow,
  NewGraduateImportRow,
} from '@diploma-desk/db';
import { type Expression, type ExpressionBuilder, type Kysely, type SqlBool, sql, type Transaction } from 'kysely';
import type { ListParams } from '../../lib/simple-rest.ts';
import type {
  GraduateImportDto,
  GraduateImportLineDto,
  IMPORT_LINE_SORTABLE,
  IMPORT_SORTABLE,
  ImportLineListFilter,
  ImportListFilter,
} from '../../schemas/graduate-imports.ts';
import type { GraduateValues } from './graduate-rows.ts';

type Executor = Kysely<Database> | Transaction<Database>;
type Where = (eb: ExpressionBuilder<Database, 'graduateImports'>) => Expression<SqlBool>;

/** The rule fields of a GraduateImport subject (abilities.ts) and the columns that hold them. */
export const IMPORT_COLUMNS = { id: 'graduateImports.id' } as const;

export type ImportWithName = GraduateImportRow & { createdByName: string | null };

export function toImportDto(row: ImportWithName): GraduateImportDto {
  return {
    id: row.id,
    fileName: row.fileName,
    sha256: row.sha256,
    sizeBytes: Number(row.sizeBytes),
    delimiter: row.delimiter,
    columns: row.columns as GraduateImportDto['columns'],
    status: row.status,
    rows: {
      total: row.rowsTotal,
      new: row.rowsNew,
      unchanged: row.rowsUnchanged,
      conflict: row.rowsConflict,
      invalid: row.rowsInvalid,
      warned: row.rowsWarned,
      imported: row.rowsImported,
    },
    progress: { done: row.rowsImported, total: row.rowsNew },
    createdBy: row.createdBy,
    createdByName: row.createdByName,
    createdAt: row.createdAt.toISOString(),
    commitStartedAt: row.commitStartedAt?.toISOString() ?? null,
    committedBy: row.committedBy,
    committedAt: row.committedAt?.toISOString() ?? null,
  };
}

export function toLineDto(row: GraduateImportLineRow): GraduateImportLineDto {
  return {
    id: row.line,
    line: row.line,
    status: row.status,
    fields: row.fields as GraduateImportLineDto['fields'],
    issues: row.issues as GraduateImportLineDto['issues'],
    warned: row.warned,
    graduateId: row.graduateId,
    importedAt: row.importedAt?.toISOString() ?? null,
  };
}

/** A recorded graduate's details as an import line holds them, for comparing the two. */
export const recordedValues = (g: GraduateRow): GraduateValues => ({
  studentNumber: g.studentNumber,
  nationalId: g.nationalId,
  firstName: g.firstName,
  lastName: g.lastName,
  fatherName: g.fatherName,
  birthDate: g.birthDate,
  gender: g.gender,
  degreeLevel: g.degreeLevel,
  faculty: g.faculty,
  program: g.program,
  scholarship: g.scholarship,
});

function withName(db: Executor) {
  return db
    .selectFrom('graduateImports')
    .leftJoin('users', 'users.id', 'graduateImports.createdBy')
    .selectAll('graduateImports')
    .select('users.displayName as createdByName');
}

export function findImport(db: Executor, visible: Where, id: string): Promise<ImportWithName | undefined> {
  return withName(db).where('graduateImports.id', '=', id).where(visible).executeTakeFirst();
}

/** The import row locked for this transaction: commits of one import run one batch at a time. */
export function lockImport(trx: Transaction<Database>, id: string): Promise<GraduateImportRow | undefined> {
  return trx.selectFrom('graduateImports').selectAll().where('id', '=', id).forUpdate().executeTakeFirst();
}

export async function listImports(
  db: Executor,
  visible: Where,
  params: ListParams<ImportListFilter, (typeof IMPORT_SORTABLE)[number]>,
): Promise<{ rows: ImportWithName[]; total: number }> {
  const { filter } = params;
  let q = db.selectFrom('graduateImports').where(visible);
  if (filter.status !== undefined) {
    const statuses = Array.isArray(filter.status) ? filter.status : [filter.status];
    q = statuses.length === 0 ? q.where((eb) => eb.val(false)) : q.where('graduateImports.status', 'in', statuses);
  }
  if (filter.id !== undefined) {
    const ids = Array.isArray(filter.id) ? filter.id : [filter.id];
    q = ids.length === 0 ? q.where((eb) => eb.val(false)) : q.where('graduateImports.id', 'in', ids);
  }
  const ids = q
    .select('graduateImports.id')
    .orderBy(`graduateImports.${params.sort.field}`, params.sort.order)
    .orderBy('graduateImports.id', params.sort.order)
    .offset(params.offset)
    .limit(params.limit);
  const [page, count] = await Promise.all([
    ids.execute(),
    q.select((eb) => eb.fn.countAll<string>().as('total')).executeTakeFirstOrThrow(),
  ]);
  const rows =
    page.length === 0
      ? []
      : await withName(db)
          .where(
            'graduateImports.id',
            'in',
            page.map((r) => r.id),
          )
          .execute();
  const order = new Map(page.map((r, i) => [r.id, i]));
  rows.sort((a, b) => (order.get(a.id) ?? 0) - (order.get(b.id) ?? 0));
  return { rows, total: Number(count.total) };
}

export async function listLines(
  db: Executor,
  importId: string,
  params: ListParams<ImportLineListFilter, (typeof IMPORT_LINE_SORTABLE)[number]>,
): Promise<{ rows: GraduateImportLineRow[]; total: number }> {
  const { filter } = params;
  let q = db.selectFrom('graduateImportRows').where('importId', '=', importId);
  if (filter.status !== undefined) {
    const statuses = Array.isArray(filter.status) ? filter.status : [filter.status];
    q = statuses.length === 0 ? q.where((eb) => eb.val(false)) : q.where('status', 'in', statuses);
  }
  if (filter.warned !== undefined) q = q.where('warned', '=', filter.warned);
  if (filter.id !== undefined) {
    const lines = Array.isArray(filter.id) ? filter.id : [filter.id];
    q = lines.length === 0 ? q.where((eb) => eb.val(false)) : q.where('line', 'in', lines);
  }
  const [rows, count] = await Promise.all([
    q.selectAll().orderBy('line', params.sort.order).offset(params.offset).limit(params.limit).execute(),
    q.select((eb) => eb.fn.countAll<string>().as('total')).executeTakeFirstOrThrow(),
  ]);
  return { rows, total: Number(count.total) };
}

export function insertImport(trx: Transaction<Database>, values: NewGraduateImportRow): Promise<GraduateImportRow> {
  return trx.insertInto('graduateImports').values(values).returningAll().executeTakeFirstOrThrow();
}

export async function insertLines(trx: Transaction<Database>, lines: NewGraduateImportLineRow[]): Promise<void> {
  if (lines.length > 0) await trx.insertInto('graduateImportRows').values(lines).execute();
}

/** The graduates recorded under any of these national IDs or student numbers. */
export function recordedGraduates(
  db: Executor,
  nationalIds: readonly string[],
  studentNumbers: readonly string[],
): Promise<GraduateRow[]> {
  if (nationalIds.length === 0 && studentNumbers.length === 0) return Promise.resolve([]);
  return db
    .selectFrom('graduates')
    .selectAll()
    .where((eb) =>
      eb.or([
        ...(nationalIds.length > 0 ? [eb('nationalId', 'in', [...nationalIds])] : []),
        ...(studentNumbers.length > 0 ? [eb('studentNumber', 'in', [...studentNumbers])] : []),
      ]),
    )
    .execute();
}

/** The next new rows whose graduates are not created yet, in file order. */
export function pendingLines(trx: Transaction<Database>, importId: string, limit: number) {
  return trx
    .selectFrom('graduateImportRows')
    .selectAll()
    .where('importId', '=', importId)
    .where('status', '=', 'new')
    .where('importedAt', 'is', null)
    .orderBy('line')
    .limit(limit)
    .execute();
}

export async function countPending(trx: Transaction<Database>, importId: string): Promise<number> {
  const row = await trx
    .selectFrom('graduateImportRows')
    .select((eb) => eb.fn.countAll<string>().as('n'))
    .where('importId', '=', importId)
    .where('status', '=', 'new')
    .where('importedAt', 'is', null)
    .executeTakeFirstOrThrow();
  return Number(row.n);
}

/** Marks lines as imported, each with the graduate created for it, in one statement. */
export async function markImported(
  trx: Transaction<Database>,
  importId: string,
  created: ReadonlyArray<{ line: number; graduateId: string }>,
  at: Date,
): Promise<void> {
  if (created.length === 0) return;
  await sql`
    UPDATE graduate_import_rows AS r SET imported_at = ${at}, graduate_id = v.graduate_id
    FROM jsonb_to_recordset(${JSON.stringify(created.map((c) => ({ line: c.line, graduate_id: c.graduateId })))}::jsonb)
      AS v(line integer, graduate_id uuid)
    WHERE r.import_id = ${importId} AND r.line = v.line`.execute(trx);
}

/** A line the dry run took as new, found recorded when its graduate was to be created. */
export async function reclassifyLine(
  trx: Transaction<Database>,
  importId: string,
  line: number,
  status: Exclude<ImportRowStatus, 'new' | 'invalid'>,
  issues: Json,
  graduateId: string | null,
): Promise<void> {
  await trx
    .updateTable('graduateImportRows')
    .set({ status, issues: JSON.stringify(issues), warned: true, graduateId })
    .where('importId', '=', importId)
    .where('line', '=', line)
    .execute();
}

/** Whether an import keeps this stored file (the start-up sweep removes files nothing refers to). */
export async function importStorageKeyInUse(db: Executor, key: string): Promise<boolean> {
  const row = await db
    .selectFrom('graduateImports')
    .select('id')
    .where('storageKey', '=', key)
    .limit(1)
    .executeTakeFirst();
  return row !== undefined;
}
