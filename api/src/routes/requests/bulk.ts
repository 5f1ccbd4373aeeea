import { randomUUID } from 'node:crypto';
import { type AnyAbility, ForbiddenError as CaslForbiddenError } from '@casl/ability';
import type { TickKind, WorkflowAction } from '@diploma-desk/db';
import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import type { FastifyRequest } from 'fastify';
import {
  AppError,
  ForbiddenError,
  problemOf,
  ServiceUnavailableError,
  ValidationError,
  WorkflowBlockedError,
} from '../../errors.ts';
import { isDbUnavailable } from '../../plugins/app/error-handler.ts';
import { problemResponses } from '../../schemas/common.ts';
import { type BulkAction, BulkBody, BulkResult, type BulkRowResult } from '../../schemas/requests-bulk.ts';
import { roleRules } from '../../workflow/workflow.ts';
import { changeTick, takeAction } from './request-commands.ts';

const TICKS: Partial<Record<BulkAction, TickKind>> = {
  'set-cancellation-tick': 'cancellation',
  'set-welfare-tick': 'welfare',
};

class InternalError extends AppError {
  constructor() {
    super(500, 'internal-error', 'Internal error', 'Something went wrong on our side. It has been logged.');
  }
}

/**
 * A row that failed for a reason of ours (the database gone, a bug) is answered as the single route would
 * answer it, and logged; the rows after it are still tried, each on its own.
 */
function rowError(request: FastifyRequest, error: unknown, id: string): AppError | CaslForbiddenError<AnyAbility> {
  if (error instanceof AppError || error instanceof CaslForbiddenError) return error;
  if (isDbUnavailable(error)) {
    request.log.error({ err: error, requestId: id }, 'bulk action: database unavailable');
    return new ServiceUnavailableError();
  }
  request.log.error({ err: error, requestId: id }, 'bulk action: unhandled error');
  return new InternalError();
}

/**
 * One action on many requests. Each request goes through the very function its single route calls, in a
 * transaction of its own, so one refused row never undoes another and each change's audit event is written
 * with that change. The answer lists every row in the order given: done, or refused with the problem the
 * single route would have answered.
 *
 * No event records the call as a whole: the audit log holds changes, each written in the transaction of the
 * change (a refusal leaves none, on the single routes too). A summary written after the rows' transactions
 * could not vouch for them, and could be lost after they committed. Instead each done row's event names the
 * call (`after.bulk`, the answer's `bulkId`), so the call's changes are found and counted together.
 */
const bulkRoutes: FastifyPluginAsyncTypebox = async (app) => {
  app.post(
    '/api/requests/bulk',
    {
      schema: {
        tags: ['requests'],
        summary: 'Take one action on many requests: a result per request, never all or nothing',
        description:
          'Actions: start-review, mark-ready, deliver (the Graduate Office), set-cancellation-tick (the Free-Education Office), set-welfare-tick (the Welfare Office). Each item names a request and the version the caller saw; each is applied on its own exactly as the single route would apply it (`POST /api/requests/:id/actions/:action`, `POST /api/requests/:id/ticks/:kind` with that version), and refused with the problem that route would have answered: 404 for a request the caller may not see, 409 `stale-version` for one changed since, 409 `workflow-blocked` with every unmet rule. A role that may never take the action is refused as a whole (403); so is a list naming a request twice (400).',
        body: BulkBody,
        response: { 200: BulkResult, ...problemResponses(400, 401, 403) },
      },
    },
    async (request) => {
      const { action, items } = request.body;
      const seen = new Map<string, number>();
      const duplicates = items.flatMap((item, index) => {
        const first = seen.get(item.id);
        seen.set(item.id, first ?? index);
        return first === undefined
          ? []
          : [{ field: `items.${index}.id`, message: `names the request of items.${first} again`, code: 'duplicate' }];
      });
      if (duplicates.length > 0) throw new ValidationError('Each request may be named only once.', duplicates);

      const kind = TICKS[action];
      const workflowAction = action as WorkflowAction;
      if (kind) {
        if (!request.ability.can('tick', 'Request', kind)) throw new ForbiddenError();
      } else {
        if (!request.ability.can('act', 'Request')) throw new ForbiddenError();
        const byRole = roleRules(workflowAction, request.user!.role);
        if (byRole.length > 0) throw new WorkflowBlockedError(403, byRole);
      }

      const bulk = randomUUID();
      const results: BulkRowResult[] = [];
      for (const { id, version } of items) {
        try {
          const row = kind
            ? await changeTick(app.db, request, id, kind, { set: true, version }, { bulk })
            : await takeAction(app.db, request, id, workflowAction, { version }, { bulk });
          results.push({ id, outcome: 'done', stage: row.stage, version: row.version });
        } catch (error) {
          const url = kind ? `/api/requests/${id}/ticks/${kind}` : `/api/requests/${id}/actions/${action}`;
          results.push({ id, outcome: 'refused', problem: problemOf(rowError(request, error, id), url) });
        }
      }
      const done = results.filter((r) => r.outcome === 'done').length;
      return { action, bulkId: bulk, done, refused: results.length - done, results };
    },
  );
};

export default bulkRoutes;
