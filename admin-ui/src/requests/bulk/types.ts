import type { Identifier } from 'react-admin';
import type { Stage, TickKind } from '../../common/domain.ts';
import type { UnmetRule } from '../types.ts';

/** POST /api/requests/bulk: the workflow actions offices take on many requests at once, and each office's tick. */
export const BULK_WORKFLOW_ACTIONS = ['start-review', 'mark-ready', 'deliver'] as const;
export const BULK_TICK_ACTIONS = { cancellation: 'set-cancellation-tick', welfare: 'set-welfare-tick' } as const;
export type BulkAction = (typeof BULK_WORKFLOW_ACTIONS)[number] | (typeof BULK_TICK_ACTIONS)[TickKind];
/** The API's limit on one call. */
export const BULK_MAX_ITEMS = 500;

export interface BulkItem {
  id: Identifier;
  version: number;
}

/** The problem the single route would have answered for this request. */
export interface RowProblem {
  type: string;
  title: string;
  status: number;
  detail: string;
  unmet?: UnmetRule[];
}

export type BulkRowResult =
  | { id: Identifier; outcome: 'done'; stage: Stage; version: number }
  | { id: Identifier; outcome: 'refused'; problem: RowProblem };

export interface BulkResult {
  action: BulkAction;
  bulkId: string;
  done: number;
  refused: number;
  results: BulkRowResult[];
}
