import Type, { type Static } from 'typebox';
import { Uuid } from './common.ts';
import { StageSchema, UnmetRule } from './requests.ts';

/** The most requests one bulk call acts on: a queue's worth, answered within seconds. */
export const BULK_MAX_ITEMS = 500;

export const BulkActionSchema = Type.Union([
  Type.Literal('start-review'),
  Type.Literal('mark-ready'),
  Type.Literal('deliver'),
  Type.Literal('set-cancellation-tick'),
  Type.Literal('set-welfare-tick'),
]);
export type BulkAction = Static<typeof BulkActionSchema>;

export const BulkBody = Type.Object(
  {
    action: BulkActionSchema,
    items: Type.Array(
      Type.Object(
        {
          id: Uuid,
          /** The version the caller saw: a request changed since is refused as stale, not acted on. */
          version: Type.Integer({ minimum: 1 }),
        },
        { additionalProperties: false },
      ),
      { minItems: 1, maxItems: BULK_MAX_ITEMS, description: 'Each request once; answered in this order.' },
    ),
  },
  { additionalProperties: false },
);
export type BulkBody = Static<typeof BulkBody>;

/** What the single route would have answered for this request: its problem details, unmet rules included. */
const RowProblem = Type.Object(
  {
    type: Type.String(),
    title: Type.String(),
    status: Type.Integer(),
    detail: Type.String(),
    instance: Type.String(),
    unmet: Type.Optional(Type.Array(UnmetRule)),
    currentVersion: Type.Optional(Type.Integer()),
  },
  { additionalProperties: true },
);

export const BulkRowResult = Type.Union([
  Type.Object({ id: Uuid, outcome: Type.Literal('done'), stage: StageSchema, version: Type.Integer() }),
  Type.Object({ id: Uuid, outcome: Type.Literal('refused'), problem: RowProblem }),
]);
export type BulkRowResult = Static<typeof BulkRowResult>;

export const BulkResult = Type.Object({
  action: BulkActionSchema,
  /** Named in the audit event of every request this call changed. */
  bulkId: Uuid,
  done: Type.Integer(),
  refused: Type.Integer(),
  results: Type.Array(BulkRowResult),
});
