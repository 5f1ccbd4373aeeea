import { type Expression, type RawBuilder, type SqlBool, sql } from 'kysely';

/**
 * Keyset paging over a list sorted by one column, then by id ascending (how every list breaks ties). The
 * cursor is the last row's sort value as PostgreSQL's own text, not as a JavaScript value: a timestamptz has
 * microseconds that a Date would round away, and the next page would then repeat or skip rows.
 */
export interface Cursor {
  key: string;
  id: string;
}

export type SortType = 'text' | 'timestamptz';

/** The sort column's value as text, selected with each row to make the next cursor from. */
export function sortKeyOf(column: string): RawBuilder<string> {
  return sql<string>`${sql.ref(column)}::text`;
}

/** The rows that come after the cursor in `column order, id asc`. */
export function afterCursor(
  column: string,
  type: SortType,
  order: 'asc' | 'desc',
  idColumn: string,
  after: Cursor,
): Expression<SqlBool> {
  const col = sql.ref(column);
  const key = type === 'timestamptz' ? sql`${after.key}::timestamptz` : sql`${after.key}::text`;
  const beyond = order === 'asc' ? sql`${col} > ${key}` : sql`${col} < ${key}`;
  return sql<SqlBool>`(${beyond} OR (${col} = ${key} AND ${sql.ref(idColumn)} > ${after.id}::uuid))`;
}
