import { DOCUMENT_KINDS, REVIEW_STATUSES } from '@diploma-desk/db';
import Type, { type Static, type TSchema } from 'typebox';
import { HumanText, Uuid } from './common.ts';

export const DocumentKindSchema = Type.Enum(DOCUMENT_KINDS);
export const ReviewStatusSchema = Type.Enum(REVIEW_STATUSES);
const DateTime = Type.String({ format: 'date-time' });
const Nullable = <T extends TSchema>(t: T) => Type.Union([t, Type.Null()]);

/** What the officer recorded about originals seen in person (the non-employment letter). */
export const InPersonCheck = Type.Object(
  {
    presentedByGraduate: Type.Boolean({ description: 'Handed over by the graduate personally, never by a proxy' }),
    originalNationalIdChecked: Type.Boolean({ description: 'The original national ID card was checked' }),
    originalSeen: Type.Boolean({ description: 'The original letter was seen' }),
  },
  { additionalProperties: false },
);

export const Document = Type.Object({
  id: Uuid,
  requestId: Uuid,
  graduateId: Uuid,
  kind: DocumentKindSchema,
  sha256: Type.String({ pattern: '^[0-9a-f]{64}$' }),
  sizeBytes: Type.Integer({ minimum: 1 }),
  contentType: Type.Union([Type.Literal('application/pdf'), Type.Literal('image/jpeg'), Type.Literal('image/png')], {
    description: 'Detected from the file’s first bytes, never taken from the client',
  }),
  originalName: Type.String({ description: 'The client’s file name, sanitised; never used as a path' }),
  uploadedBy: Nullable(Uuid),
  uploadedAt: DateTime,
  reviewStatus: ReviewStatusSchema,
  reviewNote: Nullable(Type.String()),
  reviewedBy: Nullable(Uuid),
  reviewedAt: Nullable(DateTime),
  inPerson: Type.Union([
    Type.Object({
      presentedByGraduate: Type.Optional(Type.Boolean()),
      originalNationalIdChecked: Type.Optional(Type.Boolean()),
      originalSeen: Type.Optional(Type.Boolean()),
    }),
    Type.Null(),
  ]),
  supersededAt: Nullable(DateTime),
  office: Type.Union([Type.Literal('graduate_officer'), Type.Literal('free_education_officer')], {
    description: 'The office that owns this kind of document and alone reviews it',
  }),
});
export type DocumentDto = Static<typeof Document>;

/** A document after a change, with the request's new version (every write to a request's parts raises it). */
export const DocumentWithRequestVersion = Type.Object({ ...Document.properties, requestVersion: Type.Integer() });

/** Documents the multipart body; the handler streams it, so Fastify does not validate it. */
export const UploadDocumentBody = Type.Object(
  {
    kind: DocumentKindSchema,
    file: Type.String({ format: 'binary', description: 'A PDF, JPEG or PNG file' }),
  },
  { description: 'multipart/form-data with the field `kind` first, then the one part `file`' },
);

export const UploadDocumentHeaders = Type.Object({
  'if-match': Type.Optional(
    Type.String({ maxLength: 20, description: 'The request’s version (e.g. "7"); 409 when stale' }),
  ),
});

export const ReviewDocumentBody = Type.Object(
  {
    decision: Type.Union([Type.Literal('accepted'), Type.Literal('rejected')]),
    note: Type.Optional(HumanText(1000)),
    inPerson: Type.Optional(InPersonCheck),
    version: Type.Optional(Type.Integer({ minimum: 1, description: 'The request’s version; 409 when stale' })),
  },
  { additionalProperties: false },
);
export type ReviewDocumentBody = Static<typeof ReviewDocumentBody>;

export const DocumentListFilter = Type.Object(
  {
    id: Type.Optional(Type.Union([Uuid, Type.Array(Uuid, { maxItems: 500 })])),
    requestId: Type.Optional(Uuid),
    graduateId: Type.Optional(Uuid),
    kind: Type.Optional(Type.Union([DocumentKindSchema, Type.Array(DocumentKindSchema, { maxItems: 20 })])),
    reviewStatus: Type.Optional(ReviewStatusSchema),
    includeSuperseded: Type.Optional(Type.Boolean()),
  },
  { additionalProperties: false },
);
export type DocumentListFilter = Static<typeof DocumentListFilter>;
export const DOCUMENT_SORTABLE = ['uploadedAt', 'kind', 'reviewStatus', 'reviewedAt'] as const;
