import type { AuditEventsTable } from './tables/audit-events.table.ts';
import type { SessionsTable } from './tables/sessions.table.ts';
import type { UsersTable } from './tables/users.table.ts';

export interface Database {
  users: UsersTable;
  sessions: SessionsTable;
  auditEvents: AuditEventsTable;
}
