import type { ColumnType, Insertable, Selectable } from 'kysely';

export type Json = null | boolean | number | string | Json[] | { [key: string]: Json };

export interface AuditEventsTable {
  id: ColumnType<string, string, never>;
  at: ColumnType<Date, Date, never>;
  actorId: ColumnType<string | null, string | null, never>;
  role: ColumnType<string | null, string | null, never>;
  action: ColumnType<string, string, never>;
  subjectType: ColumnType<string, string, never>;
  subjectId: ColumnType<string | null, string | null, never>;
  requestId: ColumnType<string | null, string | null, never>;
  before: ColumnType<Json | null, string | null, never>;
  after: ColumnType<Json | null, string | null, never>;
  ip: ColumnType<string | null, string | null, never>;
  userAgent: ColumnType<string | null, string | null, never>;
  prevHash: ColumnType<string, string, never>;
  hash: ColumnType<string, string, never>;
}

export type AuditEventRow = Selectable<AuditEventsTable>;
export type NewAuditEventRow = Insertable<AuditEventsTable>;
