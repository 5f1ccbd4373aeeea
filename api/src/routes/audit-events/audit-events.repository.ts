import type { AuditEventRow, Database } from '@diploma-desk/db';
import type { Expression, ExpressionBuilder, Kysely, SqlBool } from 'kysely';
import type { AppAbility } from '../../auth/abilities.ts';
import { accessibleWhere } from '../../auth/abilities-sql.ts';
import type { ListParams } from '../../lib/simple-rest.ts';
import type { AUDIT_EVENT_SORTABLE, AuditEventDto, AuditEventListFilter } from '../../schemas/audit-events.ts';
import { DOCUMENT_COLUMNS } from '../documents/documents.repository.ts';
import { GRADUATE_COLUMNS } from '../graduates/graduates.repository.ts';
import { USER_COLUMNS } from '../users/users.repository.ts';

export type Where = (eb: ExpressionBuilder<Database, 'auditEvents'>) => Expression<SqlBool>;
export type AuditEventWithActor = AuditEventRow & { actorName: string | null };

const REQUEST_COLUMNS = { graduateId: 'diplomaRequests.graduateId' } as const;
const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
const escapeLike = (s: string) => s.replace(/[\\%_]/g, (c) => `\\${c}`);
const list = <T>(v: T | T[] | undefined): T[] | undefined => (v === undefined ? undefined : Array.isArray(v) ? v : [v]);

/**
 * Which events a caller may see, in SQL. Auditors: all. Others: the events of records their CASL rules let
 * them read (a request and its parts, a document, a graduate, an account) and the events about themselves.
 * Each kind of record is one uncorrelated subquery, which PostgreSQL runs once and hashes.
 */
export function visibleEvents(db: Kysely<Database>, ability: AppAbility, userId: string): Where {
  const all = accessibleWhere<'auditEvents'>(ability, 'read', 'AuditEvent', { id: 'auditEvents.id' });
  if (all) return all;
  const requests = accessibleWhere<'diplomaRequests'>(ability, 'read', 'Request', REQUEST_COLUMNS);
  const documents = accessibleWhere<'documents'>(ability, 'read', 'Document', DOCUMENT_COLUMNS);
  const graduates = accessibleWhere<'graduates'>(ability, 'read', 'Graduate', GRADUATE_COLUMNS);
  // A correction's rules name its graduate: the graduates whose corrections the caller may read.
  const corrections = accessibleWhere<'graduates'>(ability, 'read', 'Correction', { graduateId: 'graduates.id' });
  const users = accessibleWhere<'users'>(ability, 'read', 'User', USER_COLUMNS);
  const calendar = ability.can('read', 'Holiday');
  return (eb) => {
    const subject = (type: string) => eb('auditEvents.subjectType', '=', type);
    const branches: Expression<SqlBool>[] = [eb.and([subject('user'), eb('auditEvents.subjectId', '=', userId)])];
    if (requests) {
      // A request's own events name it as subject; its parts' events (ticks, cases) carry its id.
      const requestOf = eb.fn.coalesce(
        'auditEvents.requestId',
        eb.case().when('auditEvents.subjectType', '=', 'request').then(eb.ref('auditEvents.subjectId')).end(),
      );
      const readable = db
        .selectFrom('diplomaRequests')
        .select((s) => s.cast<string>('diplomaRequests.id', 'text').as('id'))
        .where(requests);
      branches.push(eb.and([eb('auditEvents.subjectType', '<>', 'document'), eb(requestOf, 'in', readable)]));
    }
    if (documents) {
      const readable = db
        .selectFrom('documents')
        .select((s) => s.cast<string>('documents.id', 'text').as('id'))
        .where(documents);
      branches.push(eb.and([subject('document'), eb('auditEvents.subjectId', 'in', readable)]));
    }
    if (graduates) {
      const readable = db
        .selectFrom('graduates')
        .select((s) => s.cast<string>('graduates.id', 'text').as('id'))
        .where(graduates);
      // A correction's events are filed under its graduate but show the correction: they are for those
      // who may read corrections, not for everyone who may read the graduate.
      const ofCorrection = eb('auditEvents.action', 'like', 'correction.%');
      const withCorrections = corrections
        ? eb(
            'auditEvents.subjectId',
            'in',
            db
              .selectFrom('graduates')
              .select((s) => s.cast<string>('graduates.id', 'text').as('id'))
              .where(corrections),
          )
        : eb.val(false);
      branches.push(
        eb.and([
          subject('graduate'),
          eb('auditEvents.subjectId', 'in', readable),
          eb.or([eb.not(ofCorrection), withCorrections]),
        ]),
      );
    }
    if (users) {
      const readable = db
        .selectFrom('users')
        .select((s) => s.cast<string>('users.id', 'text').as('id'))
        .where(users);
      branches.push(eb.and([subject('user'), eb('auditEvents.subjectId', 'in', readable)]));
    }
    if (calendar) {
      // The working calendar's changes: for everyone who reads the calendar they decide flags by.
      branches.push(eb('auditEvents.subjectType', 'in', ['holiday', 'working_week', 'stage_targets']));
    }
    return eb.or(branches);
  };
}

/** The list's filters (API.md's field names), as one condition. */
export function filterEvents(db: Kysely<Database>, f: AuditEventListFilter): Where {
  return (eb) => {
    const all: Expression<SqlBool>[] = [];
    const ids = list(f.id);
    if (ids) all.push(ids.length === 0 ? eb.val(false) : eb('auditEvents.id', 'in', ids));
    if (f.actorId) all.push(eb('auditEvents.actorId', '=', f.actorId));
    const roles = list(f.role);
    if (roles) all.push(roles.length === 0 ? eb.val(false) : eb('auditEvents.role', 'in', roles));
    const actions = list(f.action);
    if (actions) {
      all.push(
        eb.or(
          actions.map((a) =>
            a.endsWith('*')
              ? eb('auditEvents.action', 'like', `${escapeLike(a.slice(0, -1))}%`)
              : eb('auditEvents.action', '=', a),
          ),
        ),
      );
    }
    if (f.subjectType) all.push(eb('auditEvents.subjectType', '=', f.subjectType));
    if (f.subjectId) all.push(eb('auditEvents.subjectId', '=', f.subjectId));
    if (f.requestId) {
      all.push(
        eb.or([
          eb('auditEvents.requestId', '=', f.requestId),
          eb.and([eb('auditEvents.subjectType', '=', 'request'), eb('auditEvents.subjectId', '=', f.requestId)]),
        ]),
      );
    }
    if (f.from) all.push(eb('auditEvents.at', '>=', new Date(f.from)));
    if (f.to) all.push(eb('auditEvents.at', '<=', new Date(f.to)));
    const q = f.q?.trim();
    if (q) {
      const like = `%${escapeLike(q)}%`;
      const actors = db
        .selectFrom('users')
        .select('users.id')
        .where((u) => u.or([u('users.username', 'ilike', like), u('users.displayName', 'ilike', like)]));
      const any: Expression<SqlBool>[] = [
        eb('auditEvents.action', 'ilike', like),
        eb('auditEvents.subjectId', 'ilike', like),
        eb('auditEvents.requestId', 'ilike', like),
        eb('auditEvents.actorId', 'in', actors),
      ];
      if (UUID.test(q)) any.push(eb('auditEvents.actorId', '=', q.toLowerCase()));
      all.push(eb.or(any));
    }
    return eb.and(all);
  };
}

function withActor(db: Kysely<Database>) {
  return db
    .selectFrom('auditEvents')
    .leftJoin('users', 'users.id', 'auditEvents.actorId')
    .selectAll('auditEvents')
    .select('users.displayName as actorName');
}

export async function listAuditEvents(
  db: Kysely<Database>,
  where: Where[],
  params: ListParams<AuditEventListFilter, (typeof AUDIT_EVENT_SORTABLE)[number]>,
): Promise<{ rows: AuditEventWithActor[]; total: number }> {
  const condition: Where = (eb) => eb.and(where.map((w) => w(eb)));
  const { field, order } = params.sort;
  const rows = withActor(db).where(condition);
  const sorted = field === 'at' ? rows.orderBy('auditEvents.at', order) : rows;
  const [page, count] = await Promise.all([
    sorted.orderBy('auditEvents.id', order).offset(params.offset).limit(params.limit).execute(),
    db
      .selectFrom('auditEvents')
      .where(condition)
      .select((eb) => eb.fn.countAll<string>().as('total'))
      .executeTakeFirstOrThrow(),
  ]);
  return { rows: page, total: Number(count.total) };
}

export function findAuditEvent(
  db: Kysely<Database>,
  visible: Where,
  id: string,
): Promise<AuditEventWithActor | undefined> {
  return withActor(db).where('auditEvents.id', '=', id).where(visible).executeTakeFirst();
}

export async function countAuditEvents(db: Kysely<Database>, where: Where[]): Promise<number> {
  const row = await db
    .selectFrom('auditEvents')
    .where((eb) => eb.and(where.map((w) => w(eb))))
    .select((eb) => eb.fn.countAll<string>().as('total'))
    .executeTakeFirstOrThrow();
  return Number(row.total);
}

/**
 * The matching events up to `lastId`, in chain order, one page at a time (keyset on id): each page is a
 * query of its own, so neither memory nor a pooled connection is held for the length of an export.
 */
export async function* auditEventPages(
  db: Kysely<Database>,
  where: Where[],
  lastId: string,
  pageSize = 2_000,
): AsyncGenerator<AuditEventRow[]> {
  let after = '0';
  for (;;) {
    const rows = await db
      .selectFrom('auditEvents')
      .selectAll()
      .where((eb) => eb.and(where.map((w) => w(eb))))
      .where('id', '>', after)
      .where('id', '<=', lastId)
      .orderBy('id')
      .limit(pageSize)
      .execute();
    if (rows.length > 0) yield rows;
    if (rows.length < pageSize) return;
    after = rows[rows.length - 1]!.id;
  }
}

/** Client addresses and browsers are the auditors' to see; others see them on their own events only. */
export function toAuditEventDto(row: AuditEventWithActor, viewer: { id: string; isAuditor: boolean }): AuditEventDto {
  const own = viewer.isAuditor || row.actorId === viewer.id;
  return {
    id: row.id,
    at: row.at.toISOString(),
    actorId: row.actorId,
    actorName: row.actorName,
    role: row.role,
    action: row.action,
    subjectType: row.subjectType,
    subjectId: row.subjectId,
    requestId: row.requestId,
    before: row.before,
    after: row.after,
    ip: own ? row.ip : null,
    userAgent: own ? row.userAgent : null,
    prevHash: row.prevHash,
    hash: row.hash,
  };
}

export const CSV_COLUMNS = [
  'id',
  'at',
  'actorId',
  'role',
  'action',
  'subjectType',
  'subjectId',
  'requestId',
  'ip',
  'userAgent',
  'before',
  'after',
  'prevHash',
  'hash',
] as const;

export function csvValues(row: AuditEventRow): Array<string | null> {
  const json = (v: unknown) => (v === null || v === undefined ? null : JSON.stringify(v));
  return [
    row.id,
    row.at.toISOString(),
    row.actorId,
    row.role,
    row.action,
    row.subjectType,
    row.subjectId,
    row.requestId,
    row.ip,
    row.userAgent,
    json(row.before),
    json(row.after),
    row.prevHash,
    row.hash,
  ];
}
