import type { ColumnType, Generated, Selectable } from 'kysely';
import type { ReviewStatus } from '../domain.ts';
import type { Json } from './audit-events.table.ts';

export interface CorrectionsTable {
  id: Generated<string>;
  graduateId: string;
  changes: ColumnType<Json, string, string>;
  status: Generated<ReviewStatus>;
  requestedBy: string | null;
  requestedAt: Generated<Date>;
  reviewedBy: string | null;
  reviewedAt: Date | null;
  reviewNote: string | null;
}
export type CorrectionRow = Selectable<CorrectionsTable>;

export interface NotificationOutboxTable {
  id: ColumnType<string, never, never>;
  graduateId: string;
  requestId: string | null;
  channel: 'sms' | 'email';
  template: string;
  payload: ColumnType<Json, string, string>;
  createdAt: Generated<Date>;
  attempts: Generated<number>;
  nextAttemptAt: Generated<Date>;
  sentAt: Date | null;
  lastError: string | null;
}
export type NotificationOutboxRow = Selectable<NotificationOutboxTable>;
