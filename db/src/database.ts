import type { AuditEventsTable } from './tables/audit-events.table.ts';
import type { CorrectionsTable, NotificationOutboxTable } from './tables/corrections.table.ts';
import type { DocumentsTable } from './tables/documents.table.ts';
import type { GraduateImportRowsTable, GraduateImportsTable } from './tables/graduate-imports.table.ts';
import type { GraduatesTable } from './tables/graduates.table.ts';
import type { RequestAssignmentsTable } from './tables/request-assignments.table.ts';
import type {
  CancellationCasesTable,
  DiplomaRequestsTable,
  NextActionsTable,
  RequestStageHistoryTable,
  TickEventsTable,
  WelfareRecordsTable,
} from './tables/requests.table.ts';
import type { SavedViewsTable } from './tables/saved-views.table.ts';
import type { SessionsTable } from './tables/sessions.table.ts';
import type { UsersTable } from './tables/users.table.ts';
import type { HolidaysTable, StageTargetsTable, WorkingCalendarTable } from './tables/working-calendar.table.ts';

export interface Database {
  users: UsersTable;
  sessions: SessionsTable;
  auditEvents: AuditEventsTable;
  graduates: GraduatesTable;
  diplomaRequests: DiplomaRequestsTable;
  requestAssignments: RequestAssignmentsTable;
  requestStageHistory: RequestStageHistoryTable;
  cancellationCases: CancellationCasesTable;
  welfareRecords: WelfareRecordsTable;
  tickEvents: TickEventsTable;
  documents: DocumentsTable;
  nextActions: NextActionsTable;
  corrections: CorrectionsTable;
  notificationOutbox: NotificationOutboxTable;
  graduateImports: GraduateImportsTable;
  graduateImportRows: GraduateImportRowsTable;
  holidays: HolidaysTable;
  workingCalendar: WorkingCalendarTable;
  stageTargets: StageTargetsTable;
  savedViews: SavedViewsTable;
}
