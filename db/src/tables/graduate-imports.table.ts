import type { ColumnType, Generated, Insertable, Selectable, Updateable } from 'kysely';
import type { ImportRowStatus, ImportStatus } from '../domain.ts';
import type { Json } from './audit-events.table.ts';

export interface GraduateImportsTable {
  id: Generated<string>;
  /** The client's file name, sanitised, for people to recognise the file; never used as a path. */
  fileName: string;
  /** Where the uploaded file is kept (content-addressed, like documents). */
  storageKey: string;
  sha256: string;
  sizeBytes: ColumnType<string, string | number, never>;
  delimiter: ',' | ';';
  /** The header as read: each column's text and the field it was taken as (null: ignored). */
  columns: ColumnType<Json, string, string>;
  status: Generated<ImportStatus>;
  rowsTotal: Generated<number>;
  rowsNew: Generated<number>;
  rowsUnchanged: Generated<number>;
  rowsConflict: Generated<number>;
  rowsInvalid: Generated<number>;
  rowsWarned: Generated<number>;
  rowsImported: Generated<number>;
  createdBy: string | null;
  createdAt: Generated<Date>;
  commitStartedAt: Date | null;
  committedBy: string | null;
  committedAt: Date | null;
}
export type GraduateImportRow = Selectable<GraduateImportsTable>;
export type NewGraduateImportRow = Insertable<GraduateImportsTable>;
export type GraduateImportRowUpdate = Updateable<GraduateImportsTable>;

export interface GraduateImportRowsTable {
  importId: string;
  /** The line of the file the row starts on (the header is line 1). */
  line: number;
  status: ImportRowStatus;
  /** The row's values, normalised; for an invalid row, what could be read of them. */
  fields: ColumnType<Json, string, string>;
  /** Why the row is invalid or in conflict, and what was normalised: [{ code, field?, severity, params? }]. */
  issues: ColumnType<Json, string, string>;
  warned: Generated<boolean>;
  /** The graduate the row matched (unchanged, conflict) or, once imported, created. */
  graduateId: string | null;
  importedAt: Date | null;
}
export type GraduateImportLineRow = Selectable<GraduateImportRowsTable>;
export type NewGraduateImportLineRow = Insertable<GraduateImportRowsTable>;
