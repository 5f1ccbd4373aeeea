import type { Identifier } from 'react-admin';

export const IMPORT_ROW_STATUSES = ['new', 'unchanged', 'conflict', 'invalid'] as const;
export type ImportRowStatus = (typeof IMPORT_ROW_STATUSES)[number];
export type ImportStatus = 'ready' | 'committing' | 'committed';

export interface ImportColumn {
  header: string;
  field: string | null;
}

export interface GraduateImport {
  id: Identifier;
  fileName: string;
  sha256: string;
  sizeBytes: number;
  delimiter: ',' | ';';
  columns: ImportColumn[];
  status: ImportStatus;
  rows: Record<ImportRowStatus | 'total' | 'warned' | 'imported', number>;
  progress: { done: number; total: number };
  createdBy: string | null;
  createdByName: string | null;
  createdAt: string;
  commitStartedAt: string | null;
  committedBy: string | null;
  committedAt: string | null;
}

export interface ImportIssue {
  code: string;
  severity: 'error' | 'difference' | 'warning';
  field?: string;
  params?: Record<string, string | number>;
}

export interface ImportLine {
  id: number;
  line: number;
  status: ImportRowStatus;
  fields: Record<string, string | boolean>;
  issues: ImportIssue[];
  warned: boolean;
  graduateId: string | null;
  importedAt: string | null;
}

/** What the report's table shows: lines of one status, or those with a warning; all when undefined. */
export type LineFilter = ImportRowStatus | 'warned' | undefined;
