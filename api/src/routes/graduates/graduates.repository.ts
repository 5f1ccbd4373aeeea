import { type CorrectionRow, type Database, type GraduateRow, normalizeForSearch } from '@diploma-desk/db';
import type { Expression, ExpressionBuilder, Kysely, SqlBool, Transaction } from 'kysely';
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

export async function listGraduates(
  db: Executor,
  visible: Where,
  params: ListParams<GraduateListFilter, (typeof GRADUATE_SORTABLE)[number]>,
) {
  const { filter } = params;
  let q = db.selectFrom('graduates').where(visible);
  if (filter.q?.trim()) q = q.where((eb) => searchCondition(eb, filter.q ?? ''));
  if (filter.gender) q = q.where('gender', '=', filter.gender);
  if (filter.degreeLevel) q = q.where('degreeLevel', '=', filter.degreeLevel);
  if (filter.faculty) q = q.where('faculty', '=', filter.faculty);
  if (filter.id !== undefined) {
    const ids = Array.isArray(filter.id) ? filter.id : [filter.id];
    q = ids.length === 0 ? q.where((eb) => eb.val(false)) : q.where('id', 'in', ids);
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

export function pendingCorrections(db: Executor, graduateId: string) {
  return db
    .selectFrom('corrections')
    .selectAll()
    .where('graduateId', '=', graduateId)
    .where('status', '=', 'pending')
    .orderBy('requestedAt')
    .execute();
}
