import { IMPORT_ROW_STATUSES, IMPORT_STATUSES } from '@diploma-desk/db';
import Type, { type Static, type TSchema } from 'typebox';
import { Uuid } from './common.ts';

const DateTime = Type.String({ format: 'date-time' });
const Nullable = <T extends TSchema>(t: T) => Type.Union([t, Type.Null()]);
const Count = Type.Integer({ minimum: 0 });

export const ImportStatusSchema = Type.Enum(IMPORT_STATUSES, {
  description: '`ready`: the dry run is stored; `committing`: its new rows are being created; `committed`: all are',
});
export const ImportRowStatusSchema = Type.Enum(IMPORT_ROW_STATUSES, {
  description:
    '`new`: to be created; `unchanged`: recorded just so; `conflict`: recorded with other details (never overwritten); `invalid`: cannot be imported',
});

const FieldName = Type.String({ description: 'A graduate field (studentNumber, nationalId, …)' });

export const GraduateImport = Type.Object({
  id: Uuid,
  fileName: Type.String({ description: 'The uploaded file’s name, sanitised' }),
  sha256: Type.String({ pattern: '^[0-9a-f]{64}$' }),
  sizeBytes: Type.Integer({ minimum: 1 }),
  delimiter: Type.Union([Type.Literal(','), Type.Literal(';')]),
  columns: Type.Array(Type.Object({ header: Type.String(), field: Nullable(FieldName) }), {
    description: 'The header line as read; a column whose field is null was ignored',
  }),
  status: ImportStatusSchema,
  rows: Type.Object(
    {
      total: Count,
      new: Count,
      unchanged: Count,
      conflict: Count,
      invalid: Count,
      warned: Type.Integer({ minimum: 0, description: 'Rows with at least one warning, whatever their status' }),
      imported: Type.Integer({ minimum: 0, description: 'New rows whose graduate has been created' }),
    },
    { description: 'Rows of the file by status; a commit moves a new row to imported (it stays new)' },
  ),
  progress: Type.Object(
    { done: Count, total: Count },
    { description: 'The commit: new rows created so far, of all new rows' },
  ),
  createdBy: Nullable(Uuid),
  createdByName: Nullable(Type.String()),
  createdAt: DateTime,
  commitStartedAt: Nullable(DateTime),
  committedBy: Nullable(Uuid),
  committedAt: Nullable(DateTime),
});
export type GraduateImportDto = Static<typeof GraduateImport>;

export const ImportIssue = Type.Object({
  code: Type.String({
    description:
      'errors: required, bad_student_number, national_id_length, national_id_checksum, too_long, bad_date, date_out_of_range, bad_value, control_characters, duplicate_in_file; differences: differs, student_number_taken; warnings: arabic_letters, digits, whitespace, invisible_characters, national_id_separators, national_id_padded, gregorian_date, extra_cells, recorded_meanwhile',
  }),
  severity: Type.Union([Type.Literal('error'), Type.Literal('difference'), Type.Literal('warning')]),
  field: Type.Optional(FieldName),
  params: Type.Optional(Type.Record(Type.String(), Type.Union([Type.String(), Type.Number()]))),
});

export const GraduateImportLine = Type.Object({
  id: Type.Integer({ description: 'The line number (react-admin’s id)' }),
  line: Type.Integer({ minimum: 2, description: 'The line of the file the row starts on (the header is line 1)' }),
  status: ImportRowStatusSchema,
  fields: Type.Record(Type.String(), Type.Union([Type.String(), Type.Boolean()]), {
    description: 'What was read of each field, normalised where it could be (birthDate as YYYY-MM-DD)',
  }),
  issues: Type.Array(ImportIssue),
  warned: Type.Boolean(),
  graduateId: Nullable(Uuid),
  importedAt: Nullable(DateTime),
});
export type GraduateImportLineDto = Static<typeof GraduateImportLine>;

/** Documents the multipart body; the handler streams it, so Fastify does not validate it. */
export const UploadImportBody = Type.Object(
  { file: Type.String({ format: 'binary', description: 'The portal’s CSV export (UTF-8, comma or semicolon)' }) },
  { description: 'multipart/form-data with the one part `file`' },
);

export const ImportListFilter = Type.Object(
  {
    status: Type.Optional(Type.Union([ImportStatusSchema, Type.Array(ImportStatusSchema, { maxItems: 3 })])),
    id: Type.Optional(Type.Union([Uuid, Type.Array(Uuid, { maxItems: 500 })])),
  },
  { additionalProperties: false },
);
export type ImportListFilter = Static<typeof ImportListFilter>;
export const IMPORT_SORTABLE = ['createdAt'] as const;

const LineNumber = Type.Integer({ minimum: 1, maximum: 2_147_483_647 });
export const ImportLineListFilter = Type.Object(
  {
    status: Type.Optional(Type.Union([ImportRowStatusSchema, Type.Array(ImportRowStatusSchema, { maxItems: 4 })])),
    warned: Type.Optional(Type.Boolean()),
    id: Type.Optional(Type.Union([LineNumber, Type.Array(LineNumber, { maxItems: 500 })])),
  },
  { additionalProperties: false },
);
export type ImportLineListFilter = Static<typeof ImportLineListFilter>;
export const IMPORT_LINE_SORTABLE = ['line'] as const;
