import type { Identifier } from 'react-admin';
import type { Queue } from '../../common/domain.ts';

export type AssignmentAction = 'claim' | 'release' | 'assign';

/** One office's holding of a request, as the API shows it to the caller. */
export interface RequestAssignment {
  office: Queue;
  assignee: { id: string; displayName: string };
  assignedAt: string;
  assignedBy: string | null;
}

export interface Colleague {
  id: Identifier;
  displayName: string;
}

export const ASSIGNEE_FILTERS = ['mine', 'unassigned', 'all'] as const;
export type AssigneeFilter = (typeof ASSIGNEE_FILTERS)[number];
