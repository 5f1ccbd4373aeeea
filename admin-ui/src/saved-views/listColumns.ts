/**
 * Each list's DataTable columns by source, in the table's order (requests/RequestTable.tsx,
 * graduates/GraduateList.tsx, audit-events/AuditEventTable.tsx). react-admin keeps the order a user gives the
 * columns as indices into the table's columns, so a saved view's columns are mapped through these;
 * listColumns.test.ts holds each list to its table.
 */
export const LIST_COLUMNS: Readonly<Record<string, readonly string[]>> = {
  requests: [
    'lastName',
    'studentNumber',
    'stage',
    'stageEnteredAt',
    'overdue',
    'assignments',
    'ticks.cancellation',
    'ticks.welfare',
    'updatedAt',
  ],
  graduates: ['lastName', 'studentNumber', 'nationalId', 'degreeLevel', 'faculty', 'program'],
  'audit-events': ['id', 'at', 'actorId', 'role', 'action', 'subjectType', 'ip'],
};
