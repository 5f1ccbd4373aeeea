import type { ColumnType, Generated, Insertable, Selectable, Updateable } from 'kysely';
import type { CancellationRoute, Stage, TickKind } from '../domain.ts';
import type { Json } from './audit-events.table.ts';

export interface DiplomaRequestsTable {
  id: Generated<string>;
  graduateId: string;
  stage: Generated<Stage>;
  stageEnteredAt: Generated<Date>;
  version: Generated<number>;
  provisionalCertificateIssued: Generated<boolean>;
  cancellationTick: Generated<boolean>;
  welfareTick: Generated<boolean>;
  detailsConfirmedAt: Date | null;
  /** The personal details the graduate confirmed: the diploma is printed from these. */
  confirmedDetails: ColumnType<Json | null, string | null, string | null>;
  diplomaNumber: string | null;
  /** Frozen at start-printing. */
  diplomaDetails: ColumnType<Json | null, string | null, string | null>;
  createdBy: string | null;
  createdAt: ColumnType<Date, never, never>;
  updatedAt: Generated<Date>;
}
export type DiplomaRequestRow = Selectable<DiplomaRequestsTable>;
export type NewDiplomaRequestRow = Insertable<DiplomaRequestsTable>;
export type DiplomaRequestRowUpdate = Updateable<DiplomaRequestsTable>;

export interface RequestStageHistoryTable {
  id: ColumnType<string, never, never>;
  requestId: string;
  fromStage: Stage | null;
  toStage: Stage;
  action: string;
  actorId: string | null;
  role: string | null;
  note: string | null;
  at: Generated<Date>;
}
export type RequestStageHistoryRow = Selectable<RequestStageHistoryTable>;

export interface CancellationCasesTable {
  requestId: string;
  route: CancellationRoute | null;
  saorgTrackingCode: string | null;
  /** Rials, as strings: bigint-safe. */
  amountOwed: ColumnType<string, string | number, string | number>;
  amountPaid: ColumnType<string, string | number, string | number>;
  paymentRef: string | null;
  updatedBy: string | null;
  updatedAt: Generated<Date>;
}
export type CancellationCaseRow = Selectable<CancellationCasesTable>;

export interface WelfareRecordsTable {
  requestId: string;
  /** null: not yet checked. */
  hasDebt: boolean | null;
  settled: Generated<boolean>;
  note: string | null;
  updatedBy: string | null;
  updatedAt: Generated<Date>;
}
export type WelfareRecordRow = Selectable<WelfareRecordsTable>;

export interface TickEventsTable {
  id: ColumnType<string, never, never>;
  requestId: string;
  kind: TickKind;
  set: boolean;
  reason: string | null;
  actorId: string | null;
  role: string | null;
  at: Generated<Date>;
}
export type TickEventRow = Selectable<TickEventsTable>;

export interface NextActionsTable {
  id: Generated<string>;
  requestId: string;
  note: string;
  createdBy: string | null;
  createdAt: Generated<Date>;
  resolvedAt: Date | null;
  resolvedBy: string | null;
}
export type NextActionRow = Selectable<NextActionsTable>;
