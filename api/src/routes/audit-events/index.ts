import { Readable } from 'node:stream';
import { ForbiddenError as CaslForbiddenError } from '@casl/ability';
import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import type { FastifyRequest } from 'fastify';
import Type from 'typebox';
import { NotFoundError } from '../../errors.ts';
import { audit } from '../../lib/audit.ts';
import { csvRow, UTF8_BOM } from '../../lib/csv.ts';
import { parseListQuery, sendList } from '../../lib/simple-rest.ts';
import {
  AUDIT_EVENT_SORTABLE,
  AuditEvent,
  type AuditEventListFilter,
  AuditEventListFilter as AuditEventListFilterSchema,
  AuditVerification,
  EventId,
  ExportQuery,
} from '../../schemas/audit-events.ts';
import { ListQuery, problemResponses } from '../../schemas/common.ts';
import {
  auditEventPages,
  CSV_COLUMNS,
  countAuditEvents,
  csvValues,
  filterEvents,
  findAuditEvent,
  listAuditEvents,
  toAuditEventDto,
  visibleEvents,
  type Where,
} from './audit-events.repository.ts';

const FILTER_HELP =
  'Filter fields: id (one or a list), actorId, role (one or a list), action (exact, or a prefix ending in * such as "request.*"; one or a list), subjectType, subjectId, requestId (events whose subject is that request or that name it as their request), from and to (ISO date-times, both inclusive), q (text in the action or the subject or request id, or the actor’s username or name).';

const auditEvents: FastifyPluginAsyncTypebox = async (app) => {
  const viewer = (request: FastifyRequest) => ({
    id: request.user!.id,
    isAuditor: request.ability.can('read', 'AuditEvent'),
  });
  const visible = (request: FastifyRequest): Where => visibleEvents(app.db, request.ability, request.user!.id);
  const parseFilter = (query: { filter?: string | undefined; range?: string; sort?: string }) =>
    parseListQuery<AuditEventListFilter, (typeof AUDIT_EVENT_SORTABLE)[number]>(query, {
      filter: AuditEventListFilterSchema,
      sortable: AUDIT_EVENT_SORTABLE,
      defaultSort: { field: 'id', order: 'desc' },
    });

  app.get(
    '/api/audit-events',
    {
      schema: {
        tags: ['audit'],
        summary: 'The audit log: auditors see every event, others the events of records they may see',
        description: `${FILTER_HELP} Sort by id (chain order, the default: newest first) or at.`,
        querystring: ListQuery,
        response: { 200: Type.Array(AuditEvent), ...problemResponses(400, 401) },
      },
    },
    async (request, reply) => {
      const params = parseFilter(request.query);
      const { rows, total } = await listAuditEvents(
        app.db,
        [visible(request), filterEvents(app.db, params.filter)],
        params,
      );
      const who = viewer(request);
      return sendList(
        reply,
        'audit-events',
        params.offset,
        rows.map((r) => toAuditEventDto(r, who)),
        total,
      );
    },
  );

  app.get(
    '/api/audit-events/verify',
    {
      schema: {
        tags: ['audit'],
        summary: 'Walk the hash chain and check the exported heads (auditors only)',
        description:
          'Recomputes every event’s hash and link in id order, a page at a time, and checks that every head exported to the heads file (signed with HMAC-SHA256) still matches its event. `firstBrokenId` is the first event changed, deleted or out of order; `headMismatch` names a head the chain no longer matches, which is how a consistent rewrite of the whole chain shows.',
        response: { 200: AuditVerification, ...problemResponses(401, 403) },
      },
    },
    async (request) => {
      CaslForbiddenError.from(request.ability).throwUnlessCan('verify', 'AuditEvent');
      return app.auditHeads.verify();
    },
  );

  app.get(
    '/api/audit-events/export.csv',
    {
      schema: {
        tags: ['audit'],
        summary: 'The filtered audit log as CSV, streamed (auditors only)',
        description: `Takes the list's \`filter\` (${FILTER_HELP}) and streams every matching event up to the newest at the time of the call, in chain order: UTF-8 with a byte-order mark (so that Excel shows Persian), RFC 4180 quoting, CRLF line ends, a header row; before and after as JSON. Cells that a spreadsheet would run as a formula start with an apostrophe. \`X-Total-Count\` carries the number of rows to come. The export is itself an audit event (audit.export).`,
        querystring: ExportQuery,
        produces: ['text/csv'],
        response: {
          200: {
            description: 'The CSV file',
            content: { 'text/csv': { schema: Type.Unsafe<Readable>(Type.String()) } },
          },
          ...problemResponses(400, 401, 403),
        },
      },
    },
    async (request, reply) => {
      CaslForbiddenError.from(request.ability).throwUnlessCan('export', 'AuditEvent');
      const { filter } = parseFilter({ filter: request.query.filter });
      const where = [visible(request), filterEvents(app.db, filter)];
      const stamp = new Date().toISOString().replace(/[:.]/g, '-');
      reply
        .type('text/csv; charset=utf-8; header=present')
        .header('Content-Disposition', `attachment; filename="audit-events-${stamp}.csv"`)
        .header('Cache-Control', 'private, no-store');
      // HEAD shows only the headers: nothing was exported.
      if (request.method === 'HEAD') return reply.send(Readable.from([]));
      const event = await app.db
        .transaction()
        .execute((trx) =>
          audit(trx, request, { action: 'audit.export', subjectType: 'audit', subjectId: null, after: { filter } }),
        );
      // The export ends at its own event: rows appended while it streams belong to the next one.
      reply.header(
        'X-Total-Count',
        String(await countAuditEvents(app.db, [...where, (eb) => eb('id', '<=', event.id)])),
      );
      async function* lines() {
        yield Buffer.from(UTF8_BOM + csvRow(CSV_COLUMNS), 'utf8');
        for await (const page of auditEventPages(app.db, where, event.id)) {
          yield Buffer.from(page.map((row) => csvRow(csvValues(row))).join(''), 'utf8');
        }
      }
      const stream = Readable.from(lines(), { objectMode: false });
      stream.on('error', (err) => request.log.error({ err }, 'audit export failed while streaming'));
      return reply.send(stream);
    },
  );

  app.get(
    '/api/audit-events/:id',
    {
      schema: {
        tags: ['audit'],
        summary: 'One audit event with its before and after',
        params: Type.Object({ id: EventId }, { additionalProperties: false }),
        response: { 200: AuditEvent, ...problemResponses(400, 401, 404) },
      },
    },
    async (request) => {
      const row = await findAuditEvent(app.db, visible(request), request.params.id);
      if (!row) throw new NotFoundError('The audit event');
      return toAuditEventDto(row, viewer(request));
    },
  );
};

export default auditEvents;
