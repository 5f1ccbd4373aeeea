import { OFFICES } from '@diploma-desk/db';
import Type, { type Static } from 'typebox';
import { Uuid } from './common.ts';

export const OfficeSchema = Type.Union(
  [Type.Literal('graduate_officer'), Type.Literal('free_education_officer'), Type.Literal('welfare_officer')],
  { description: `An office, named by its officers' role: one of ${OFFICES.join(', ')}` },
);

const Person = Type.Object({ id: Uuid, displayName: Type.String() });

/** One office's holding of a request. Offices nobody holds it for are not listed. */
export const RequestAssignment = Type.Object({
  office: OfficeSchema,
  assignee: Person,
  assignedAt: Type.String({ format: 'date-time' }),
  /** Who made the holding: the holder (a claim) or a colleague (an assignment). */
  assignedBy: Type.Union([Uuid, Type.Null()]),
});
export type RequestAssignmentDto = Static<typeof RequestAssignment>;

export const ASSIGNMENT_ACTIONS = ['claim', 'release', 'assign'] as const;
export type AssignmentAction = (typeof ASSIGNMENT_ACTIONS)[number];

/** What the caller may do about their own office's holding of the request now. */
export const AssignmentActions = Type.Array(
  Type.Union([Type.Literal('claim'), Type.Literal('release'), Type.Literal('assign')]),
);

export const AssignBody = Type.Object(
  {
    userId: Type.String({
      format: 'uuid',
      description: 'An active colleague of the caller’s office (the caller included)',
    }),
    currentAssigneeId: Type.Union([Uuid, Type.Null()], {
      description:
        'Who the caller saw holding it (null: nobody). Another holder by now answers 409 `assignment-changed` and nothing changes.',
    }),
  },
  { additionalProperties: false },
);

export const Colleague = Type.Object({ id: Uuid, displayName: Type.String() });

export const ColleagueListFilter = Type.Object(
  {
    q: Type.Optional(Type.String({ maxLength: 200 })),
    id: Type.Optional(Type.Union([Uuid, Type.Array(Uuid, { maxItems: 500 })])),
  },
  { additionalProperties: false },
);
export type ColleagueListFilter = Static<typeof ColleagueListFilter>;
export const COLLEAGUE_SORTABLE = ['displayName'] as const;
