import type { Database, NewSavedViewRow, Role, SavedViewRow, SavedViewRowUpdate } from '@diploma-desk/db';
import type { Expression, ExpressionBuilder, Kysely, SqlBool, Transaction } from 'kysely';
import type { ListParams } from '../../lib/simple-rest.ts';
import type { SAVED_VIEW_SORTABLE, SavedViewDto, SavedViewListFilter } from '../../schemas/saved-views.ts';

type Executor = Kysely<Database> | Transaction<Database>;
export type ViewWhere = (eb: ExpressionBuilder<Database, 'savedViews' | 'users'>) => Expression<SqlBool>;

/** The view's owner is joined in: an office-shared view is shared with the role its owner has now. */
export const SAVED_VIEW_COLUMNS = {
  ownerId: 'savedViews.ownerId',
  ownerRole: 'users.role',
  scope: 'savedViews.scope',
  resource: 'savedViews.resource',
} as const;

export interface SavedViewWithOwner extends SavedViewRow {
  ownerName: string;
  ownerRole: Role;
}

/** The fields CASL's rules look at, as a plain object for `subject('SavedView', …)`. */
export const viewSubject = (row: SavedViewWithOwner) => ({
  ownerId: row.ownerId,
  ownerRole: row.ownerRole,
  scope: row.scope,
  resource: row.resource,
});

export function toSavedViewDto(row: SavedViewWithOwner): SavedViewDto {
  return {
    id: row.id,
    resource: row.resource,
    name: row.name,
    scope: row.scope,
    filter: row.filter as Record<string, unknown>,
    sort: row.sort as SavedViewDto['sort'],
    perPage: row.perPage,
    columns: row.columns as string[] | null,
    ownerId: row.ownerId,
    ownerName: row.ownerName,
    ownerRole: row.ownerRole,
    version: row.version,
    createdAt: row.createdAt.toISOString(),
    updatedAt: row.updatedAt.toISOString(),
  };
}

/** What the audit log keeps of a view: all of it but the owner's name, which is the account's. */
export function auditedView(row: SavedViewRow) {
  return {
    id: row.id,
    ownerId: row.ownerId,
    resource: row.resource,
    name: row.name,
    scope: row.scope,
    filter: row.filter,
    sort: row.sort,
    perPage: row.perPage,
    columns: row.columns,
    version: row.version,
  };
}

const withOwner = (db: Executor) =>
  db
    .selectFrom('savedViews')
    .innerJoin('users', 'users.id', 'savedViews.ownerId')
    .selectAll('savedViews')
    .select(['users.displayName as ownerName', 'users.role as ownerRole']);

const escapeLike = (s: string) => s.replace(/[\\%_]/g, (c) => `\\${c}`);

export async function listSavedViews(
  db: Executor,
  visible: ViewWhere,
  callerId: string,
  params: ListParams<SavedViewListFilter, (typeof SAVED_VIEW_SORTABLE)[number]>,
): Promise<{ rows: SavedViewWithOwner[]; total: number }> {
  const { filter } = params;
  let q = withOwner(db).where(visible);
  if (filter.resource) q = q.where('savedViews.resource', '=', filter.resource);
  if (filter.scope) q = q.where('savedViews.scope', '=', filter.scope);
  if (filter.mine !== undefined) q = q.where('savedViews.ownerId', filter.mine ? '=' : '<>', callerId);
  if (filter.q?.trim()) q = q.where('savedViews.name', 'ilike', `%${escapeLike(filter.q.trim())}%`);
  if (filter.id !== undefined) {
    const ids = Array.isArray(filter.id) ? filter.id : [filter.id];
    q = ids.length === 0 ? q.where((eb) => eb.val(false)) : q.where('savedViews.id', 'in', ids);
  }
  const [rows, count] = await Promise.all([
    q
      .orderBy(`savedViews.${params.sort.field}`, params.sort.order)
      .orderBy('savedViews.id')
      .offset(params.offset)
      .limit(params.limit)
      .execute(),
    q
      .clearSelect()
      .select((eb) => eb.fn.countAll<string>().as('total'))
      .executeTakeFirstOrThrow(),
  ]);
  return { rows, total: Number(count.total) };
}

export function findSavedView(db: Executor, id: string, forUpdate = false): Promise<SavedViewWithOwner | undefined> {
  const q = withOwner(db).where('savedViews.id', '=', id);
  return (forUpdate ? q.forUpdate('savedViews') : q).executeTakeFirst();
}

export async function insertSavedView(db: Executor, values: NewSavedViewRow): Promise<SavedViewRow> {
  return db.insertInto('savedViews').values(values).returningAll().executeTakeFirstOrThrow();
}

export function updateSavedView(db: Executor, id: string, version: number, values: SavedViewRowUpdate) {
  return db
    .updateTable('savedViews')
    .set((eb) => ({ ...values, version: eb('version', '+', 1), updatedAt: new Date() }))
    .where('id', '=', id)
    .where('version', '=', version)
    .returningAll()
    .executeTakeFirst();
}

export function deleteSavedView(db: Executor, id: string) {
  return db.deleteFrom('savedViews').where('id', '=', id).executeTakeFirst();
}
