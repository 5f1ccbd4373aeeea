import { HOLIDAY_KINDS, STAGES, TARGET_STAGES, THURSDAY_RULES } from '@diploma-desk/db';
import Type, { type Static } from 'typebox';
import { HumanText, Uuid } from './common.ts';

const lit = <T extends string>(values: readonly T[], description?: string) =>
  Type.Unsafe<T>(
    Type.Union(
      values.map((v) => Type.Literal(v)),
      description ? { description } : {},
    ),
  );
const DateTime = Type.String({ format: 'date-time' });

/** A Gregorian day (the day in Tehran) between 1900 and 2199: PostgreSQL takes no year 0, people mean none. */
export const HolidayDate = Type.String({
  format: 'date',
  pattern: '^(19|20|21)[0-9]{2}-[0-9]{2}-[0-9]{2}$',
  description: 'YYYY-MM-DD, Gregorian: the day in Tehran (the UI shows and takes Solar Hijri)',
});
export const HolidayKindSchema = lit(
  HOLIDAY_KINDS,
  'fixed_solar: on the same Solar Hijri day every year; lunar: moves with the lunar calendar; other: declared',
);
export const ThursdayRuleSchema = lit(THURSDAY_RULES, 'working: a whole day; half: half a day; off: no working day');
export const TargetOfficeSchema = lit(Object.keys(TARGET_STAGES) as Array<keyof typeof TARGET_STAGES>);
export const TargetStageSchema = lit([...new Set(Object.values(TARGET_STAGES).flat())]);
const StageSchema = lit(STAGES);

export const Holiday = Type.Object(
  {
    id: Uuid,
    date: Type.String({ description: 'YYYY-MM-DD, Gregorian' }),
    nameFa: Type.String(),
    nameEn: Type.String(),
    kind: HolidayKindSchema,
    version: Type.Integer(),
    createdAt: DateTime,
    updatedAt: DateTime,
  },
  { $id: 'Holiday' },
);
export type HolidayDto = Static<typeof Holiday>;

export const CreateHolidayBody = Type.Object(
  { date: HolidayDate, nameFa: HumanText(200), nameEn: HumanText(200), kind: HolidayKindSchema },
  { additionalProperties: false },
);
export const UpdateHolidayBody = Type.Object(
  {
    version: Type.Integer({ minimum: 1 }),
    date: Type.Optional(HolidayDate),
    nameFa: Type.Optional(HumanText(200)),
    nameEn: Type.Optional(HumanText(200)),
    kind: Type.Optional(HolidayKindSchema),
  },
  { additionalProperties: false },
);

export const HolidayListFilter = Type.Object(
  {
    /** From this day on (inclusive). */
    from: Type.Optional(HolidayDate),
    /** Up to this day (inclusive). */
    to: Type.Optional(HolidayDate),
    kind: Type.Optional(Type.Union([HolidayKindSchema, Type.Array(HolidayKindSchema, { maxItems: 3 })])),
    q: Type.Optional(Type.String({ maxLength: 200 })),
    id: Type.Optional(Type.Union([Uuid, Type.Array(Uuid, { maxItems: 500 })])),
  },
  { additionalProperties: false },
);
export type HolidayListFilter = Static<typeof HolidayListFilter>;
export const HOLIDAY_SORTABLE = ['date', 'kind', 'nameFa', 'nameEn', 'updatedAt'] as const;

export const WorkingWeek = Type.Object(
  {
    thursday: ThursdayRuleSchema,
    version: Type.Integer(),
    updatedBy: Type.Union([Uuid, Type.Null()]),
    updatedAt: DateTime,
  },
  { $id: 'WorkingWeek', description: 'The working week: Friday is the weekend, Thursday counts as `thursday` says' },
);
export type WorkingWeekDto = Static<typeof WorkingWeek>;
export const UpdateWorkingWeekBody = Type.Object(
  { version: Type.Integer({ minimum: 1 }), thursday: ThursdayRuleSchema },
  { additionalProperties: false },
);

export const StageTarget = Type.Object(
  {
    id: Type.String({ description: '`office:stage`' }),
    office: TargetOfficeSchema,
    stage: StageSchema,
    targetDays: Type.Integer({ minimum: 1, maximum: 365, description: 'working days' }),
    version: Type.Integer(),
    updatedBy: Type.Union([Uuid, Type.Null()]),
    updatedAt: DateTime,
  },
  { $id: 'StageTarget' },
);
export type StageTargetDto = Static<typeof StageTarget>;
export const UpdateStageTargetsBody = Type.Object(
  {
    targets: Type.Array(
      Type.Object(
        {
          office: TargetOfficeSchema,
          stage: TargetStageSchema,
          targetDays: Type.Integer({ minimum: 1, maximum: 365 }),
          version: Type.Integer({ minimum: 1 }),
        },
        { additionalProperties: false },
      ),
      { minItems: 1, maxItems: 20 },
    ),
  },
  { additionalProperties: false },
);
export type UpdateStageTargetsBody = Static<typeof UpdateStageTargetsBody>;
export const StageTargetListFilter = Type.Object(
  {
    office: Type.Optional(TargetOfficeSchema),
    id: Type.Optional(
      Type.Union([Type.String({ maxLength: 60 }), Type.Array(Type.String({ maxLength: 60 }), { maxItems: 500 })]),
    ),
  },
  { additionalProperties: false },
);
export type StageTargetListFilter = Static<typeof StageTargetListFilter>;
