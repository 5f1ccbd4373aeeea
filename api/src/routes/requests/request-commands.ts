import { ForbiddenError as CaslForbiddenError, subject } from '@casl/ability';
import type { Database, DiplomaRequestRow, TickKind, WorkflowAction } from '@diploma-desk/db';
import type { FastifyRequest } from 'fastify';
import { type Kysely, sql, type Transaction } from 'kysely';
import { NotFoundError, VersionConflictError, WorkflowBlockedError } from '../../errors.ts';
import { audit } from '../../lib/audit.ts';
import { enqueueNotification } from '../../lib/outbox.ts';
import { decide, decideTick } from '../../workflow/workflow.ts';
import { toGraduateDto } from '../graduates/graduates.repository.ts';
import { loadFacts, lockRequest } from './requests.repository.ts';

/**
 * A workflow action and a tick on one request, each in a transaction of its own. The single routes and the
 * bulk route both call these, so a request is refused for the same reasons, in the same order, whichever way
 * the change was asked for. They throw the application's errors; the caller turns them into its answer.
 */

/** A change asked for as one row of a bulk call: its audit event names the call, so the rows can be grouped. */
export interface BulkOrigin {
  bulk: string;
}

/** The Solar Hijri year, for diploma numbers like 1405-000123. */
function solarYear(date: Date): string {
  return new Intl.DateTimeFormat('en-US-u-ca-persian-nu-latn', { year: 'numeric' }).format(date).replace(/\D/g, '');
}

/** Locks the request if the caller may see it; 404 otherwise, never revealing that it exists. */
export async function lockVisible(
  trx: Transaction<Database>,
  request: FastifyRequest,
  id: string,
): Promise<DiplomaRequestRow> {
  const row = await lockRequest(trx, id);
  if (!row || !request.ability.can('read', subject('Request', { ...row }))) throw new NotFoundError('The request');
  return row;
}

export async function takeAction(
  db: Kysely<Database>,
  request: FastifyRequest,
  id: string,
  action: WorkflowAction,
  input: { version: number; note?: string | undefined },
  origin?: BulkOrigin,
): Promise<DiplomaRequestRow> {
  const { version, note } = input;
  const role = request.user!.role;
  return db.transaction().execute(async (trx) => {
    const current = await lockVisible(trx, request, id);
    CaslForbiddenError.from(request.ability).throwUnlessCan('act', subject('Request', { ...current }));
    const facts = await loadFacts(trx, current);
    const decision = decide(action, role, facts, { note });
    // A role that may never take this action is told so whatever version it sent: "reload and try
    // again" would only send it back for the same refusal.
    if (!decision.ok && decision.status === 403) throw new WorkflowBlockedError(403, decision.unmet);
    if (current.version !== version) throw new VersionConflictError(current.version);
    if (!decision.ok) throw new WorkflowBlockedError(decision.status, decision.unmet);
    const now = new Date();
    const changes: Record<string, unknown> = {};
    if (decision.to !== current.stage) Object.assign(changes, { stage: decision.to, stageEnteredAt: now });
    if (action === 'confirm-details') {
      const graduate = await trx
        .selectFrom('graduates')
        .selectAll()
        .where('id', '=', current.graduateId)
        .executeTakeFirstOrThrow();
      const { version: _v, createdAt: _c, updatedAt: _u, ...details } = toGraduateDto(graduate);
      Object.assign(changes, { detailsConfirmedAt: now, confirmedDetails: JSON.stringify(details) });
    }
    if (action === 'start-printing') {
      const { rows } = await sql<{ n: string }>`SELECT nextval('diploma_number_seq') AS n`.execute(trx);
      const diplomaNumber = `${solarYear(now)}-${String(rows[0]?.n ?? '0').padStart(6, '0')}`;
      // The diploma carries the details the graduate confirmed, frozen now, never later edits.
      Object.assign(changes, {
        diplomaNumber,
        diplomaDetails: JSON.stringify({ diplomaNumber, ...(current.confirmedDetails as object) }),
      });
    }
    const updated = await trx
      .updateTable('diplomaRequests')
      .set((eb) => ({ ...changes, version: eb('version', '+', 1), updatedAt: now }))
      .where('id', '=', current.id)
      .returningAll()
      .executeTakeFirstOrThrow();
    await trx
      .insertInto('requestStageHistory')
      .values({
        requestId: current.id,
        fromStage: current.stage,
        toStage: updated.stage,
        action,
        actorId: request.user?.id ?? null,
        role: request.user?.role ?? null,
        note: note ?? null,
      })
      .execute();
    if (action === 'return') {
      await trx
        .insertInto('nextActions')
        .values({
          requestId: current.id,
          note: note!.trim(),
          createdBy: request.user?.id ?? null,
          resolvedAt: null,
          resolvedBy: null,
        })
        .execute();
      await enqueueNotification(trx, {
        graduateId: current.graduateId,
        requestId: current.id,
        template: 'request_returned',
        payload: { note: note!.trim() },
      });
    }
    if (action === 'submit' || action === 'withdraw') {
      await trx
        .updateTable('nextActions')
        .set({ resolvedAt: now, resolvedBy: request.user?.id ?? null })
        .where('requestId', '=', current.id)
        .where('resolvedAt', 'is', null)
        .execute();
    }
    if (action === 'mark-ready') {
      await enqueueNotification(trx, {
        graduateId: current.graduateId,
        requestId: current.id,
        template: 'ready_for_pickup',
        payload: { diplomaNumber: updated.diplomaNumber },
      });
    }
    await audit(trx, request, {
      action: `request.${action}`,
      subjectType: 'request',
      subjectId: current.id,
      requestId: current.id,
      before: { stage: current.stage, version: current.version },
      after: {
        stage: updated.stage,
        version: updated.version,
        ...(note ? { note } : {}),
        ...(updated.diplomaNumber !== current.diplomaNumber ? { diplomaNumber: updated.diplomaNumber } : {}),
        ...origin,
      },
    });
    return updated;
  });
}

export async function changeTick(
  db: Kysely<Database>,
  request: FastifyRequest,
  id: string,
  kind: TickKind,
  input: { set: boolean; reason?: string | undefined; version?: number | undefined },
  origin?: BulkOrigin,
): Promise<DiplomaRequestRow> {
  const { set, reason, version } = input;
  const role = request.user!.role;
  return db.transaction().execute(async (trx) => {
    const current = await lockVisible(trx, request, id);
    CaslForbiddenError.from(request.ability).throwUnlessCan('tick', subject('Request', { ...current }), kind);
    if (version !== undefined && current.version !== version) throw new VersionConflictError(current.version);
    const facts = await loadFacts(trx, current);
    const decision = decideTick(kind, set, role, facts, reason);
    if (!decision.ok) throw new WorkflowBlockedError(decision.status, decision.unmet);
    const column = kind === 'cancellation' ? 'cancellationTick' : 'welfareTick';
    const updated = await trx
      .updateTable('diplomaRequests')
      .set((eb) => ({ [column]: set, version: eb('version', '+', 1), updatedAt: new Date() }))
      .where('id', '=', current.id)
      .returningAll()
      .executeTakeFirstOrThrow();
    await trx
      .insertInto('tickEvents')
      .values({
        requestId: current.id,
        kind,
        set,
        reason: reason ?? null,
        actorId: request.user?.id ?? null,
        role: request.user?.role ?? null,
      })
      .execute();
    if (kind === 'cancellation' && set) {
      await enqueueNotification(trx, {
        graduateId: current.graduateId,
        requestId: current.id,
        template: 'cancellation_completed',
        payload: {},
      });
    }
    await audit(trx, request, {
      action: `tick.${kind}.${set ? 'set' : 'revoke'}`,
      subjectType: 'request',
      subjectId: current.id,
      requestId: current.id,
      before: { [kind]: !set, version: current.version },
      after: { [kind]: set, version: updated.version, ...(reason ? { reason } : {}), ...origin },
    });
    return updated;
  });
}
