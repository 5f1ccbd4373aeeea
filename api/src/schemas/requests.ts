import { ACTIONS, STAGES } from '@diploma-desk/db';
import Type, { type Static } from 'typebox';
import { AssignmentActions, RequestAssignment } from './assignment.ts';
import { HumanText, Uuid } from './common.ts';
import { TargetOfficeSchema } from './working-calendar.ts';

const lit = <T extends string>(values: readonly T[]) => Type.Union(values.map((v) => Type.Literal(v)));
// TypeBox cannot infer a union built from a runtime array; the API boundary checks the values.
export const StageSchema = Type.Unsafe<(typeof STAGES)[number]>(lit(STAGES));
export const ActionSchema = Type.Unsafe<(typeof ACTIONS)[number]>(lit(ACTIONS));
const RouteSchema = Type.Union([
  Type.Literal('employment'),
  Type.Literal('government_employment'),
  Type.Literal('non_employment'),
  Type.Literal('scholarship'),
]);
const DateTime = Type.String({ format: 'date-time' });
const Nullable = <T extends Parameters<typeof Type.Union>[0][number]>(t: T) => Type.Union([t, Type.Null()]);
/** Rials, as a decimal string (amounts can exceed 2^53). */
const Rials = Type.String({ pattern: '^[0-9]{1,18}$' });

export const UnmetRule = Type.Object({
  code: Type.String(),
  message: Type.String(),
  params: Type.Optional(Type.Record(Type.String(), Type.String())),
});

const Tick = Type.Object({
  set: Type.Boolean(),
  at: Nullable(DateTime),
  by: Nullable(Uuid),
  reason: Nullable(Type.String()),
});

export const RequestSummary = Type.Object(
  {
    id: Uuid,
    graduateId: Uuid,
    studentNumber: Type.String(),
    nationalId: Type.String(),
    firstName: Type.String(),
    lastName: Type.String(),
    degreeLevel: Type.String(),
    faculty: Type.String(),
    program: Type.String(),
    stage: StageSchema,
    stageEnteredAt: DateTime,
    daysInStage: Type.Number({
      minimum: 0,
      multipleOf: 0.5,
      description:
        'Working days in the stage: the days after the one it entered up to today, in Tehran; Friday and holidays count 0, Thursday 1, ½ or 0',
    }),
    overdue: Type.Boolean({
      description:
        'Past target: for office staff, their own office’s; for others, any office the request waits on (see waitingOn)',
    }),
    stageTargetDays: Nullable(
      Type.Integer({
        description: 'The target (working days) that `overdue` is judged by; null: no office is waited on',
      }),
    ),
    waitingOn: Type.Array(
      Type.Object({ office: TargetOfficeSchema, targetDays: Type.Integer(), overdue: Type.Boolean() }),
      { description: 'Every office the request waits on now, each with its own target for this stage' },
    ),
    waitingOnGraduate: Type.Boolean({ description: 'Draft or returned: the next step is the graduate’s' }),
    ticks: Type.Object({ cancellation: Type.Boolean(), welfare: Type.Boolean() }),
    version: Type.Integer(),
    createdAt: DateTime,
    updatedAt: DateTime,
    /** On reads (lists, a request's page) and assignment calls: only the offices whose holders the caller may see. */
    assignments: Type.Optional(Type.Array(RequestAssignment)),
  },
  { $id: 'RequestSummary' },
);

export const RequestDetail = Type.Object(
  {
    ...RequestSummary.properties,
    graduate: Type.Ref('Graduate'),
    provisionalCertificateIssued: Type.Boolean(),
    detailsConfirmedAt: Nullable(DateTime),
    confirmedDetails: Nullable(Type.Record(Type.String(), Type.Unknown())),
    diplomaNumber: Nullable(Type.String()),
    ticks: Type.Object({ cancellation: Tick, welfare: Tick }),
    cancellationCase: Type.Object({
      route: Nullable(RouteSchema),
      saorgTrackingCode: Nullable(Type.String()),
      amountOwed: Rials,
      amountPaid: Rials,
      paymentRef: Nullable(Type.String()),
    }),
    welfare: Type.Object({ hasDebt: Nullable(Type.Boolean()), settled: Type.Boolean(), note: Nullable(Type.String()) }),
    nextAction: Nullable(Type.Object({ id: Uuid, note: Type.String(), createdAt: DateTime })),
    history: Type.Array(
      Type.Object({
        fromStage: Nullable(Type.String()),
        toStage: Type.String(),
        action: Type.String(),
        actorId: Nullable(Uuid),
        role: Nullable(Type.String()),
        note: Nullable(Type.String()),
        at: DateTime,
      }),
    ),
    requiredDocuments: Type.Array(Type.String()),
    allowedActions: Type.Array(ActionSchema),
    blockedActions: Type.Record(Type.String(), Type.Array(UnmetRule)),
    tickRules: Type.Object({ cancellation: Type.Array(UnmetRule), welfare: Type.Array(UnmetRule) }),
    /** Why this user may not upload documents now (empty: uploads are open to them). */
    uploadRules: Type.Array(UnmetRule),
    /** Why the cancellation case and the welfare record can no longer change (empty: they can). */
    caseRules: Type.Object({ cancellation: Type.Array(UnmetRule), welfare: Type.Array(UnmetRule) }),
    /** On reads and assignment calls: what the caller may do about their office's holding of it now. */
    assignmentActions: Type.Optional(AssignmentActions),
  },
  { $id: 'RequestDetail' },
);
export type RequestDetailDto = Static<typeof RequestDetail>;

export const CreateRequestBody = Type.Object(
  {
    graduateId: Type.Optional(Uuid),
    provisionalCertificateIssued: Type.Optional(Type.Boolean()),
  },
  { additionalProperties: false },
);

export const ActionParams = Type.Object({ id: Uuid, action: ActionSchema }, { additionalProperties: false });
export const ActionBody = Type.Object(
  {
    version: Type.Integer({ minimum: 1 }),
    note: Type.Optional(HumanText(2000)),
  },
  { additionalProperties: false },
);

export const TickParams = Type.Object(
  { id: Uuid, kind: Type.Union([Type.Literal('cancellation'), Type.Literal('welfare')]) },
  { additionalProperties: false },
);
export const TickBody = Type.Object(
  { set: Type.Boolean(), reason: Type.Optional(HumanText(1000)), version: Type.Optional(Type.Integer({ minimum: 1 })) },
  { additionalProperties: false },
);

export const CancellationBody = Type.Object(
  {
    version: Type.Integer({ minimum: 1 }),
    route: Nullable(RouteSchema),
    saorgTrackingCode: Nullable(Type.String({ maxLength: 64, pattern: '^[0-9A-Za-z۰-۹-]*$' })),
    amountOwed: Type.Union([Rials, Type.Integer({ minimum: 0, maximum: 1e15 })]),
    amountPaid: Type.Union([Rials, Type.Integer({ minimum: 0, maximum: 1e15 })]),
    paymentRef: Nullable(Type.String({ maxLength: 64, pattern: '^[^\\u0000-\\u001f\\u007f]*$' })),
  },
  { additionalProperties: false },
);
export const WelfareBody = Type.Object(
  {
    version: Type.Integer({ minimum: 1 }),
    hasDebt: Nullable(Type.Boolean()),
    settled: Type.Boolean(),
    note: Type.Optional(Nullable(HumanText(1000))),
  },
  { additionalProperties: false },
);

export const RequestListFilter = Type.Object(
  {
    q: Type.Optional(Type.String({ maxLength: 200 })),
    stage: Type.Optional(Type.Union([StageSchema, Type.Array(StageSchema, { maxItems: 10 })])),
    cancellationTick: Type.Optional(Type.Boolean()),
    welfareTick: Type.Optional(Type.Boolean()),
    degreeLevel: Type.Optional(Type.Union([Type.Literal('masters'), Type.Literal('phd')])),
    faculty: Type.Optional(Type.String({ maxLength: 200 })),
    overdue: Type.Optional(Type.Boolean()),
    graduateId: Type.Optional(Type.String({ format: 'uuid' })),
    queue: Type.Optional(
      Type.Union([
        Type.Literal('graduate_officer'),
        Type.Literal('free_education_officer'),
        Type.Literal('welfare_officer'),
      ]),
    ),
    /** Whose holding, in the office of `queue` (or else the caller's own): the caller's, nobody's, or any. */
    assignee: Type.Optional(Type.Union([Type.Literal('mine'), Type.Literal('unassigned'), Type.Literal('all')])),
    id: Type.Optional(Type.Union([Uuid, Type.Array(Uuid, { maxItems: 500 })])),
  },
  { additionalProperties: false },
);
export type RequestListFilter = Static<typeof RequestListFilter>;
export const REQUEST_SORTABLE = ['stageEnteredAt', 'createdAt', 'updatedAt', 'stage', 'lastName'] as const;
