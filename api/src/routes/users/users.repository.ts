import type { Database, NewUserRow, UserRow, UserRowUpdate } from '@diploma-desk/db';
import type { Expression, ExpressionBuilder, Kysely, SqlBool, Transaction } from 'kysely';
import type { ListParams } from '../../lib/simple-rest.ts';
import type { USER_SORTABLE, UserDto, UserListFilter } from '../../schemas/users.ts';

type Executor = Kysely<Database> | Transaction<Database>;
type Where = (eb: ExpressionBuilder<Database, 'users'>) => Expression<SqlBool>;

export const USER_COLUMNS = { id: 'users.id', role: 'users.role', active: 'users.active' } as const;

export function toUserDto(row: UserRow): UserDto {
  return {
    id: row.id,
    username: row.username,
    displayName: row.displayName,
    role: row.role,
    graduateId: row.graduateId,
    active: row.active,
    version: row.version,
    createdAt: row.createdAt.toISOString(),
    updatedAt: row.updatedAt.toISOString(),
    passwordChangedAt: row.passwordChangedAt.toISOString(),
  };
}

/** What the audit log keeps of a user: everything but the password hash. */
export function auditedUser(row: UserRow) {
  const { passwordHash: _, ...rest } = row;
  return rest;
}

const escapeLike = (s: string) => s.replace(/[\\%_]/g, (c) => `\\${c}`);

export async function listUsers(
  db: Executor,
  visible: Where,
  params: ListParams<UserListFilter, (typeof USER_SORTABLE)[number]>,
): Promise<{ rows: UserRow[]; total: number }> {
  const { filter } = params;
  let q = db.selectFrom('users').where(visible);
  if (filter.q) {
    const like = `%${escapeLike(filter.q.trim())}%`;
    q = q.where((eb) => eb.or([eb('username', 'ilike', like), eb('displayName', 'ilike', like)]));
  }
  if (filter.role) q = q.where('role', '=', filter.role);
  if (filter.active !== undefined) q = q.where('active', '=', filter.active);
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

export function findUserById(db: Executor, id: string, forUpdate = false): Promise<UserRow | undefined> {
  const q = db.selectFrom('users').selectAll().where('id', '=', id);
  return (forUpdate ? q.forUpdate() : q).executeTakeFirst();
}

export function findUserByUsername(db: Executor, username: string): Promise<UserRow | undefined> {
  return db
    .selectFrom('users')
    .selectAll()
    .where((eb) => eb(eb.fn('lower', ['username']), '=', username.toLowerCase()))
    .executeTakeFirst();
}

export function insertUser(db: Executor, values: NewUserRow): Promise<UserRow> {
  return db.insertInto('users').values(values).returningAll().executeTakeFirstOrThrow();
}

export function updateUser(db: Executor, id: string, version: number, values: UserRowUpdate) {
  return db
    .updateTable('users')
    .set((eb) => ({ ...values, version: eb('version', '+', 1), updatedAt: new Date() }))
    .where('id', '=', id)
    .where('version', '=', version)
    .returningAll()
    .executeTakeFirst();
}
