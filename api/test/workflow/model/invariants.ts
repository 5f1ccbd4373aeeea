import type { CancellationRoute, DocumentKind, ReviewStatus, TickKind } from '@diploma-desk/db';
import { expect } from 'vitest';
import type { Real } from './commands.ts';
import {
  type InPerson,
  type Model,
  type ModelDoc,
  PAST_APPROVAL,
  requiredKinds,
  routeCodes,
  TICK_OFFICE,
  welfareCodes,
} from './rules.ts';

type Json = Record<string, unknown>;

/**
 * The request as its audit trail tells it, replayed event by event: whatever the rules demanded at the
 * moment of a tick, a submission or an approval is checked against the state of that moment, not today's.
 */
function replayAuditTrail(
  m: Model,
  events: Array<{ id: string; action: string; after: unknown; role: string | null }>,
) {
  const state: Model = {
    ...m,
    ticks: { cancellation: false, welfare: false },
    cancellation: { route: null, owed: 0n, paid: 0n, ref: null },
    welfare: { hasDebt: null, settled: false },
    docs: [],
  };
  const at = (id: string, what: string) => `audit event ${id} (${what})`;
  expect(events[0]?.action, 'the trail opens with request.open').toBe('request.open');
  expect(events.filter((e) => e.action === 'request.open')).toHaveLength(1);
  let approved = false;
  for (const e of events) {
    const after = (e.after ?? {}) as Json;
    const tick = /^tick\.(cancellation|welfare)\.(set|revoke)$/.exec(e.action);
    if (tick) {
      const kind = tick[1] as TickKind;
      expect(e.role, `${at(e.id, e.action)}: the tick is changed by its own office only`).toBe(TICK_OFFICE[kind]);
      expect(approved, `${at(e.id, e.action)}: no tick changes after approval`).toBe(false);
      if (tick[2] === 'set') {
        const unmet = kind === 'cancellation' ? routeCodes(state) : welfareCodes(state);
        expect(unmet, `${at(e.id, e.action)}: the tick was set on an incomplete record`).toEqual([]);
      }
      state.ticks[kind] = tick[2] === 'set';
      continue;
    }
    switch (e.action) {
      case 'document.upload': {
        expect(approved, `${at(e.id, e.action)}: no uploads after approval`).toBe(false);
        const kind = after.kind as DocumentKind;
        for (const d of state.docs) if (d.kind === kind) d.superseded = true;
        state.docs.push({
          id: String(after.id),
          kind,
          status: after.reviewStatus as ReviewStatus,
          inPerson: (after.inPerson as InPerson | null) ?? null,
          superseded: false,
          sha256: String(after.sha256),
        });
        break;
      }
      case 'document.review': {
        expect(approved, `${at(e.id, e.action)}: no reviews after approval`).toBe(false);
        const doc = state.docs.find((d) => d.id === after.id);
        expect(doc && !doc.superseded, `${at(e.id, e.action)}: only the current document is reviewed`).toBe(true);
        if (doc) {
          doc.status = after.reviewStatus as ReviewStatus;
          doc.inPerson = (after.inPerson as InPerson | null) ?? null;
        }
        break;
      }
      case 'cancellation.update':
        expect(approved, `${at(e.id, e.action)}: the case is frozen after approval`).toBe(false);
        state.cancellation = {
          route: (after.route as CancellationRoute | null) ?? null,
          owed: BigInt(String(after.amountOwed)),
          paid: BigInt(String(after.amountPaid)),
          ref: (after.paymentRef as string | null) ?? null,
        };
        break;
      case 'welfare.update':
        expect(approved, `${at(e.id, e.action)}: the welfare record is frozen after approval`).toBe(false);
        state.welfare = { hasDebt: after.hasDebt as boolean | null, settled: Boolean(after.settled) };
        break;
      case 'request.submit':
      case 'request.approve': {
        const approval = e.action === 'request.approve';
        const what = at(e.id, e.action);
        expect(state.ticks.cancellation, `${what}: the cancellation tick was set`).toBe(true);
        if (state.welfare.hasDebt !== false)
          expect(state.ticks.welfare, `${what}: the welfare tick was set`).toBe(true);
        for (const kind of requiredKinds(state)) {
          const doc = state.docs.find((d) => d.kind === kind && !d.superseded);
          if (approval) expect(doc?.status, `${what}: ${kind} was accepted`).toBe('accepted');
          else expect(doc && doc.status !== 'rejected', `${what}: ${kind} was there`).toBe(true);
        }
        // A tick is worth what it stands on: the case and the welfare record must still support it.
        expect(routeCodes(state), `${what}: the cancellation tick stands on a complete case`).toEqual([]);
        if (state.ticks.welfare) expect(welfareCodes(state), `${what}: the welfare tick stands`).toEqual([]);
        if (approval) approved = true;
        break;
      }
      case 'request.start-printing':
      case 'request.send-for-signature':
      case 'request.mark-ready':
      case 'request.deliver':
        expect(approved, `${at(e.id, e.action)}: only after approval`).toBe(true);
        break;
    }
  }
}

/** Checked after every step: the database holds exactly what the model says, and the rules held throughout. */
export async function checkInvariants(m: Model, r: Real): Promise<void> {
  const db = r.h.t.db;
  const id = m.requestId;
  const [row, cancellation, welfare, docs, history, ticks, sequenceEvents, nextActions, outbox] = await Promise.all([
    db.selectFrom('diplomaRequests').selectAll().where('id', '=', id).executeTakeFirstOrThrow(),
    db.selectFrom('cancellationCases').selectAll().where('requestId', '=', id).executeTakeFirstOrThrow(),
    db.selectFrom('welfareRecords').selectAll().where('requestId', '=', id).executeTakeFirstOrThrow(),
    db.selectFrom('documents').selectAll().where('requestId', '=', id).orderBy('uploadedAt').execute(),
    db.selectFrom('requestStageHistory').selectAll().where('requestId', '=', id).orderBy('id').execute(),
    db.selectFrom('tickEvents').selectAll().where('requestId', '=', id).orderBy('id').execute(),
    db
      .selectFrom('auditEvents')
      .select(['id', 'action', 'requestId', 'subjectId', 'after', 'role'])
      .where('id', '>', r.startEventId)
      .orderBy('id')
      .execute(),
    db.selectFrom('nextActions').select(['note', 'resolvedAt']).where('requestId', '=', id).execute(),
    db.selectFrom('notificationOutbox').select('template').where('requestId', '=', id).orderBy('id').execute(),
  ]);

  expect(
    { stage: row.stage, version: row.version, cancellation: row.cancellationTick, welfare: row.welfareTick },
    'the request row',
  ).toEqual({ stage: m.stage, version: m.version, ...m.ticks });
  expect(row.detailsConfirmedAt !== null, 'details confirmed').toBe(m.confirmed !== null);
  if (m.confirmed) expect(row.confirmedDetails).toMatchObject(m.confirmed);
  const printed = m.history.some((h) => h.action === 'start-printing');
  expect(row.diplomaNumber !== null, 'a diploma number from printing on').toBe(printed);
  // The diploma carries the details the graduate confirmed, never later edits.
  if (printed) expect(row.diplomaDetails).toMatchObject({ ...m.confirmed, diplomaNumber: row.diplomaNumber });

  expect({
    route: cancellation.route,
    owed: String(cancellation.amountOwed),
    paid: String(cancellation.amountPaid),
    ref: cancellation.paymentRef,
  }).toEqual({
    route: m.cancellation.route,
    owed: String(m.cancellation.owed),
    paid: String(m.cancellation.paid),
    ref: m.cancellation.ref,
  });
  expect({ hasDebt: welfare.hasDebt, settled: welfare.settled }).toEqual(m.welfare);

  const asModel = (d: ModelDoc) => ({
    id: d.id,
    kind: d.kind,
    status: d.status,
    inPerson: d.inPerson,
    superseded: d.superseded,
  });
  expect(
    docs
      .map((d) => ({
        id: d.id,
        kind: d.kind,
        status: d.reviewStatus,
        inPerson: d.inPerson ?? null,
        superseded: d.supersededAt !== null,
      }))
      .sort((a, b) => a.id.localeCompare(b.id)),
    'the documents',
  ).toEqual(m.docs.map(asModel).sort((a, b) => a.id.localeCompare(b.id)));

  // The stage history is exactly the opening and the successful workflow actions, in order.
  expect(
    history.map((h) => ({ from: h.fromStage, to: h.toStage, action: h.action, role: h.role })),
    'the stage history',
  ).toEqual([{ from: null, to: 'draft', action: 'open', role: history[0]?.role ?? null }, ...m.history]);

  // Every tick change was made by the office that owns the tick.
  for (const t of ticks) expect(t.role, `a ${t.kind} tick event`).toBe(TICK_OFFICE[t.kind]);
  expect(
    ticks.map((t) => ({ kind: t.kind, set: t.set, role: t.role })),
    'the tick events',
  ).toEqual(m.tickLog);

  // The audit log holds exactly the opening and the successful calls of the sequence, in order, each about
  // this request (corrections: about its graduate).
  expect(
    sequenceEvents.map((e) => e.action),
    'the audit events of the sequence',
  ).toEqual(m.events);
  for (const e of sequenceEvents) {
    if (e.action.startsWith('correction.')) expect(e.subjectId).toBe(m.graduateId);
    else expect(e.requestId, e.action).toBe(id);
  }
  replayAuditTrail(
    m,
    sequenceEvents.filter((e) => e.requestId === id),
  );

  // The next action the graduate sees is open exactly while the request is returned to them.
  expect(nextActions.filter((a) => a.resolvedAt === null).length, 'open next actions').toBe(
    m.stage === 'returned' ? 1 : 0,
  );
  expect(nextActions).toHaveLength(m.history.filter((h) => h.action === 'return').length);
  // The graduate is told of a return, of the cancellation tick and of the diploma being ready: once each time.
  const told: Record<string, string> = {
    'request.return': 'request_returned',
    'tick.cancellation.set': 'cancellation_completed',
    'request.mark-ready': 'ready_for_pickup',
  };
  expect(
    outbox.map((o) => o.template),
    'the notifications',
  ).toEqual(m.events.flatMap((e) => (told[e] ? [told[e]] : [])));

  // Past approval, today's state still shows what the approval rested on: it can no longer change.
  if (PAST_APPROVAL.includes(m.stage)) {
    expect(row.cancellationTick).toBe(true);
    if (welfare.hasDebt !== false) expect(row.welfareTick).toBe(true);
    for (const kind of requiredKinds(m)) {
      expect(docs.find((d) => d.kind === kind && d.supersededAt === null)?.reviewStatus, `${kind} past approval`).toBe(
        'accepted',
      );
    }
  }
}
