import { ForbiddenError as CaslForbiddenError, subject } from '@casl/ability';
import { graduateSearchText, normalizeNationalId, toAsciiDigits } from '@diploma-desk/db';
import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import Type from 'typebox';
import { accessibleWhere } from '../../auth/abilities-sql.ts';
import { ConflictError, ForbiddenError, NotFoundError, ValidationError } from '../../errors.ts';
import { audit } from '../../lib/audit.ts';
import { exportLanguage, sendExport } from '../../lib/export.ts';
import { parseListQuery, sendList } from '../../lib/simple-rest.ts';
import { IdParams, ListQuery, problemResponses } from '../../schemas/common.ts';
import { exportDocs, ListExportQuery } from '../../schemas/exports.ts';
import {
  CorrectionBody,
  CorrectionReviewBody,
  CreateGraduateBody,
  GRADUATE_SORTABLE,
  type GraduateListFilter,
  GraduateListFilter as GraduateListFilterSchema,
} from '../../schemas/graduates.ts';
import { GRADUATE_EXPORT_COLUMNS } from './graduate-export.ts';
import {
  countGraduates,
  GRADUATE_COLUMNS,
  graduatePages,
  listGraduates,
  pendingCorrections,
  toCorrectionDto,
  toGraduateDto,
} from './graduates.repository.ts';

const uniqueViolation = (e: unknown) => (e as { code?: string; constraint?: string }).code === '23505';

const listParams = (query: { filter?: string | undefined; range?: string | undefined; sort?: string | undefined }) =>
  parseListQuery<GraduateListFilter, (typeof GRADUATE_SORTABLE)[number]>(query, {
    filter: GraduateListFilterSchema,
    sortable: GRADUATE_SORTABLE,
    defaultSort: { field: 'lastName', order: 'asc' },
  });

const graduates: FastifyPluginAsyncTypebox = async (app) => {
  async function visibleGraduate(ability: Parameters<typeof accessibleWhere>[0], id: string) {
    const visible = accessibleWhere<'graduates'>(ability, 'read', 'Graduate', GRADUATE_COLUMNS);
    if (!visible) return undefined;
    return app.db.selectFrom('graduates').selectAll().where('id', '=', id).where(visible).executeTakeFirst();
  }

  app.get(
    '/api/graduates',
    {
      schema: {
        tags: ['graduates'],
        summary: 'Graduates as the educational portal records them; a graduate sees only themselves',
        description:
          'Filter `q` searches names, student number and national ID whatever the letter variants or digit script.',
        querystring: ListQuery,
        response: { 200: Type.Array(Type.Ref('Graduate')), ...problemResponses(400, 401, 403) },
      },
    },
    async (request, reply) => {
      const params = listParams(request.query);
      const visible = accessibleWhere<'graduates'>(request.ability, 'read', 'Graduate', GRADUATE_COLUMNS);
      if (!visible) throw new ForbiddenError();
      const { rows, total } = await listGraduates(app.db, visible, params);
      return sendList(reply, 'graduates', params.offset, rows.map(toGraduateDto), total);
    },
  );

  for (const format of ['csv', 'xlsx'] as const) {
    app.get(
      `/api/graduates/export.${format}`,
      {
        schema: {
          tags: ['graduates'],
          summary: `The graduate list as ${format.toUpperCase()}, streamed (staff who may export it)`,
          description: exportDocs[format].description,
          querystring: ListExportQuery,
          produces: [...exportDocs[format].produces],
          response: { 200: exportDocs[format].response, ...problemResponses(400, 401, 403) },
        },
      },
      async (request, reply) => {
        CaslForbiddenError.from(request.ability).throwUnlessCan('export', 'Graduate');
        const { filter, sort } = listParams({ filter: request.query.filter, sort: request.query.sort });
        const visible = accessibleWhere<'graduates'>(request.ability, 'read', 'Graduate', GRADUATE_COLUMNS);
        if (!visible) throw new ForbiddenError();
        return sendExport(app.db, request, reply, {
          list: 'graduates',
          subjectType: 'graduate',
          format,
          lang: exportLanguage(request, request.query.lang),
          filter,
          sort,
          columns: GRADUATE_EXPORT_COLUMNS,
          count: () => countGraduates(app.db, visible, filter),
          pages: () => graduatePages(app.db, visible, filter, sort),
        });
      },
    );
  }

  app.get(
    '/api/graduates/:id',
    {
      schema: {
        tags: ['graduates'],
        summary: 'One graduate with the corrections pending review',
        params: IdParams,
        response: { 200: Type.Ref('Graduate'), ...problemResponses(401, 404) },
      },
    },
    async (request) => {
      const row = await visibleGraduate(request.ability, request.params.id);
      if (!row) throw new NotFoundError('The graduate');
      // Corrections have their own readers: the offices that only check cases see the details, not them.
      if (!request.ability.can('read', subject('Correction', { graduateId: row.id }))) return toGraduateDto(row);
      return {
        ...toGraduateDto(row),
        pendingCorrections: (await pendingCorrections(app.db, row.id)).map(toCorrectionDto),
      };
    },
  );

  app.post(
    '/api/graduates',
    {
      schema: {
        tags: ['graduates'],
        summary: 'Record a graduate as the educational portal has them (national ID checked)',
        body: CreateGraduateBody,
        response: { 201: Type.Ref('Graduate'), ...problemResponses(400, 401, 403, 409) },
      },
    },
    async (request, reply) => {
      CaslForbiddenError.from(request.ability).throwUnlessCan('create', 'Graduate');
      const body = request.body;
      const nationalId = normalizeNationalId(body.nationalId);
      if (!nationalId) {
        throw new ValidationError('The national ID is not 10 digits with a valid check digit.', [
          { field: 'nationalId', message: 'is not a valid national ID', code: 'national_id_invalid' },
        ]);
      }
      const values = {
        ...body,
        studentNumber: toAsciiDigits(body.studentNumber),
        nationalId,
        scholarship: body.scholarship ?? false,
      };
      try {
        const row = await app.db.transaction().execute(async (trx) => {
          const created = await trx
            .insertInto('graduates')
            .values({ ...values, searchText: graduateSearchText(values) })
            .returningAll()
            .executeTakeFirstOrThrow();
          await audit(trx, request, {
            action: 'graduate.create',
            subjectType: 'graduate',
            subjectId: created.id,
            after: toGraduateDto(created),
          });
          return created;
        });
        return reply.status(201).send(toGraduateDto(row));
      } catch (e) {
        if (uniqueViolation(e)) {
          const field = String((e as { constraint?: string }).constraint).includes('national')
            ? 'nationalId'
            : 'studentNumber';
          throw new ConflictError('duplicate-graduate', `A graduate with this ${field} is already recorded.`, [
            { field, message: 'is already recorded', code: 'unique' },
          ]);
        }
        throw e;
      }
    },
  );

  app.post(
    '/api/graduates/:id/corrections',
    {
      schema: {
        tags: ['graduates'],
        summary: 'A graduate asks for a correction of their personal details',
        params: IdParams,
        body: CorrectionBody,
        response: { 201: Type.Ref('Correction'), ...problemResponses(400, 401, 403, 404) },
      },
    },
    async (request, reply) => {
      const graduate = await visibleGraduate(request.ability, request.params.id);
      if (!graduate) throw new NotFoundError('The graduate');
      CaslForbiddenError.from(request.ability).throwUnlessCan(
        'create',
        subject('Correction', { graduateId: graduate.id }),
      );
      const row = await app.db.transaction().execute(async (trx) => {
        const created = await trx
          .insertInto('corrections')
          .values({
            graduateId: graduate.id,
            changes: JSON.stringify({
              ...request.body.changes,
              ...(request.body.note ? { note: request.body.note } : {}),
            }),
            requestedBy: request.user?.id ?? null,
          })
          .returningAll()
          .executeTakeFirstOrThrow();
        await audit(trx, request, {
          action: 'correction.request',
          subjectType: 'graduate',
          subjectId: graduate.id,
          after: toCorrectionDto(created),
        });
        return created;
      });
      return reply.status(201).send(toCorrectionDto(row));
    },
  );

  app.post(
    '/api/corrections/:id/review',
    {
      schema: {
        tags: ['graduates'],
        summary: 'The Graduate Office accepts (and applies) or rejects a correction',
        params: IdParams,
        body: CorrectionReviewBody,
        response: { 200: Type.Ref('Correction'), ...problemResponses(400, 401, 403, 404, 409) },
      },
    },
    async (request) => {
      const { decision } = request.body;
      // A note of blanks tells the graduate nothing: it counts as none.
      const note = request.body.note?.trim() || null;
      return app.db.transaction().execute(async (trx) => {
        const correction = await trx
          .selectFrom('corrections')
          .selectAll()
          .where('id', '=', request.params.id)
          .forUpdate()
          .executeTakeFirst();
        const ability = request.ability;
        if (!correction || !ability.can('read', subject('Correction', { ...correction })))
          throw new NotFoundError('The correction');
        CaslForbiddenError.from(ability).throwUnlessCan('review', subject('Correction', { ...correction }));
        if (correction.status !== 'pending') {
          throw new ConflictError('already-reviewed', 'This correction has already been reviewed.');
        }
        if (decision === 'rejected' && !note) {
          throw new ValidationError('A rejection needs a note for the graduate.', [
            { field: 'note', message: 'is required when rejecting', code: 'required' },
          ]);
        }
        const reviewed = await trx
          .updateTable('corrections')
          .set({
            status: decision,
            reviewedBy: request.user?.id ?? null,
            reviewedAt: new Date(),
            reviewNote: note,
          })
          .where('id', '=', correction.id)
          .returningAll()
          .executeTakeFirstOrThrow();
        let graduateBefore: unknown;
        let graduateAfter: unknown;
        if (decision === 'accepted') {
          const before = await trx
            .selectFrom('graduates')
            .selectAll()
            .where('id', '=', correction.graduateId)
            .forUpdate()
            .executeTakeFirstOrThrow();
          const { note: _note, ...changes } = correction.changes as Record<string, string>;
          const merged = { ...before, ...changes };
          const after = await trx
            .updateTable('graduates')
            .set((eb) => ({
              ...changes,
              searchText: graduateSearchText(merged),
              version: eb('version', '+', 1),
              updatedAt: new Date(),
            }))
            .where('id', '=', before.id)
            .returningAll()
            .executeTakeFirstOrThrow();
          graduateBefore = toGraduateDto(before);
          graduateAfter = toGraduateDto(after);
        }
        await audit(trx, request, {
          action: `correction.${decision === 'accepted' ? 'accept' : 'reject'}`,
          subjectType: 'graduate',
          subjectId: correction.graduateId,
          before: { correction: toCorrectionDto(correction), graduate: graduateBefore },
          after: { correction: toCorrectionDto(reviewed), graduate: graduateAfter },
        });
        return toCorrectionDto(reviewed);
      });
    },
  );
};

export default graduates;
