import { useCanAccess } from 'react-admin';
import { BULK_TICK_ACTIONS, BULK_WORKFLOW_ACTIONS, type BulkAction } from './types.ts';

/** A request of nobody in particular: only a rule without conditions (an office's, not a graduate's own) lets one act on it. */
const ANY_REQUEST = { graduateId: '' };

/**
 * The bulk actions the caller's rules allow: the office actions to those who may act on every request (the
 * Graduate Office; a graduate acts on their own alone), each tick to the office that may set it.
 */
export const useBulkActions = (): BulkAction[] => {
  const { canAccess: canAct } = useCanAccess({ action: 'act', resource: 'requests', record: ANY_REQUEST });
  const { canAccess: cancellation } = useCanAccess({ action: 'tick', resource: 'requests.cancellation' });
  const { canAccess: welfare } = useCanAccess({ action: 'tick', resource: 'requests.welfare' });
  return [
    ...(canAct ? BULK_WORKFLOW_ACTIONS : []),
    ...(cancellation ? [BULK_TICK_ACTIONS.cancellation] : []),
    ...(welfare ? [BULK_TICK_ACTIONS.welfare] : []),
  ];
};
