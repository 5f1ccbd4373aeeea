import { subject } from '@casl/ability';
import { type Database, type DiplomaRequestRow, OFFICES, type Office, type Role } from '@diploma-desk/db';
import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import type { FastifyRequest } from 'fastify';
import type { Expression, ExpressionBuilder, Kysely, SqlBool, Transaction } from 'kysely';
import Type from 'typebox';
import type { AppAbility } from '../../auth/abilities.ts';
import { AssignmentConflictError, ForbiddenError, NotFoundError, ValidationError } from '../../errors.ts';
import { audit } from '../../lib/audit.ts';
import { parseListQuery, sendList } from '../../lib/simple-rest.ts';
import {
  AssignBody,
  type AssignmentAction,
  COLLEAGUE_SORTABLE,
  Colleague,
  type ColleagueListFilter,
  ColleagueListFilter as ColleagueListFilterSchema,
  type RequestAssignmentDto,
} from '../../schemas/assignment.ts';
import { IdParams, ListQuery, problemResponses } from '../../schemas/common.ts';
import type { RequestDetailDto } from '../../schemas/requests.ts';
import { searchCondition } from '../graduates/graduates.repository.ts';
import {
  deleteHolding,
  findHolding,
  findOfficer,
  type Holding,
  holderCondition,
  holdingsOf,
  insertHolding,
  listColleagues,
  replaceHolding,
} from './assignment.repository.ts';
import { requestDetail } from './request-detail.ts';
import { listRequests } from './requests.repository.ts';

/**
 * Claim, release and assign (issue 7, part 7). Each office that works on requests holds a request apart from
 * the others: while the Graduate Office reviews a request, a Free-Education and a Welfare officer may hold it
 * too. An officer claims a request waiting on their office, or assigns it to an active colleague of that
 * office (themselves included), also taking it over from a colleague: the audit log says whose it was. Only
 * the holder releases it, so nobody drops a colleague's work by mistake. A holding leaves the request's
 * version alone: it is no change to the request's content, and raising the version would make the other
 * offices' open work stale. Two claims at once are settled by the holding's primary key: one wins, the other
 * is told who holds it.
 */
type Executor = Kysely<Database> | Transaction<Database>;
type Person = { id: string; displayName: string };

/** The office a role works in; null for roles that hold no requests. */
export function officeOf(role: Role): Office | null {
  return (OFFICES as readonly string[]).includes(role) ? (role as Office) : null;
}

/** The offices whose holders the caller may see. */
export function visibleOffices(ability: AppAbility): Office[] {
  return OFFICES.filter((office) => ability.can('read', subject('Assignment', { office })));
}

const toDto = (h: Holding): RequestAssignmentDto => ({
  office: h.office,
  assignee: { id: h.userId, displayName: h.displayName },
  assignedAt: h.assignedAt.toISOString(),
  assignedBy: h.assignedBy,
});
const holderOf = (h: Holding | undefined): Person | null => (h ? { id: h.userId, displayName: h.displayName } : null);

const heldError = (h: Holding | undefined, me: string) =>
  new AssignmentConflictError(
    'assignment-held',
    h?.userId === me ? 'You already hold this request.' : `${h?.displayName ?? 'A colleague'} holds this request.`,
    holderOf(h),
  );
const changedError = (h: Holding | undefined) =>
  new AssignmentConflictError(
    'assignment-changed',
    `Someone changed who holds this request meanwhile: ${h ? `${h.displayName} holds it now` : 'nobody holds it now'}.`,
    holderOf(h),
  );

/** The holdings the caller may see of a page of requests, by request. */
export async function assignmentsFor(
  db: Executor,
  ability: AppAbility,
  requestIds: string[],
): Promise<Map<string, RequestAssignmentDto[]>> {
  const byRequest = new Map<string, RequestAssignmentDto[]>();
  for (const h of await holdingsOf(db, requestIds, visibleOffices(ability))) {
    byRequest.set(h.requestId, [...(byRequest.get(h.requestId) ?? []), toDto(h)]);
  }
  return byRequest;
}

/**
 * The request list's `assignee` filter: the holders of the office named by `queue`, or else of the caller's
 * own office. `all` (or nothing) filters nothing.
 */
export function assigneeCondition(
  request: FastifyRequest,
  assignee: 'mine' | 'unassigned' | 'all' | undefined,
  queue: Office | undefined,
) {
  if (assignee === undefined || assignee === 'all') return undefined;
  const office = queue ?? officeOf(request.user!.role);
  if (!office) {
    throw new ValidationError('Name the queue whose holders to filter by: you work in no office.', [
      { field: 'filter.assignee', message: 'needs a queue', code: 'queue_required' },
    ]);
  }
  if (request.ability.cannot('read', subject('Assignment', { office }))) {
    throw new ForbiddenError('You may not see who holds requests in another office.');
  }
  return holderCondition(office, assignee === 'mine' ? request.user!.id : null);
}

/** The list's visibility condition narrowed by the `assignee` filter, when one is given. */
export function withAssigneeFilter<V extends (eb: never) => Expression<SqlBool>>(
  request: FastifyRequest,
  visible: V,
  assignee: 'mine' | 'unassigned' | 'all' | undefined,
  queue: Office | undefined,
) {
  const held = assigneeCondition(request, assignee, queue);
  if (!held) return visible;
  return (eb: ExpressionBuilder<Database, 'diplomaRequests' | 'graduates'>) => eb.and([visible(eb as never), held(eb)]);
}

/** Whether the request waits on the office: its queue, as the request list defines it. */
async function inQueue(db: Executor, requestId: string, office: Office): Promise<boolean> {
  const { total } = await listRequests(
    db,
    {
      visible: (eb) => eb.lit(true),
      queue: office,
      ids: [requestId],
      sort: { field: 'stageEnteredAt', order: 'asc' },
      offset: 0,
      limit: 1,
    },
    searchCondition,
  );
  return total > 0;
}

/** What the caller may do about their own office's holding of the request now. */
async function assignmentActions(
  db: Executor,
  request: FastifyRequest,
  requestId: string,
  held: Holding | undefined,
): Promise<AssignmentAction[]> {
  const office = officeOf(request.user!.role);
  if (!office) return [];
  const can = (action: AssignmentAction) =>
    request.ability.can(action, subject('Assignment', { office, userId: held?.userId ?? null }));
  const queued = await inQueue(db, requestId, office);
  return [
    ...(queued && !held && can('claim') ? (['claim'] as const) : []),
    ...(held && can('release') ? (['release'] as const) : []),
    ...(queued && can('assign') ? (['assign'] as const) : []),
  ];
}

/** A request's detail with the holdings the caller may see and what they may do about their office's. */
export async function withAssignments(
  db: Executor,
  request: FastifyRequest,
  detail: RequestDetailDto,
): Promise<RequestDetailDto> {
  const office = officeOf(request.user!.role);
  const offices = visibleOffices(request.ability);
  const held = await holdingsOf(db, [detail.id], office && !offices.includes(office) ? [...offices, office] : offices);
  return {
    ...detail,
    assignments: held.filter((h) => offices.includes(h.office)).map(toDto),
    assignmentActions: await assignmentActions(
      db,
      request,
      detail.id,
      held.find((h) => h.office === office),
    ),
  };
}

const assignment: FastifyPluginAsyncTypebox = async (app) => {
  /**
   * Shares the request row for the rest of the transaction: its stage and ticks, and so the queues it is in,
   * hold still while a holding changes, yet other offices' holdings and reads go on and the version is not
   * touched. 404 when the caller may not see it, never revealing that it exists.
   */
  async function shareVisible(trx: Transaction<Database>, request: FastifyRequest, id: string) {
    const row = await trx.selectFrom('diplomaRequests').selectAll().where('id', '=', id).forShare().executeTakeFirst();
    if (!row || !request.ability.can('read', subject('Request', { ...row }))) throw new NotFoundError('The request');
    return row;
  }

  /** The caller's office; 403 for roles that hold no requests (after the visibility check: 404 comes first). */
  function officeOfCaller(request: FastifyRequest): Office {
    const office = officeOf(request.user!.role);
    if (!office) throw new ForbiddenError('Only the offices that work on requests hold them.');
    return office;
  }

  async function requireInQueue(trx: Transaction<Database>, row: DiplomaRequestRow, office: Office, held?: Holding) {
    if (!(await inQueue(trx, row.id, office))) {
      throw new AssignmentConflictError('not-in-queue', 'The request is not waiting on your office.', holderOf(held));
    }
  }

  async function respond(request: FastifyRequest, row: DiplomaRequestRow) {
    return withAssignments(
      app.db,
      request,
      await requestDetail(app.db, row, request.user!.role, await app.stageClock()),
    );
  }

  const detailResponse = { 200: Type.Ref('RequestDetail'), ...problemResponses(400, 401, 403, 404, 409) };

  app.post(
    '/api/requests/:id/claim',
    {
      schema: {
        tags: ['assignment'],
        summary: 'Claim the request for yourself in your office',
        description:
          'Only a request waiting on your office (its queue; else 409 `not-in-queue`) and held by nobody in it (else 409 `assignment-held`, `holder` naming who holds it). Leaves the request’s version as it is.',
        params: IdParams,
        response: detailResponse,
      },
    },
    async (request) => {
      const me = request.user!;
      const row = await app.db.transaction().execute(async (trx) => {
        const row = await shareVisible(trx, request, request.params.id);
        const office = officeOfCaller(request);
        if (request.ability.cannot('claim', subject('Assignment', { office, userId: null })))
          throw new ForbiddenError();
        const held = await findHolding(trx, row.id, office);
        await requireInQueue(trx, row, office, held);
        if (held) throw heldError(held, me.id);
        const key = { requestId: row.id, office };
        if (!(await insertHolding(trx, { ...key, userId: me.id, assignedBy: me.id }))) {
          throw heldError(await findHolding(trx, row.id, office), me.id);
        }
        await audit(trx, request, {
          action: 'assignment.claim',
          subjectType: 'request',
          subjectId: row.id,
          requestId: row.id,
          before: { office, assigneeId: null },
          after: { office, assigneeId: me.id },
        });
        return row;
      });
      return respond(request, row);
    },
  );

  app.post(
    '/api/requests/:id/release',
    {
      schema: {
        tags: ['assignment'],
        summary: 'Release your holding of the request in your office',
        description:
          'Only the holder releases a request (403 for a colleague, who may assign it instead); 409 `not-assigned` when nobody holds it. Allowed also once the request has left your office’s queue.',
        params: IdParams,
        response: detailResponse,
      },
    },
    async (request) => {
      const row = await app.db.transaction().execute(async (trx) => {
        const row = await shareVisible(trx, request, request.params.id);
        const office = officeOfCaller(request);
        const held = await findHolding(trx, row.id, office);
        if (!held) throw new AssignmentConflictError('not-assigned', 'Nobody in your office holds this request.', null);
        if (request.ability.cannot('release', subject('Assignment', { office, userId: held.userId }))) {
          throw new ForbiddenError(`Only ${held.displayName}, who holds it, can release it; assign it instead.`);
        }
        if (!(await deleteHolding(trx, { requestId: row.id, office }, held.userId))) {
          throw changedError(await findHolding(trx, row.id, office));
        }
        await audit(trx, request, {
          action: 'assignment.release',
          subjectType: 'request',
          subjectId: row.id,
          requestId: row.id,
          before: { office, assigneeId: held.userId },
          after: { office, assigneeId: null },
        });
        return row;
      });
      return respond(request, row);
    },
  );

  app.post(
    '/api/requests/:id/assign',
    {
      schema: {
        tags: ['assignment'],
        summary: 'Assign the request to an active colleague of your office (or yourself), taking it over',
        description:
          '`userId` must be an active officer (else 400 naming `userId`) of your own office (else 403); only a request waiting on your office (409 `not-in-queue`). `currentAssigneeId` is who you saw holding it: another holder by now answers 409 `assignment-changed` with `holder`, and nothing changes. Leaves the request’s version as it is.',
        params: IdParams,
        body: AssignBody,
        response: detailResponse,
      },
    },
    async (request) => {
      const me = request.user!;
      const { userId, currentAssigneeId } = request.body;
      const row = await app.db.transaction().execute(async (trx) => {
        const row = await shareVisible(trx, request, request.params.id);
        const office = officeOfCaller(request);
        const officer = await findOfficer(trx, userId);
        if (!officer) {
          throw new ValidationError('Requests are assigned only to an active officer of an office.', [
            { field: 'userId', message: 'is not an active officer', code: 'not_an_officer' },
          ]);
        }
        const held = await findHolding(trx, row.id, office);
        // The holding assigned is the one of the assignee's office, which must be the caller's own.
        const target = subject('Assignment', { office: officer.office, userId: held?.userId ?? null });
        if (officer.office !== office || request.ability.cannot('assign', target)) {
          throw new ForbiddenError('Requests are assigned only to colleagues of your own office.');
        }
        await requireInQueue(trx, row, office, held);
        if ((held?.userId ?? null) !== currentAssigneeId) throw changedError(held);
        if (held?.userId === userId) throw heldError(held, me.id);
        const key = { requestId: row.id, office };
        const to = { userId, assignedBy: me.id };
        const done = held
          ? await replaceHolding(trx, key, held.userId, to)
          : await insertHolding(trx, { ...key, ...to });
        if (!done) throw changedError(await findHolding(trx, row.id, office));
        await audit(trx, request, {
          action: 'assignment.assign',
          subjectType: 'request',
          subjectId: row.id,
          requestId: row.id,
          before: { office, assigneeId: held?.userId ?? null },
          after: { office, assigneeId: userId },
        });
        return row;
      });
      return respond(request, row);
    },
  );

  app.get(
    '/api/colleagues',
    {
      schema: {
        tags: ['assignment'],
        summary: 'The active officers of your own office, to assign requests to (you included)',
        description: 'Filters: q (part of the name), id (a list). Names only: the accounts are the admin’s.',
        querystring: ListQuery,
        response: { 200: Type.Array(Colleague), ...problemResponses(400, 401, 403) },
      },
    },
    async (request, reply) => {
      const params = parseListQuery<ColleagueListFilter, (typeof COLLEAGUE_SORTABLE)[number]>(request.query, {
        filter: ColleagueListFilterSchema,
        sortable: COLLEAGUE_SORTABLE,
        defaultSort: { field: 'displayName', order: 'asc' },
      });
      const office = officeOfCaller(request);
      if (request.ability.cannot('assign', subject('Assignment', { office }))) throw new ForbiddenError();
      const { q, id } = params.filter;
      const { rows, total } = await listColleagues(app.db, office, {
        q,
        ids: id === undefined ? undefined : Array.isArray(id) ? id : [id],
        order: params.sort.order,
        offset: params.offset,
        limit: params.limit,
      });
      return sendList(reply, 'colleagues', params.offset, rows, total);
    },
  );
};

export default assignment;
