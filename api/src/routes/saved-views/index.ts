import { ForbiddenError as CaslForbiddenError, subject } from '@casl/ability';
import type { SavedViewResource, SavedViewRowUpdate } from '@diploma-desk/db';
import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import type { FastifyRequest } from 'fastify';
import Type, { type TObject } from 'typebox';
import { accessibleWhere } from '../../auth/abilities-sql.ts';
import { ConflictError, ForbiddenError, NotFoundError, ValidationError, VersionConflictError } from '../../errors.ts';
import { audit } from '../../lib/audit.ts';
import { checkListFilter, parseListQuery, sendList } from '../../lib/simple-rest.ts';
import { IdParams, ListQuery, problemResponses } from '../../schemas/common.ts';
import {
  CreateSavedViewBody,
  DeleteSavedViewHeaders,
  SAVED_VIEW_LISTS,
  SAVED_VIEW_SORTABLE,
  SavedView,
  type SavedViewListFilter,
  SavedViewListFilter as SavedViewListFilterSchema,
  type UpdateSavedViewBody,
  UpdateSavedViewBody as UpdateSavedViewBodySchema,
} from '../../schemas/saved-views.ts';
import {
  auditedView,
  deleteSavedView,
  findSavedView,
  insertSavedView,
  listSavedViews,
  SAVED_VIEW_COLUMNS,
  toSavedViewDto,
  updateSavedView,
  viewSubject,
} from './saved-views.repository.ts';

type ViewState = Pick<UpdateSavedViewBody, 'filter' | 'sort' | 'perPage' | 'columns'>;

/** A list's column names: its rows' fields, and one level into those that are objects (`ticks.welfare`). */
function columnsOf(row: TObject): Set<string> {
  const names = new Set<string>();
  for (const [key, schema] of Object.entries(row.properties)) {
    names.add(key);
    const nested = (schema as { properties?: Record<string, unknown> }).properties;
    for (const inner of Object.keys(nested ?? {})) names.add(`${key}.${inner}`);
  }
  return names;
}
const COLUMNS = Object.fromEntries(
  Object.entries(SAVED_VIEW_LISTS).map(([resource, list]) => [resource, columnsOf(list.row)]),
) as Record<SavedViewResource, Set<string>>;

/** Refuses a filter, sort or column that the view's own list would not take, naming the field at fault. */
function checkViewState(resource: SavedViewResource, state: ViewState) {
  const list = SAVED_VIEW_LISTS[resource];
  if (state.filter !== undefined) checkListFilter(list.filter, state.filter);
  if (state.sort && !list.sortable.includes(state.sort.field)) {
    throw new ValidationError(`The ${resource} list does not sort by ${state.sort.field}.`, [
      { field: 'sort.field', message: `must be one of: ${list.sortable.join(', ')}`, code: 'sort' },
    ]);
  }
  const unknown = (state.columns ?? []).findIndex((column) => !COLUMNS[resource].has(column));
  if (unknown >= 0) {
    throw new ValidationError(`The ${resource} list has no column ${state.columns?.[unknown]}.`, [
      { field: `columns.${unknown}`, message: 'is not a field of the list’s rows', code: 'column' },
    ]);
  }
}

function checkName(name: string): string {
  const trimmed = name.trim();
  if (trimmed === '') {
    throw new ValidationError('A view needs a name.', [{ field: 'name', message: 'is required', code: 'required' }]);
  }
  return trimmed;
}

/** The view's state as the table keeps it: jsonb as JSON text, nulls where the list's defaults apply. */
function stateColumns(state: ViewState): SavedViewRowUpdate {
  return {
    ...(state.filter !== undefined ? { filter: JSON.stringify(state.filter) } : {}),
    ...(state.sort !== undefined ? { sort: state.sort === null ? null : JSON.stringify(state.sort) } : {}),
    ...(state.perPage !== undefined ? { perPage: state.perPage } : {}),
    ...(state.columns !== undefined ? { columns: state.columns === null ? null : JSON.stringify(state.columns) } : {}),
  };
}

/** A name the owner already gave another view of the same list, told as what it means. */
function nameConflict(e: unknown): unknown {
  const { code, constraint } = e as { code?: string; constraint?: string };
  if (code === '23505' && constraint === 'saved_views_owner_resource_name_key') {
    return new ConflictError('view-name-taken', 'You already have a view of this list with that name.', [
      { field: 'name', message: 'is already the name of another of your views of this list', code: 'unique' },
    ]);
  }
  return e;
}

/**
 * If-Match on a delete names the version the caller saw (API.md: a write sends the version, a stale one gets
 * 409); without it, or with `*`, the view is deleted as it stands.
 */
function ifMatchVersion(header: string | undefined): number | undefined {
  if (header === undefined || header.trim() === '*') return undefined;
  const match = /^\s*(?:W\/)?"?([1-9][0-9]{0,9})"?\s*$/.exec(header);
  if (!match) {
    throw new ValidationError('If-Match must be the view’s version, e.g. "3".', [
      { field: 'if-match', message: 'is not a view version', code: 'pattern' },
    ]);
  }
  return Number(match[1]);
}

const savedViews: FastifyPluginAsyncTypebox = async (app) => {
  /** The view, locked when asked, if the caller may read it; otherwise it does not exist for them. */
  async function readableView(
    request: FastifyRequest,
    db: Parameters<typeof findSavedView>[0],
    id: string,
    lock = false,
  ) {
    const row = await findSavedView(db, id, lock);
    if (!row || !request.ability.can('read', subject('SavedView', viewSubject(row)))) {
      throw new NotFoundError('The saved view');
    }
    return row;
  }

  app.get(
    '/api/saved-views',
    {
      schema: {
        tags: ['saved views'],
        summary: 'The caller’s own saved views and those shared with their office',
        description:
          'Filter fields: resource (requests, graduates, audit-events), scope, mine (true: own views; false: views others shared), q (text in the name), id. Sort by name (the default), createdAt or updatedAt. Graduates have no saved views (403).',
        querystring: ListQuery,
        response: { 200: Type.Array(SavedView), ...problemResponses(400, 401, 403) },
      },
    },
    async (request, reply) => {
      const params = parseListQuery<SavedViewListFilter, (typeof SAVED_VIEW_SORTABLE)[number]>(request.query, {
        filter: SavedViewListFilterSchema,
        sortable: SAVED_VIEW_SORTABLE,
        defaultSort: { field: 'name', order: 'asc' },
      });
      const visible = accessibleWhere<'savedViews' | 'users'>(request.ability, 'read', 'SavedView', SAVED_VIEW_COLUMNS);
      if (!visible) throw new ForbiddenError();
      const { rows, total } = await listSavedViews(app.db, visible, request.user!.id, params);
      return sendList(reply, 'saved-views', params.offset, rows.map(toSavedViewDto), total);
    },
  );

  app.get(
    '/api/saved-views/:id',
    {
      schema: {
        tags: ['saved views'],
        params: IdParams,
        response: { 200: SavedView, ...problemResponses(400, 401, 404) },
      },
    },
    async (request) => toSavedViewDto(await readableView(request, app.db, request.params.id)),
  );

  app.post(
    '/api/saved-views',
    {
      schema: {
        tags: ['saved views'],
        summary: 'Save a list’s filter, sort, page size and columns under a name',
        description:
          'The filter, sort and columns are checked against the list the view belongs to, as the list itself checks them: 400 names the field a list would refuse. A name is unique per owner and list (409). `scope: office` shares the view, read-only, with everyone of the owner’s role.',
        body: CreateSavedViewBody,
        response: { 201: SavedView, ...problemResponses(400, 401, 403, 409) },
      },
    },
    async (request, reply) => {
      const body = request.body;
      const owner = request.user!;
      const scope = body.scope ?? 'private';
      CaslForbiddenError.from(request.ability).throwUnlessCan(
        'create',
        subject('SavedView', { ownerId: owner.id, ownerRole: owner.role, scope, resource: body.resource }),
      );
      const name = checkName(body.name);
      checkViewState(body.resource, body);
      try {
        const row = await app.db.transaction().execute(async (trx) => {
          const created = await insertSavedView(trx, {
            ownerId: owner.id,
            resource: body.resource,
            name,
            scope,
            filter: JSON.stringify(body.filter ?? {}),
            sort: body.sort ? JSON.stringify(body.sort) : null,
            perPage: body.perPage ?? null,
            columns: body.columns ? JSON.stringify(body.columns) : null,
          });
          await audit(trx, request, {
            action: 'saved_view.create',
            subjectType: 'saved_view',
            subjectId: created.id,
            after: auditedView(created),
          });
          return created;
        });
        return reply.status(201).send(toSavedViewDto({ ...row, ownerName: owner.displayName, ownerRole: owner.role }));
      } catch (e) {
        throw nameConflict(e);
      }
    },
  );

  app.put(
    '/api/saved-views/:id',
    {
      schema: {
        tags: ['saved views'],
        summary: 'Rename a saved view, change its scope, or write the list’s current state over it (owner only)',
        description:
          'Fields left out stay as they are; `sort`, `perPage` or `columns` set to null go back to the list’s defaults. A view shared with the office is read by its colleagues but changed only by its owner (403).',
        params: IdParams,
        body: UpdateSavedViewBodySchema,
        response: { 200: SavedView, ...problemResponses(400, 401, 403, 404, 409) },
      },
    },
    async (request) => {
      const { version, name, scope, ...state } = request.body;
      return app.db
        .transaction()
        .execute(async (trx) => {
          const current = await readableView(request, trx, request.params.id, true);
          CaslForbiddenError.from(request.ability).throwUnlessCan('update', subject('SavedView', viewSubject(current)));
          if (current.version !== version) throw new VersionConflictError(current.version);
          checkViewState(current.resource, state);
          const changes: SavedViewRowUpdate = {
            ...stateColumns(state),
            ...(name !== undefined ? { name: checkName(name) } : {}),
            ...(scope !== undefined ? { scope } : {}),
          };
          const updated = await updateSavedView(trx, current.id, version, changes);
          if (!updated) throw new VersionConflictError(current.version);
          await audit(trx, request, {
            action: 'saved_view.update',
            subjectType: 'saved_view',
            subjectId: current.id,
            before: auditedView(current),
            after: auditedView(updated),
          });
          return toSavedViewDto({ ...updated, ownerName: current.ownerName, ownerRole: current.ownerRole });
        })
        .catch((e: unknown) => {
          throw nameConflict(e);
        });
    },
  );

  app.delete(
    '/api/saved-views/:id',
    {
      schema: {
        tags: ['saved views'],
        summary: 'Delete a saved view (owner only)',
        description: 'With If-Match (the view’s version), a stale version answers 409. Answers the deleted view.',
        params: IdParams,
        headers: DeleteSavedViewHeaders,
        response: { 200: SavedView, ...problemResponses(400, 401, 403, 404, 409) },
      },
    },
    async (request) => {
      const expected = ifMatchVersion(request.headers['if-match']);
      return app.db.transaction().execute(async (trx) => {
        const current = await readableView(request, trx, request.params.id, true);
        CaslForbiddenError.from(request.ability).throwUnlessCan('delete', subject('SavedView', viewSubject(current)));
        if (expected !== undefined && expected !== current.version) throw new VersionConflictError(current.version);
        await deleteSavedView(trx, current.id);
        await audit(trx, request, {
          action: 'saved_view.delete',
          subjectType: 'saved_view',
          subjectId: current.id,
          before: auditedView(current),
        });
        return toSavedViewDto(current);
      });
    },
  );
};

export default savedViews;
