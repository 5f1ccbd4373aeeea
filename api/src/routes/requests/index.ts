import { ForbiddenError as CaslForbiddenError, subject } from '@casl/ability';
import type { Database, DiplomaRequestRow, Role, WorkflowAction } from '@diploma-desk/db';
import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import type { FastifyRequest } from 'fastify';
import { sql, type Transaction } from 'kysely';
import Type from 'typebox';
import { accessibleWhere } from '../../auth/abilities-sql.ts';
import {
  ConflictError,
  ForbiddenError,
  NotFoundError,
  ValidationError,
  VersionConflictError,
  WorkflowBlockedError,
} from '../../errors.ts';
import { audit } from '../../lib/audit.ts';
import { exportLanguage, sendExport } from '../../lib/export.ts';
import { parseListQuery, sendList } from '../../lib/simple-rest.ts';
import { IdParams, ListQuery, problemResponses } from '../../schemas/common.ts';
import { exportDocs, ListExportQuery } from '../../schemas/exports.ts';
import {
  ActionBody,
  ActionParams,
  CancellationBody,
  CreateRequestBody,
  REQUEST_SORTABLE,
  type RequestListFilter,
  RequestListFilter as RequestListFilterSchema,
  TickBody,
  TickParams,
  WelfareBody,
} from '../../schemas/requests.ts';
import { overdueRules, type StageClock, stageFlags, welfareRecordMatters } from '../../workflow/stage-targets.ts';
import { casePartRules, ticksStillStand } from '../../workflow/workflow.ts';
import { searchCondition } from '../graduates/graduates.repository.ts';
import { welfareDebts } from '../working-calendar/working-calendar.repository.ts';
import { assignmentsFor, withAssigneeFilter, withAssignments } from './assignment.ts';
import { changeTick, lockVisible, takeAction } from './request-commands.ts';
import { requestDetail } from './request-detail.ts';
import { REQUEST_EXPORT_COLUMNS } from './request-export.ts';
import {
  bumpRequestVersion,
  factsIfTicked,
  listRequests,
  loadFacts,
  type RequestListQuery,
} from './requests.repository.ts';

const REQUEST_COLUMNS = { graduateId: 'diplomaRequests.graduateId' } as const;
/** An export reads the list in pages of this many rows, each page a query of its own. */
const EXPORT_PAGE_ROWS = 2_000;

type ListedRequest = Awaited<ReturnType<typeof listRequests>>['rows'][number];

const listParams = (query: { filter?: string | undefined; range?: string | undefined; sort?: string | undefined }) =>
  parseListQuery<RequestListFilter, (typeof REQUEST_SORTABLE)[number]>(query, {
    filter: RequestListFilterSchema,
    sortable: REQUEST_SORTABLE,
    defaultSort: { field: 'stageEnteredAt', order: 'asc' },
  });

const requests: FastifyPluginAsyncTypebox = async (app) => {
  function roleOf(request: FastifyRequest): Role {
    return request.user!.role;
  }

  async function detailFor(request: FastifyRequest, id: string) {
    const row = await app.db.selectFrom('diplomaRequests').selectAll().where('id', '=', id).executeTakeFirst();
    if (!row || !request.ability.can('read', subject('Request', { ...row }))) throw new NotFoundError('The request');
    return withAssignments(app.db, request, await requestDetail(app.db, row, roleOf(request), await app.stageClock()));
  }

  /** The list's query for a filter and sort: the list, its count and its exports read through this one. */
  function listQueryOf(
    request: FastifyRequest,
    f: RequestListFilter,
    sort: RequestListQuery['sort'],
    clock: StageClock,
  ): Omit<RequestListQuery, 'offset' | 'limit'> {
    const visible = accessibleWhere<'diplomaRequests'>(request.ability, 'read', 'Request', REQUEST_COLUMNS);
    if (!visible) throw new ForbiddenError();
    return {
      visible: withAssigneeFilter(request, visible, f.assignee, f.queue) as never,
      q: f.q,
      stages: f.stage === undefined ? undefined : Array.isArray(f.stage) ? f.stage : [f.stage],
      cancellationTick: f.cancellationTick,
      welfareTick: f.welfareTick,
      degreeLevel: f.degreeLevel,
      faculty: f.faculty,
      overdue: f.overdue === undefined ? undefined : { value: f.overdue, rules: overdueRules(clock, roleOf(request)) },
      graduateId: f.graduateId,
      queue: f.queue,
      ids: f.id === undefined ? undefined : Array.isArray(f.id) ? f.id : [f.id],
      sort,
    };
  }

  /** The list's rows as it answers them: flags by the viewer's stage targets, the holders the viewer may see. */
  async function summariesOf(request: FastifyRequest, clock: StageClock, rows: ListedRequest[]) {
    const assignments = await assignmentsFor(
      app.db,
      request.ability,
      rows.map((r) => r.id),
    );
    const debts = await welfareDebts(
      app.db,
      rows.filter(welfareRecordMatters).map((r) => r.id),
    );
    return rows.map((r) => ({
      id: r.id,
      graduateId: r.graduateId,
      studentNumber: r.studentNumber,
      nationalId: r.nationalId,
      firstName: r.firstName,
      lastName: r.lastName,
      degreeLevel: r.degreeLevel,
      faculty: r.faculty,
      program: r.program,
      stage: r.stage,
      stageEnteredAt: r.stageEnteredAt.toISOString(),
      ...stageFlags(clock, { ...r, welfareHasDebt: debts.get(r.id) ?? null }, roleOf(request)),
      ticks: { cancellation: r.cancellationTick, welfare: r.welfareTick },
      version: r.version,
      createdAt: r.createdAt.toISOString(),
      updatedAt: r.updatedAt.toISOString(),
      assignments: assignments.get(r.id) ?? [],
    }));
  }

  app.get(
    '/api/requests',
    {
      schema: {
        tags: ['requests'],
        summary: 'Diploma requests, filtered in SQL by what the caller may see',
        description:
          'Filters: q (name, student number or national ID, any letter variant or digit script), stage (one or a list), cancellationTick, welfareTick, degreeLevel, faculty, overdue, graduateId, queue (an office: the requests waiting on it), assignee (mine, unassigned or all: held in the office of `queue`, else the caller’s own), id (a list).',
        querystring: ListQuery,
        response: { 200: Type.Array(Type.Ref('RequestSummary')), ...problemResponses(400, 401, 403) },
      },
    },
    async (request, reply) => {
      const params = listParams(request.query);
      const clock = await app.stageClock();
      const { rows, total } = await listRequests(
        app.db,
        { ...listQueryOf(request, params.filter, params.sort, clock), offset: params.offset, limit: params.limit },
        searchCondition,
        app.countCache,
      );
      return sendList(reply, 'requests', params.offset, await summariesOf(request, clock, rows), total);
    },
  );

  for (const format of ['csv', 'xlsx'] as const) {
    app.get(
      `/api/requests/export.${format}`,
      {
        schema: {
          tags: ['requests'],
          summary: `The request list as ${format.toUpperCase()}, streamed (staff who may export it)`,
          description: `Filters as the list’s. ${exportDocs[format].description}`,
          querystring: ListExportQuery,
          produces: [...exportDocs[format].produces],
          response: { 200: exportDocs[format].response, ...problemResponses(400, 401, 403) },
        },
      },
      async (request, reply) => {
        CaslForbiddenError.from(request.ability).throwUnlessCan('export', 'Request');
        const { filter, sort } = listParams({ filter: request.query.filter, sort: request.query.sort });
        // One clock for the whole export: every page judges overdue against the same day and targets.
        const clock = await app.stageClock();
        const query = listQueryOf(request, filter, sort, clock);
        return sendExport(app.db, request, reply, {
          list: 'requests',
          subjectType: 'request',
          format,
          lang: exportLanguage(request, request.query.lang),
          filter,
          sort,
          columns: REQUEST_EXPORT_COLUMNS,
          count: async () => (await listRequests(app.db, { ...query, offset: 0, limit: 0 }, searchCondition)).total,
          pages: async function* () {
            let after: RequestListQuery['after'];
            for (;;) {
              const { rows } = await listRequests(
                app.db,
                { ...query, after, offset: 0, limit: EXPORT_PAGE_ROWS, withoutTotal: true },
                searchCondition,
              );
              if (rows.length > 0) yield await summariesOf(request, clock, rows);
              if (rows.length < EXPORT_PAGE_ROWS) return;
              const last = rows[rows.length - 1]!;
              after = { key: last.sortKey, id: last.id };
            }
          },
        });
      },
    );
  }

  app.get(
    '/api/requests/:id',
    {
      schema: {
        tags: ['requests'],
        summary: 'A request with its parts, stage history and what the caller may do to it now',
        params: IdParams,
        response: { 200: Type.Ref('RequestDetail'), ...problemResponses(401, 404) },
      },
    },
    async (request) => detailFor(request, request.params.id),
  );

  app.post(
    '/api/requests',
    {
      schema: {
        tags: ['requests'],
        summary: 'Open a diploma request in draft (a graduate for themselves, the Graduate Office on behalf)',
        body: CreateRequestBody,
        response: { 201: Type.Ref('RequestDetail'), ...problemResponses(400, 401, 403, 404, 409) },
      },
    },
    async (request, reply) => {
      const graduateId = request.body.graduateId ?? request.user?.graduateId ?? null;
      if (!graduateId) {
        throw new ValidationError('Name the graduate the request is for.', [
          { field: 'graduateId', message: 'is required', code: 'required' },
        ]);
      }
      const graduate = await app.db.selectFrom('graduates').selectAll().where('id', '=', graduateId).executeTakeFirst();
      if (!graduate || !request.ability.can('read', subject('Graduate', { ...graduate }))) {
        throw new NotFoundError('The graduate');
      }
      CaslForbiddenError.from(request.ability).throwUnlessCan('create', subject('Request', { graduateId }));
      const row = await app.db.transaction().execute(async (trx) => {
        // Serialises two openings for the same graduate; the unique index is the last word.
        await sql`SELECT id FROM graduates WHERE id = ${graduateId} FOR UPDATE`.execute(trx);
        const open = await trx
          .selectFrom('diplomaRequests')
          .select('id')
          .where('graduateId', '=', graduateId)
          .where('stage', 'not in', ['delivered', 'withdrawn'])
          .executeTakeFirst();
        if (open) throw new ConflictError('request-already-open', 'This graduate already has an open diploma request.');
        const created = await trx
          .insertInto('diplomaRequests')
          .values({
            graduateId,
            provisionalCertificateIssued: request.body.provisionalCertificateIssued ?? false,
            createdBy: request.user?.id ?? null,
            detailsConfirmedAt: null,
            confirmedDetails: null,
            diplomaNumber: null,
            diplomaDetails: null,
          })
          .returningAll()
          .executeTakeFirstOrThrow();
        await trx
          .insertInto('cancellationCases')
          .values({
            requestId: created.id,
            route: null,
            saorgTrackingCode: null,
            amountOwed: 0,
            amountPaid: 0,
            paymentRef: null,
            updatedBy: null,
          })
          .execute();
        await trx
          .insertInto('welfareRecords')
          .values({ requestId: created.id, hasDebt: null, note: null, updatedBy: null })
          .execute();
        await trx
          .insertInto('requestStageHistory')
          .values({
            requestId: created.id,
            fromStage: null,
            toStage: 'draft',
            action: 'open',
            actorId: request.user?.id ?? null,
            role: request.user?.role ?? null,
            note: null,
          })
          .execute();
        await audit(trx, request, {
          action: 'request.open',
          subjectType: 'request',
          subjectId: created.id,
          requestId: created.id,
          after: created,
        });
        return created;
      });
      return reply.status(201).send(await requestDetail(app.db, row, roleOf(request), await app.stageClock()));
    },
  );

  app.post(
    '/api/requests/:id/actions/:action',
    {
      schema: {
        tags: ['requests'],
        summary: 'Move the request through the workflow',
        description:
          'Actions: confirm-details, submit, start-review, return (note required: the next action the graduate sees), approve, start-printing, send-for-signature, mark-ready, deliver, withdraw. A rule that blocks it answers 409 with every unmet rule in `unmet`.',
        params: ActionParams,
        body: ActionBody,
        response: { 200: Type.Ref('RequestDetail'), ...problemResponses(400, 401, 403, 404, 409) },
      },
    },
    async (request) => {
      const { id, action } = request.params;
      const row = await takeAction(app.db, request, id, action as WorkflowAction, request.body);
      return requestDetail(app.db, row, roleOf(request), await app.stageClock());
    },
  );

  app.post(
    '/api/requests/:id/ticks/:kind',
    {
      schema: {
        tags: ['requests'],
        summary: 'Set or revoke a tick: cancellation by the Free-Education Office, welfare by the Welfare Office',
        params: TickParams,
        body: TickBody,
        response: { 200: Type.Ref('RequestDetail'), ...problemResponses(400, 401, 403, 404, 409) },
      },
    },
    async (request) => {
      const row = await changeTick(app.db, request, request.params.id, request.params.kind, request.body);
      return requestDetail(app.db, row, roleOf(request), await app.stageClock());
    },
  );

  /** The cancellation case and the welfare record change only before approval, by their own office. */
  async function editPart(
    request: FastifyRequest,
    id: string,
    part: 'cancellation' | 'welfare',
    version: number,
    write: (trx: Transaction<Database>, current: DiplomaRequestRow) => Promise<{ before: unknown; after: unknown }>,
  ) {
    const row = await app.db.transaction().execute(async (trx) => {
      const current = await lockVisible(trx, request, id);
      CaslForbiddenError.from(request.ability).throwUnlessCan('update', subject('Request', { ...current }), part);
      if (current.version !== version) throw new VersionConflictError(current.version);
      const frozen = casePartRules(part, current.stage);
      if (frozen.length > 0) throw new WorkflowBlockedError(409, frozen);
      const ticked = await factsIfTicked(trx, current);
      const { before, after } = await write(trx, current);
      const fallen = ticked ? ticksStillStand(ticked, await loadFacts(trx, current)) : [];
      if (fallen.length > 0) throw new WorkflowBlockedError(409, fallen);
      await bumpRequestVersion(trx, current.id);
      await audit(trx, request, {
        action: `${part}.update`,
        subjectType: 'request',
        subjectId: current.id,
        requestId: current.id,
        before,
        after,
      });
      return trx.selectFrom('diplomaRequests').selectAll().where('id', '=', current.id).executeTakeFirstOrThrow();
    });
    return requestDetail(app.db, row, roleOf(request), await app.stageClock());
  }

  app.put(
    '/api/requests/:id/cancellation',
    {
      schema: {
        tags: ['requests'],
        summary: 'The cancellation case: route, SAORG tracking code, amounts (rials) and payment',
        params: IdParams,
        body: CancellationBody,
        response: { 200: Type.Ref('RequestDetail'), ...problemResponses(400, 401, 403, 404, 409) },
      },
    },
    async (request) => {
      const { version, ...b } = request.body;
      return editPart(request, request.params.id, 'cancellation', version, async (trx, current) => {
        const before = await trx
          .selectFrom('cancellationCases')
          .selectAll()
          .where('requestId', '=', current.id)
          .executeTakeFirst();
        const values = {
          route: b.route,
          saorgTrackingCode: b.saorgTrackingCode,
          amountOwed: String(b.amountOwed),
          amountPaid: String(b.amountPaid),
          paymentRef: b.paymentRef,
          updatedBy: request.user?.id ?? null,
          updatedAt: new Date(),
        };
        const after = await trx
          .insertInto('cancellationCases')
          .values({ requestId: current.id, ...values })
          .onConflict((oc) => oc.column('requestId').doUpdateSet(values))
          .returningAll()
          .executeTakeFirstOrThrow();
        return { before, after };
      });
    },
  );

  app.put(
    '/api/requests/:id/welfare',
    {
      schema: {
        tags: ['requests'],
        summary: 'The Welfare Fund record: whether the graduate owes the fund, and whether it is settled',
        params: IdParams,
        body: WelfareBody,
        response: { 200: Type.Ref('RequestDetail'), ...problemResponses(400, 401, 403, 404, 409) },
      },
    },
    async (request) => {
      const { version, ...b } = request.body;
      if (b.settled && b.hasDebt !== true) {
        throw new ValidationError('Only a debt can be settled.', [
          { field: 'settled', message: 'requires hasDebt', code: 'settled_without_debt' },
        ]);
      }
      return editPart(request, request.params.id, 'welfare', version, async (trx, current) => {
        const before = await trx
          .selectFrom('welfareRecords')
          .selectAll()
          .where('requestId', '=', current.id)
          .executeTakeFirst();
        const values = {
          hasDebt: b.hasDebt,
          settled: b.settled,
          note: b.note ?? null,
          updatedBy: request.user?.id ?? null,
          updatedAt: new Date(),
        };
        const after = await trx
          .insertInto('welfareRecords')
          .values({ requestId: current.id, ...values })
          .onConflict((oc) => oc.column('requestId').doUpdateSet(values))
          .returningAll()
          .executeTakeFirstOrThrow();
        return { before, after };
      });
    },
  );
};

export default requests;
