import { SAVED_VIEW_RESOURCES, SAVED_VIEW_SCOPES, type SavedViewResource } from '@diploma-desk/db';
import Type, { type Static, type TObject, type TSchema } from 'typebox';
import { MAX_PAGE_SIZE } from '../lib/simple-rest.ts';
import { AUDIT_EVENT_SORTABLE, AuditEvent, AuditEventListFilter } from './audit-events.ts';
import { HumanText, Uuid } from './common.ts';
import { GRADUATE_SORTABLE, Graduate, GraduateListFilter } from './graduates.ts';
import { REQUEST_SORTABLE, RequestListFilter, RequestSummary } from './requests.ts';

/**
 * The lists a view may belong to, each with the filter schema and sortable fields its own route checks and
 * the record its rows are: a view's filter and sort are checked against these, its columns against the
 * record's fields, so that a view never holds what its list would refuse.
 */
export const SAVED_VIEW_LISTS: Record<
  SavedViewResource,
  { filter: TSchema; sortable: readonly string[]; row: TObject }
> = {
  requests: { filter: RequestListFilter, sortable: REQUEST_SORTABLE, row: RequestSummary },
  graduates: { filter: GraduateListFilter, sortable: GRADUATE_SORTABLE, row: Graduate },
  'audit-events': { filter: AuditEventListFilter, sortable: AUDIT_EVENT_SORTABLE, row: AuditEvent },
};

const lit = <T extends string>(values: readonly T[]) => Type.Union(values.map((v) => Type.Literal(v)));
const ResourceSchema = Type.Unsafe<SavedViewResource>(lit(SAVED_VIEW_RESOURCES));
const ScopeSchema = Type.Unsafe<(typeof SAVED_VIEW_SCOPES)[number]>(
  Type.Union(
    SAVED_VIEW_SCOPES.map((v) => Type.Literal(v)),
    {
      description: '`private`, or `office`: shared with everyone of the owner’s role',
    },
  ),
);
const FieldName = Type.String({
  minLength: 1,
  maxLength: 64,
  pattern: '^[A-Za-z][A-Za-z0-9_]*(\\.[A-Za-z][A-Za-z0-9_]*)?$',
});

const ViewFilter = Type.Record(Type.String(), Type.Unknown(), {
  maxProperties: 20,
  description:
    'The list’s filter, exactly as its `filter` query parameter takes it (GET /api/requests, /api/graduates or /api/audit-events); a field the list does not accept is refused with 400 naming it.',
});
const ViewSort = Type.Object(
  { field: FieldName, order: Type.Union([Type.Literal('ASC'), Type.Literal('DESC')]) },
  { additionalProperties: false, description: 'A field the list sorts by, and the order' },
);
const PerPage = Type.Integer({ minimum: 1, maximum: MAX_PAGE_SIZE, description: 'Rows per page' });
const ViewColumns = Type.Array(FieldName, {
  maxItems: 40,
  uniqueItems: true,
  description: 'The visible columns in their order, each a field of the list’s rows (e.g. `ticks.welfare`)',
});
const Nullable = <T extends TSchema>(t: T) => Type.Union([t, Type.Null()]);
const ViewName = HumanText(100);

export const SavedView = Type.Object(
  {
    id: Uuid,
    resource: ResourceSchema,
    name: Type.String(),
    scope: ScopeSchema,
    filter: Type.Record(Type.String(), Type.Unknown()),
    sort: Nullable(ViewSort),
    perPage: Nullable(Type.Integer()),
    columns: Nullable(Type.Array(Type.String())),
    ownerId: Uuid,
    ownerName: Type.String({ description: 'The owner’s display name, to tell who shared a view' }),
    ownerRole: Type.String(),
    version: Type.Integer(),
    createdAt: Type.String({ format: 'date-time' }),
    updatedAt: Type.String({ format: 'date-time' }),
  },
  { $id: 'SavedView' },
);
export type SavedViewDto = Static<typeof SavedView>;

export const CreateSavedViewBody = Type.Object(
  {
    resource: ResourceSchema,
    name: ViewName,
    scope: Type.Optional(ScopeSchema),
    filter: Type.Optional(ViewFilter),
    sort: Type.Optional(Nullable(ViewSort)),
    perPage: Type.Optional(Nullable(PerPage)),
    columns: Type.Optional(Nullable(ViewColumns)),
  },
  { additionalProperties: false },
);
export type CreateSavedViewBody = Static<typeof CreateSavedViewBody>;

/** A rename, a change of scope, or the list's current state written over the view's; the list stays. */
export const UpdateSavedViewBody = Type.Object(
  {
    version: Type.Integer({ minimum: 1 }),
    name: Type.Optional(ViewName),
    scope: Type.Optional(ScopeSchema),
    filter: Type.Optional(ViewFilter),
    sort: Type.Optional(Nullable(ViewSort)),
    perPage: Type.Optional(Nullable(PerPage)),
    columns: Type.Optional(Nullable(ViewColumns)),
  },
  { additionalProperties: false },
);
export type UpdateSavedViewBody = Static<typeof UpdateSavedViewBody>;

export const DeleteSavedViewHeaders = Type.Object({
  'if-match': Type.Optional(
    Type.String({
      maxLength: 20,
      description: 'The view’s version (e.g. "3"); 409 when stale. Without it, the current view goes.',
    }),
  ),
});

export const SavedViewListFilter = Type.Object(
  {
    resource: Type.Optional(ResourceSchema),
    scope: Type.Optional(ScopeSchema),
    mine: Type.Optional(Type.Boolean({ description: 'true: the caller’s own views; false: those shared with them' })),
    q: Type.Optional(Type.String({ maxLength: 100 })),
    id: Type.Optional(Type.Union([Uuid, Type.Array(Uuid, { maxItems: 500 })])),
  },
  { additionalProperties: false },
);
export type SavedViewListFilter = Static<typeof SavedViewListFilter>;
export const SAVED_VIEW_SORTABLE = ['name', 'createdAt', 'updatedAt'] as const;
