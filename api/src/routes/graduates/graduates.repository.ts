import { type CorrectionRow, type Database, type GraduateRow, normalizeForSearch } from '@diploma-desk/db';
import type { Expression, ExpressionBuilder, Kysely, SqlBool, Transaction } from 'kysely';
import { afterCursor, type Cursor, sortKeyOf } from '../../lib/keyset.ts';
import type { ListParams } from '../../lib/simple-rest.ts';
import type { GRADUATE_SORTABLE, GraduateDto, GraduateListFilter } from '../../schemas/graduates.ts';

type Executor = Kysely<Database> | Transaction<Database>;
type Where = (eb: ExpressionBuilder<Database, 'graduates'>) => Expression<SqlBool>;

export const GRADUATE_COLUMNS = { id: 'graduates.id' } as const;

export function toGraduateDto(row: GraduateRow): GraduateDto {
  return {
    id: row.id,
    studentNumber: row.studentNumber,
    nationalId: row.nationalId,
    firstName: row.firstName,
    lastName: row.lastName,
    fatherName: row.fatherName,
    birthDate: row.birthDate,
    gender: row.gender,
    degreeLevel: row.degreeLevel,
    faculty: row.faculty,
    program: row.program,
    scholarship: row.scholarship,
    version: row.version,
    createdAt: row.createdAt.toISOString(),
    updatedAt: row.updatedAt.toISOString(),
  };
}

export function toCorrectionDto(row: CorrectionRow) {
  return {
    ...row,
    changes: row.changes as Record<string, unknown>,
    requestedAt: row.requestedAt.toISOString(),
    reviewedAt: row.reviewedAt?.toISOString() ?? null,
  };
}

export const escapeLike = (s: string) => s.replace(/[\\%_]/g, (c) => `\\${c}`);

/** Matches the normalised search text, so ي/ی, ك/ک, ZWNJ and digit scripts do not matter. */
export function searchCondition(eb: ExpressionBuilder<Database, 'graduates'>, q: string) {
  const words = normalizeForSearch(q).split(' ').filter(Boolean).slice(0, 6);
  return eb.and(words.map((w) => eb('graduates.searchText', 'like', `%${escapeLike(w)}%`)));
}

/** The graduates the list shows for a filter: the list, its count and its export read through this one query. */
export function filteredGraduates(db: Executor, visible: Where, filter: GraduateListFilter) {
  let q = db.selectFrom('graduates').where(visible);
  if (filter.q?.trim()) q = q.where((eb) => searchCondition(eb, filter.q ?? ''));
  if (filter.gender) q = q.where('gender', '=', filter.gender);
  if (filter.degreeLevel) q = q.where('degreeLevel', '=', filter.degreeLevel);
  if (filter.faculty) q = q.where('faculty', '=', filter.faculty);
  if (filter.id !== undefined) {
    const ids = Array.isArray(filter.id) ? filter.id : [filter.id];
    q = ids.length === 0 ? q.where((eb) => eb.val(false)) : q.where('id', 'in', ids);
  }
  return q;
}

export async function listGraduates(
  db: Executor,
  visible: Where,
  params: ListParams<GraduateListFilter, (typeof GRADUATE_SORTABLE)[number]>,
) {
  const q = filteredGraduates(db, visible, params.filter);
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

export async function countGraduates(db: Executor, visible: Where, filter: GraduateListFilter): Promise<number> {
  const row = await filteredGraduates(db, visible, filter)
    .select((eb) => eb.fn.countAll<string>().as('total'))
    .executeTakeFirstOrThrow();
  return Number(row.total);
}

/**
 * The list's graduates in its order, one keyset page at a time (see lib/keyset.ts): each page is a query of
 * its own, so an export holds neither the rows nor a pooled connection for its whole length.
 */
export async function* graduatePages(
  db: Executor,
  visible: Where,
  filter: GraduateListFilter,
  sort: { field: (typeof GRADUATE_SORTABLE)[number]; order: 'asc' | 'desc' },
  pageSize = 2_000,
): AsyncGenerator<GraduateRow[]> {
  const column = `graduates.${sort.field}`;
  const type = sort.field === 'createdAt' ? 'timestamptz' : 'text';
  let after: Cursor | undefined;
  for (;;) {
    const cursor = after;
    const rows = await filteredGraduates(db, visible, filter)
      .$if(cursor !== undefined, (q) => q.where(() => afterCursor(column, type, sort.order, 'graduates.id', cursor!)))
      .selectAll()
      .select(sortKeyOf(column).as('sortKey'))
      .orderBy(sort.field, sort.order)
      .orderBy('id')
      .limit(pageSize)
      .execute();
    if (rows.length > 0) yield rows;
    if (rows.length < pageSize) return;
    const last = rows[rows.length - 1]!;
    after = { key: last.sortKey, id: last.id };
  }
}

export function pendingCorrections(db: Executor, graduateId: string) {
  return db
    .selectFrom('corrections')
    .selectAll()
    .where('graduateId', '=', graduateId)
    .where('status', '=', 'pending')
    .orderBy('requestedAt')
    .execute();
}
