import type { Generated, Insertable, Selectable } from 'kysely';
import type { Office } from '../domain.ts';

/** Who in an office holds a request; no row is "unassigned". Never part of the request's version. */
export interface RequestAssignmentsTable {
  requestId: string;
  office: Office;
  userId: string;
  assignedAt: Generated<Date>;
  assignedBy: string | null;
}
export type RequestAssignmentRow = Selectable<RequestAssignmentsTable>;
export type NewRequestAssignmentRow = Insertable<RequestAssignmentsTable>;
