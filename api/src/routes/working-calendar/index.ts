import { ForbiddenError as CaslForbiddenError, subject } from '@casl/ability';
import type { HolidayRow } from '@diploma-desk/db';
import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import type { FastifyRequest } from 'fastify';
import Type from 'typebox';
import { ConflictError, ForbiddenError, NotFoundError, ValidationError, VersionConflictError } from '../../errors.ts';
import { audit } from '../../lib/audit.ts';
import { parseListQuery, sendList } from '../../lib/simple-rest.ts';
import { IdParams, ListQuery, problemResponses } from '../../schemas/common.ts';
import {
  CreateHolidayBody,
  HOLIDAY_SORTABLE,
  Holiday,
  type HolidayListFilter,
  HolidayListFilter as HolidayListFilterSchema,
  StageTarget,
  type StageTargetListFilter,
  StageTargetListFilter as StageTargetListFilterSchema,
  UpdateHolidayBody,
  UpdateStageTargetsBody,
  UpdateWorkingWeekBody,
  WorkingWeek,
} from '../../schemas/working-calendar.ts';
import { targetKey } from '../../workflow/stage-targets.ts';
import {
  deleteHoliday,
  findHoliday,
  findWorkingWeek,
  insertHoliday,
  listHolidays,
  listStageTargets,
  toHolidayDto,
  toStageTargetDto,
  toWorkingWeekDto,
  updateHoliday,
  updateStageTarget,
  updateWorkingWeek,
} from './working-calendar.repository.ts';

/** A second holiday on a day that has one, told as what it means to the admin. */
function holidayConflict(e: unknown): unknown {
  const { code, constraint } = e as { code?: string; constraint?: string };
  if (code === '23505' && constraint === 'holidays_date_key') {
    return new ConflictError('holiday-date-taken', 'That day is already a holiday; edit it instead.', [
      { field: 'date', message: 'is already a holiday', code: 'unique' },
    ]);
  }
  return e;
}

/**
 * If-Match on a delete names the version the caller saw (API.md: a write sends the version, a stale one gets
 * 409); without it, or with `*`, the holiday is deleted as it stands.
 */
function ifMatchVersion(header: string | undefined): number | undefined {
  if (header === undefined || header.trim() === '*') return undefined;
  const match = /^\s*(?:W\/)?"?([1-9][0-9]{0,9})"?\s*$/.exec(header);
  if (!match) {
    throw new ValidationError('If-Match must be the holiday’s version, e.g. "3".', [
      { field: 'if-match', message: 'is not a holiday version', code: 'pattern' },
    ]);
  }
  return Number(match[1]);
}

const DeleteHolidayHeaders = Type.Object({
  'if-match': Type.Optional(
    Type.String({ maxLength: 20, description: 'The holiday’s version (e.g. "3"); 409 when stale' }),
  ),
});

const workingCalendar: FastifyPluginAsyncTypebox = async (app) => {
  const forbidden = (request: FastifyRequest) => CaslForbiddenError.from(request.ability);
  // A committed change applies to the next flag at once: the kept calendar is dropped before the answer goes.
  app.addHook('onSend', async (request, reply) => {
    if (request.method !== 'GET' && request.method !== 'HEAD' && reply.statusCode < 400) app.forgetStageCalendar();
  });

  /** The holiday, if the caller may read the calendar at all; to others nothing exists. */
  async function readableHoliday(request: FastifyRequest, row: HolidayRow | undefined): Promise<HolidayRow> {
    if (!row || !request.ability.can('read', subject('Holiday', { id: row.id })))
      throw new NotFoundError('The holiday');
    return row;
  }

  app.get(
    '/api/holidays',
    {
      schema: {
        tags: ['working calendar'],
        summary: 'Official holidays (staff and auditors read them; the admin keeps them)',
        description: 'Filters: from, to (Gregorian days, inclusive), kind (one or a list), q (either name), id.',
        querystring: ListQuery,
        response: { 200: Type.Array(Holiday), ...problemResponses(400, 401, 403) },
      },
    },
    async (request, reply) => {
      if (!request.ability.can('read', 'Holiday')) throw new ForbiddenError();
      const params = parseListQuery<HolidayListFilter, (typeof HOLIDAY_SORTABLE)[number]>(request.query, {
        filter: HolidayListFilterSchema,
        sortable: HOLIDAY_SORTABLE,
        defaultSort: { field: 'date', order: 'asc' },
      });
      const { rows, total } = await listHolidays(app.db, params);
      return sendList(reply, 'holidays', params.offset, rows.map(toHolidayDto), total);
    },
  );

  app.get(
    '/api/holidays/:id',
    {
      schema: {
        tags: ['working calendar'],
        params: IdParams,
        response: { 200: Holiday, ...problemResponses(401, 404) },
      },
    },
    async (request) => toHolidayDto(await readableHoliday(request, await findHoliday(app.db, request.params.id))),
  );

  app.post(
    '/api/holidays',
    {
      schema: {
        tags: ['working calendar'],
        summary: 'Add a holiday (admin): a Gregorian day, its Persian and English names, its kind',
        body: CreateHolidayBody,
        response: { 201: Holiday, ...problemResponses(400, 401, 403, 409) },
      },
    },
    async (request, reply) => {
      forbidden(request).throwUnlessCan('create', 'Holiday');
      const b = request.body;
      try {
        const row = await app.db.transaction().execute(async (trx) => {
          const created = await insertHoliday(trx, {
            date: b.date,
            nameFa: b.nameFa.trim(),
            nameEn: b.nameEn.trim(),
            kind: b.kind,
            createdBy: request.user?.id ?? null,
            updatedBy: request.user?.id ?? null,
          });
          await audit(trx, request, {
            action: 'calendar.holiday_create',
            subjectType: 'holiday',
            subjectId: created.id,
            after: created,
          });
          return created;
        });
        return reply.status(201).send(toHolidayDto(row));
      } catch (e) {
        throw holidayConflict(e);
      }
    },
  );

  app.put(
    '/api/holidays/:id',
    {
      schema: {
        tags: ['working calendar'],
        summary: 'Change a holiday’s day, names or kind (admin)',
        params: IdParams,
        body: UpdateHolidayBody,
        response: { 200: Holiday, ...problemResponses(400, 401, 403, 404, 409) },
      },
    },
    async (request) => {
      const { version, ...b } = request.body;
      try {
        return await app.db.transaction().execute(async (trx) => {
          const current = await readableHoliday(request, await findHoliday(trx, request.params.id, true));
          forbidden(request).throwUnlessCan('update', subject('Holiday', { id: current.id }));
          if (current.version !== version) throw new VersionConflictError(current.version);
          const updated = await updateHoliday(trx, current.id, {
            ...b,
            ...(b.nameFa === undefined ? {} : { nameFa: b.nameFa.trim() }),
            ...(b.nameEn === undefined ? {} : { nameEn: b.nameEn.trim() }),
            updatedBy: request.user?.id ?? null,
          });
          await audit(trx, request, {
            action: 'calendar.holiday_update',
            subjectType: 'holiday',
            subjectId: current.id,
            before: current,
            after: updated,
          });
          return toHolidayDto(updated);
        });
      } catch (e) {
        throw holidayConflict(e);
      }
    },
  );

  app.delete(
    '/api/holidays/:id',
    {
      schema: {
        tags: ['working calendar'],
        summary: 'Remove a holiday (admin)',
        description: 'With If-Match (the holiday’s version), a stale version answers 409. Answers the removed holiday.',
        params: IdParams,
        headers: DeleteHolidayHeaders,
        response: { 200: Holiday, ...problemResponses(400, 401, 403, 404, 409) },
      },
    },
    async (request) => {
      const expected = ifMatchVersion(request.headers['if-match']);
      return app.db.transaction().execute(async (trx) => {
        const current = await readableHoliday(request, await findHoliday(trx, request.params.id, true));
        forbidden(request).throwUnlessCan('delete', subject('Holiday', { id: current.id }));
        if (expected !== undefined && expected !== current.version) throw new VersionConflictError(current.version);
        await deleteHoliday(trx, current.id);
        await audit(trx, request, {
          action: 'calendar.holiday_delete',
          subjectType: 'holiday',
          subjectId: current.id,
          before: current,
        });
        return toHolidayDto(current);
      });
    },
  );

  app.get(
    '/api/working-week',
    {
      schema: {
        tags: ['working calendar'],
        summary: 'The working week: Friday is the weekend; how Thursday counts',
        response: { 200: WorkingWeek, ...problemResponses(401, 403) },
      },
    },
    async (request) => {
      if (!request.ability.can('read', 'WorkingWeek')) throw new ForbiddenError();
      return toWorkingWeekDto(await findWorkingWeek(app.db));
    },
  );

  app.put(
    '/api/working-week',
    {
      schema: {
        tags: ['working calendar'],
        summary: 'Set how Thursday counts: working, half or off (admin)',
        body: UpdateWorkingWeekBody,
        response: { 200: WorkingWeek, ...problemResponses(400, 401, 403, 409) },
      },
    },
    async (request) => {
      forbidden(request).throwUnlessCan('update', 'WorkingWeek');
      const { version, thursday } = request.body;
      return app.db.transaction().execute(async (trx) => {
        const current = await findWorkingWeek(trx, true);
        if (current.version !== version) throw new VersionConflictError(current.version);
        const updated = await updateWorkingWeek(trx, thursday, request.user?.id ?? null);
        await audit(trx, request, {
          action: 'calendar.week_update',
          subjectType: 'working_week',
          subjectId: 'thursday',
          before: { thursday: current.thursday, version: current.version },
          after: { thursday: updated.thursday, version: updated.version },
        });
        return toWorkingWeekDto(updated);
      });
    },
  );

  app.get(
    '/api/stage-targets',
    {
      schema: {
        tags: ['working calendar'],
        summary: 'Each office’s target per stage, in working days',
        description:
          'The stages whose waiting counts against each office: the Graduate Office from submitted to ready; the Free-Education and Welfare Offices in submitted and under review, while their tick is missing. Filters: office, id.',
        querystring: ListQuery,
        response: { 200: Type.Array(StageTarget), ...problemResponses(400, 401, 403) },
      },
    },
    async (request, reply) => {
      if (!request.ability.can('read', 'StageTarget')) throw new ForbiddenError();
      const params = parseListQuery<StageTargetListFilter, 'office'>(request.query, {
        filter: StageTargetListFilterSchema,
        sortable: ['office'],
        defaultSort: { field: 'office', order: 'asc' },
      });
      const ids = params.filter.id === undefined ? undefined : [params.filter.id].flat();
      const all = (await listStageTargets(app.db, params.filter.office)).map(toStageTargetDto);
      const rows = ids ? all.filter((t) => ids.includes(t.id)) : all;
      return sendList(
        reply,
        'stage-targets',
        params.offset,
        rows.slice(params.offset, params.offset + params.limit),
        rows.length,
      );
    },
  );

  app.put(
    '/api/stage-targets',
    {
      schema: {
        tags: ['working calendar'],
        summary: 'Change targets (admin): each named office and stage, with the version it was read at',
        description: 'All or nothing: a stale version or a stage that counts against no office changes none.',
        body: UpdateStageTargetsBody,
        response: { 200: Type.Array(StageTarget), ...problemResponses(400, 401, 403, 409) },
      },
    },
    async (request) => {
      forbidden(request).throwUnlessCan('update', 'StageTarget');
      const wanted = request.body.targets;
      const keys = wanted.map((t) => targetKey(t.office, t.stage));
      const twice = keys.findIndex((k, i) => keys.indexOf(k) !== i);
      if (twice >= 0) {
        throw new ValidationError('Each office and stage may be named once.', [
          { field: `targets.${twice}`, message: 'names an office and stage already named', code: 'duplicate' },
        ]);
      }
      return app.db.transaction().execute(async (trx) => {
        const current = new Map(
          (await listStageTargets(trx, undefined, true)).map((r) => [targetKey(r.office, r.stage), r]),
        );
        // Lists, not maps keyed by office: the app's camel-casing would rewrite such keys when the log is read.
        const before: Array<{ office: string; stage: string; targetDays: number }> = [];
        const after: typeof before = [];
        for (const [i, t] of wanted.entries()) {
          const row = current.get(keys[i]!);
          if (!row) {
            throw new ValidationError(`${t.stage} does not count against ${t.office}.`, [
              { field: `targets.${i}.stage`, message: 'counts against no target of this office', code: 'no_target' },
            ]);
          }
          if (row.version !== t.version) throw new VersionConflictError(row.version);
          if (row.targetDays === t.targetDays) continue;
          current.set(keys[i]!, await updateStageTarget(trx, row, t.targetDays, request.user?.id ?? null));
          before.push({ office: row.office, stage: row.stage, targetDays: row.targetDays });
          after.push({ office: t.office, stage: t.stage, targetDays: t.targetDays });
        }
        await audit(trx, request, {
          action: 'calendar.targets_update',
          subjectType: 'stage_targets',
          subjectId: 'all',
          before,
          after,
        });
        return [...current.values()].map(toStageTargetDto);
      });
    },
  );
};

export default workingCalendar;
