import Type, { type Static } from 'typebox';
import { OfficeSchema } from './assignment.ts';
import { Uuid } from './common.ts';

export const DashboardQuery = Type.Object(
  {
    office: Type.Optional(
      Type.Union(
        [Type.Literal('graduate_officer'), Type.Literal('free_education_officer'), Type.Literal('welfare_officer')],
        {
          description:
            'Whose figures: an officer’s own office by default (and only that one); the auditor and the admin name any (default graduate_officer)',
        },
      ),
    ),
  },
  { additionalProperties: false },
);
export type DashboardQueryDto = Static<typeof DashboardQuery>;

const Days = Type.Number({ minimum: 0, description: 'Days, to a tenth' });

export const Dashboard = Type.Object({
  office: OfficeSchema,
  /** The week boundaries and the overdue rule are as of this instant. */
  asOf: Type.String({ format: 'date-time' }),
  queue: Type.Object({
    size: Type.Integer({
      minimum: 0,
      description: 'Requests waiting on the office (its queue, as the list defines it)',
    }),
    overdue: Type.Integer({
      minimum: 0,
      description: 'Of those, the ones past the office’s target for their stage (working days, the working calendar)',
    }),
    oldest: Type.Union(
      [
        Type.Object({
          id: Uuid,
          /** Null for a caller who may not read requests (the admin sees figures, not cases). */
          name: Type.Union([Type.String(), Type.Null()]),
          stage: Type.String(),
          daysInStage: Type.Number({ minimum: 0, description: 'Working days (halves with a half Thursday)' }),
        }),
        Type.Null(),
      ],
      { description: 'The request longest in its stage in the queue; null when the queue is empty' },
    ),
  }),
  stages: Type.Array(Type.Object({ stage: Type.String(), count: Type.Integer({ minimum: 0 }) }), {
    description: 'Open requests per stage (draft to ready), every open stage listed',
  }),
  throughput: Type.Array(
    Type.Object({
      week: Type.String({ format: 'date', description: 'The Saturday the week starts on (Asia/Tehran)' }),
      delivered: Type.Integer({ minimum: 0 }),
    }),
    { description: 'Diplomas delivered per Saturday-to-Friday week, the last 12 weeks (the current one last)' },
  ),
  leadTimes: Type.Array(
    Type.Object({ stage: Type.String(), count: Type.Integer({ minimum: 1 }), median: Days, p90: Days }),
    {
      description:
        'Time from entering a stage to leaving it, for requests that left it within the same 12 weeks (stage history)',
    },
  ),
  waiting: Type.Union(
    [
      Type.Object({
        cancellationTick: Type.Integer({ minimum: 0 }),
        welfareTick: Type.Integer({ minimum: 0 }),
        graduate: Type.Integer({ minimum: 0, description: 'Returned to the graduate' }),
        documentReview: Type.Integer({ minimum: 0, description: 'Submitted or under review' }),
      }),
      Type.Null(),
    ],
    { description: 'The Graduate Office’s view only: where pre-approval requests wait (null for the others)' },
  ),
});
export type DashboardDto = Static<typeof Dashboard>;
