import type { ColumnType, Generated, Insertable, Selectable, Updateable } from 'kysely';
import type { DocumentKind, ReviewStatus } from '../domain.ts';
import type { Json } from './audit-events.table.ts';

export type StoredContentType = 'application/pdf' | 'image/jpeg' | 'image/png';

export interface DocumentsTable {
  id: Generated<string>;
  requestId: string;
  graduateId: string;
  kind: DocumentKind;
  storageKey: string;
  sha256: string;
  sizeBytes: ColumnType<string, string | number, never>;
  contentType: StoredContentType;
  originalName: string;
  uploadedBy: string | null;
  uploadedAt: Generated<Date>;
  reviewStatus: Generated<ReviewStatus>;
  reviewNote: string | null;
  reviewedBy: string | null;
  reviewedAt: Date | null;
  /** For documents seen in person: { presentedByGraduate, originalNationalIdChecked, ... }. */
  inPerson: ColumnType<Json | null, string | null, string | null>;
  supersededAt: Date | null;
}
export type DocumentRow = Selectable<DocumentsTable>;
export type NewDocumentRow = Insertable<DocumentsTable>;
export type DocumentRowUpdate = Updateable<DocumentsTable>;
