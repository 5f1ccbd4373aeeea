import { type Database, OFFICES, type Office } from '@diploma-desk/db';
import type { Expression, ExpressionBuilder, Kysely, SqlBool, Transaction } from 'kysely';
import { escapeLike } from '../graduates/graduates.repository.ts';

type Executor = Kysely<Database> | Transaction<Database>;

export interface Holding {
  requestId: string;
  office: Office;
  userId: string;
  displayName: string;
  assignedAt: Date;
  assignedBy: string | null;
}

function holdings(db: Executor) {
  return db
    .selectFrom('requestAssignments')
    .innerJoin('users', 'users.id', 'requestAssignments.userId')
    .select([
      'requestAssignments.requestId',
      'requestAssignments.office',
      'requestAssignments.userId',
      'users.displayName',
      'requestAssignments.assignedAt',
      'requestAssignments.assignedBy',
    ]);
}

/** The holdings of some requests in some offices, with each holder's name. */
export function holdingsOf(db: Executor, requestIds: string[], offices: readonly Office[]): Promise<Holding[]> {
  if (requestIds.length === 0 || offices.length === 0) return Promise.resolve([]);
  return holdings(db)
    .where('requestAssignments.requestId', 'in', requestIds)
    .where('requestAssignments.office', 'in', offices)
    .orderBy('requestAssignments.requestId')
    .orderBy('requestAssignments.office')
    .execute();
}

export function findHolding(db: Executor, requestId: string, office: Office): Promise<Holding | undefined> {
  return holdings(db)
    .where('requestAssignments.requestId', '=', requestId)
    .where('requestAssignments.office', '=', office)
    .executeTakeFirst();
}

/**
 * Takes the holding if nobody has it. A concurrent taker's insert waits on the primary key until the first
 * commits, then inserts nothing: false, and the caller reads who won.
 */
export async function insertHolding(
  trx: Transaction<Database>,
  values: { requestId: string; office: Office; userId: string; assignedBy: string },
): Promise<boolean> {
  const row = await trx
    .insertInto('requestAssignments')
    .values(values)
    .onConflict((oc) => oc.columns(['requestId', 'office']).doNothing())
    .returning('requestId')
    .executeTakeFirst();
  return row !== undefined;
}

/** Hands the holding from one holder to another; false when `from` no longer holds it. */
export async function replaceHolding(
  trx: Transaction<Database>,
  key: { requestId: string; office: Office },
  from: string,
  to: { userId: string; assignedBy: string },
): Promise<boolean> {
  const row = await trx
    .updateTable('requestAssignments')
    .set({ ...to, assignedAt: new Date() })
    .where('requestId', '=', key.requestId)
    .where('office', '=', key.office)
    .where('userId', '=', from)
    .returning('requestId')
    .executeTakeFirst();
  return row !== undefined;
}

/** Ends the holding of `holder`; false when they no longer hold it. */
export async function deleteHolding(
  trx: Transaction<Database>,
  key: { requestId: string; office: Office },
  holder: string,
): Promise<boolean> {
  const row = await trx
    .deleteFrom('requestAssignments')
    .where('requestId', '=', key.requestId)
    .where('office', '=', key.office)
    .where('userId', '=', holder)
    .returning('requestId')
    .executeTakeFirst();
  return row !== undefined;
}

/** A request list condition: held in `office` by `userId`, or (null) by nobody. */
export function holderCondition(office: Office, userId: string | null) {
  return (eb: ExpressionBuilder<Database, 'diplomaRequests' | 'graduates'>): Expression<SqlBool> => {
    const held = eb
      .selectFrom('requestAssignments')
      .select('requestAssignments.requestId')
      .whereRef('requestAssignments.requestId', '=', 'diplomaRequests.id')
      .where('requestAssignments.office', '=', office);
    return userId === null ? eb.not(eb.exists(held)) : eb.exists(held.where('requestAssignments.userId', '=', userId));
  };
}

function colleagues(db: Executor, office: Office) {
  return db.selectFrom('users').where('users.role', '=', office).where('users.active', '=', true);
}

/** An active officer of any office, by id, with the office they work in: someone requests may be assigned to. */
export function findOfficer(db: Executor, userId: string) {
  return db
    .selectFrom('users')
    .select(['users.id', 'users.displayName', 'users.role as office'])
    .where('users.id', '=', userId)
    .where('users.active', '=', true)
    .where('users.role', 'in', OFFICES)
    .$narrowType<{ office: Office }>()
    .executeTakeFirst();
}

export async function listColleagues(
  db: Executor,
  office: Office,
  query: { q?: string | undefined; ids?: string[] | undefined; order: 'asc' | 'desc'; offset: number; limit: number },
) {
  let q = colleagues(db, office);
  if (query.q?.trim()) q = q.where('users.displayName', 'ilike', `%${escapeLike(query.q.trim())}%`);
  if (query.ids) q = query.ids.length === 0 ? q.where((eb) => eb.val(false)) : q.where('users.id', 'in', query.ids);
  const [rows, count] = await Promise.all([
    q
      .select(['users.id', 'users.displayName'])
      .orderBy('users.displayName', query.order)
      .orderBy('users.id')
      .offset(query.offset)
      .limit(query.limit)
      .execute(),
    q.select((eb) => eb.fn.countAll<string>().as('total')).executeTakeFirstOrThrow(),
  ]);
  return { rows, total: Number(count.total) };
}
