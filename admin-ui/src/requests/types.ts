import type { Identifier } from 'react-admin';
import type { CancellationRoute, DocumentKind, Queue, Stage, WorkflowAction } from '../common/domain.ts';
import type { Graduate } from '../graduates/types.ts';
import type { AssignmentAction, RequestAssignment } from './assignment/types.ts';

export interface OfficeWait {
  office: Queue;
  targetDays: number;
  overdue: boolean;
}

export interface UnmetRule {
  code: string;
  message: string;
  params?: Record<string, string>;
}

export interface RequestSummary {
  id: Identifier;
  graduateId: string;
  studentNumber: string;
  nationalId: string;
  firstName: string;
  lastName: string;
  degreeLevel: string;
  faculty: string;
  program: string;
  stage: Stage;
  stageEnteredAt: string;
  /** Working days in the stage (halves when Thursday counts half). */
  daysInStage: number;
  /** Past target for the caller's office (staff of an office), or for any office waited on (others). */
  overdue: boolean;
  /** The target `overdue` is judged by, in working days; null when no office is waited on. */
  stageTargetDays: number | null;
  /** Every office the request waits on now, each against its own target. */
  waitingOn: OfficeWait[];
  /** Draft or returned: the next step is the graduate's. */
  waitingOnGraduate: boolean;
  ticks: { cancellation: boolean; welfare: boolean };
  version: number;
  createdAt: string;
  updatedAt: string;
  /** The holdings the caller may see, one per office that holds it. */
  assignments?: RequestAssignment[];
}

export interface Tick {
  set: boolean;
  at: string | null;
  by: string | null;
  reason: string | null;
}

export interface CancellationCase {
  route: CancellationRoute | null;
  saorgTrackingCode: string | null;
  amountOwed: string;
  amountPaid: string;
  paymentRef: string | null;
}

export interface WelfareRecord {
  hasDebt: boolean | null;
  settled: boolean;
  note: string | null;
}

export interface HistoryEntry {
  fromStage: Stage | null;
  toStage: Stage;
  action: string;
  actorId: string | null;
  role: string | null;
  note: string | null;
  at: string;
}

export interface RequestDetail extends Omit<RequestSummary, 'ticks'> {
  graduate: Graduate;
  provisionalCertificateIssued: boolean;
  detailsConfirmedAt: string | null;
  confirmedDetails: Record<string, unknown> | null;
  diplomaNumber: string | null;
  ticks: { cancellation: Tick; welfare: Tick };
  cancellationCase: CancellationCase;
  welfare: WelfareRecord;
  nextAction: { id: string; note: string; createdAt: string } | null;
  history: HistoryEntry[];
  requiredDocuments: DocumentKind[];
  allowedActions: WorkflowAction[];
  blockedActions: Partial<Record<WorkflowAction, UnmetRule[]>>;
  tickRules: { cancellation: UnmetRule[]; welfare: UnmetRule[] };
  uploadRules: UnmetRule[];
  caseRules: { cancellation: UnmetRule[]; welfare: UnmetRule[] };
  assignmentActions?: AssignmentAction[];
}
