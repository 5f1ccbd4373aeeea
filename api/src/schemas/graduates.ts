import Type, { type Static } from 'typebox';
import { HumanText, Uuid } from './common.ts';

const Gender = Type.Union([Type.Literal('male'), Type.Literal('female')]);
const DegreeLevel = Type.Union([Type.Literal('masters'), Type.Literal('phd')]);
const IsoDate = Type.String({ format: 'date', description: 'YYYY-MM-DD, Gregorian' });

export const Graduate = Type.Object(
  {
    id: Uuid,
    studentNumber: Type.String(),
    nationalId: Type.String(),
    firstName: Type.String(),
    lastName: Type.String(),
    fatherName: Type.String(),
    birthDate: Type.String(),
    gender: Gender,
    degreeLevel: DegreeLevel,
    faculty: Type.String(),
    program: Type.String(),
    scholarship: Type.Boolean(),
    version: Type.Integer(),
    createdAt: Type.String({ format: 'date-time' }),
    updatedAt: Type.String({ format: 'date-time' }),
    pendingCorrections: Type.Optional(Type.Array(Type.Ref('Correction'))),
  },
  { $id: 'Graduate' },
);
export type GraduateDto = Static<typeof Graduate>;

export const Correction = Type.Object(
  {
    id: Uuid,
    graduateId: Uuid,
    changes: Type.Record(Type.String(), Type.Unknown()),
    status: Type.Union([Type.Literal('pending'), Type.Literal('accepted'), Type.Literal('rejected')]),
    requestedBy: Type.Union([Uuid, Type.Null()]),
    requestedAt: Type.String({ format: 'date-time' }),
    reviewedBy: Type.Union([Uuid, Type.Null()]),
    reviewedAt: Type.Union([Type.String({ format: 'date-time' }), Type.Null()]),
    reviewNote: Type.Union([Type.String(), Type.Null()]),
  },
  { $id: 'Correction' },
);

export const CreateGraduateBody = Type.Object(
  {
    studentNumber: Type.String({ minLength: 4, maxLength: 20, pattern: '^[0-9۰-۹٠-٩]+$' }),
    nationalId: Type.String({ minLength: 10, maxLength: 10, description: '10 digits with the check digit' }),
    firstName: HumanText(100),
    lastName: HumanText(100),
    fatherName: HumanText(100),
    birthDate: IsoDate,
    gender: Gender,
    degreeLevel: DegreeLevel,
    faculty: HumanText(200),
    program: HumanText(200),
    scholarship: Type.Optional(Type.Boolean()),
  },
  { additionalProperties: false },
);
export type CreateGraduateBody = Static<typeof CreateGraduateBody>;

/** What a graduate may ask to have corrected: the details printed on the diploma. */
export const CorrectionChanges = Type.Object(
  {
    firstName: Type.Optional(HumanText(100)),
    lastName: Type.Optional(HumanText(100)),
    fatherName: Type.Optional(HumanText(100)),
    birthDate: Type.Optional(IsoDate),
  },
  { additionalProperties: false, minProperties: 1 },
);
export const CorrectionBody = Type.Object(
  { changes: CorrectionChanges, note: Type.Optional(HumanText(1000)) },
  { additionalProperties: false },
);
export const CorrectionReviewBody = Type.Object(
  {
    decision: Type.Union([Type.Literal('accepted'), Type.Literal('rejected')]),
    note: Type.Optional(HumanText(1000)),
  },
  { additionalProperties: false },
);

export const GraduateListFilter = Type.Object(
  {
    q: Type.Optional(Type.String({ maxLength: 200 })),
    gender: Type.Optional(Gender),
    degreeLevel: Type.Optional(DegreeLevel),
    faculty: Type.Optional(Type.String({ maxLength: 200 })),
    id: Type.Optional(Type.Union([Uuid, Type.Array(Uuid, { maxItems: 500 })])),
  },
  { additionalProperties: false },
);
export type GraduateListFilter = Static<typeof GraduateListFilter>;
export const GRADUATE_SORTABLE = ['lastName', 'firstName', 'studentNumber', 'faculty', 'createdAt'] as const;
