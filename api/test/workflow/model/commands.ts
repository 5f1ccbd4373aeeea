import { createHash, randomUUID } from 'node:crypto';
import {
  ACTIONS,
  type CancellationRoute,
  DOCUMENT_KINDS,
  type DocumentKind,
  documentOffice,
  ROUTES,
  type TickKind,
  type WorkflowAction,
} from '@diploma-desk/db';
import fc from 'fast-check';
import type { InjectOptions, LightMyRequestResponse } from 'fastify';
import { expect } from 'vitest';
import { pdfBytes, uploadBody } from '../../fixtures.ts';
import type { TestApp } from '../../helpers.ts';
import { checkInvariants } from './invariants.ts';
import {
  ACTORS,
  type Actor,
  currentDoc,
  type Details,
  expectAction,
  expectCasePart,
  expectCorrection,
  expectCorrectionReview,
  expectedActions,
  expectRead,
  expectReview,
  expectTick,
  expectUpload,
  expectView,
  type FileKind,
  type InPerson,
  type Model,
  type ModelDoc,
  type Outcome,
  requiredKinds,
  routeCodes,
  sameDetails,
  TICK_OFFICE,
  TRANSITIONS,
  tickSetCodes,
  type VersionMode,
} from './rules.ts';

/** The system under test: one app and database for the whole run, the cookies of everyone who calls it. */
export interface Real {
  h: TestApp;
  cookies: Record<Actor, string>;
  /** The last audit event before the request was opened: every later one must be one the model expects. */
  startEventId: string;
  /** How each kind of call was answered, over the whole run: proof that refusals were exercised too. */
  tally: Map<string, Map<number, number>>;
  /** The calls of this sequence as made, for a failure to show (a `progress` command names no call). */
  trail: string[];
}

/** `proper`: whoever the rules give the call to (the owner of the tick, the office of the document…). */
type Who = Actor | 'proper';
type Text = 'text' | 'blank' | 'none';

export type Op =
  | { t: 'action'; who: Who; action: WorkflowAction | 'next'; version: VersionMode; note: Text }
  | { t: 'tick'; who: Who; kind: TickKind; set: boolean | 'flip'; reason: Text; version: VersionMode | 'omitted' }
  | {
      t: 'case';
      who: Who;
      /** `keep`: the route on record (a first one picked by `pick`), so that a case gets completed. */
      route: CancellationRoute | null | 'keep';
      pick: number;
      owed: number;
      paid: 'all' | 'part' | 'none';
      ref: boolean;
      version: VersionMode;
    }
  | { t: 'welfare'; who: Who; hasDebt: boolean | null; settled: boolean; version: VersionMode }
  | { t: 'upload'; who: Who; kind: DocumentKind | 'useful'; pick: number; file: FileKind; ifMatch: VersionMode }
  | {
      t: 'review';
      who: Who;
      doc: 'pending' | 'any' | 'unknown';
      pick: number;
      decision: 'accepted' | 'rejected';
      note: Text;
      inPerson: 'auto' | 'none' | InPerson;
      version: VersionMode | 'omitted';
    }
  | { t: 'correct'; who: Who; changes: Partial<Details> }
  | { t: 'correction-review'; who: Who; pick: number | 'unknown'; decision: 'accepted' | 'rejected'; note: Text }
  | { t: 'view'; who: Who; pick: number | 'unknown' }
  | { t: 'inspect'; who: Actor }
  /** Whatever the request needs next, by whoever must do it: keeps sequences moving through the stages. */
  | { t: 'progress'; pick: number };

const ROLE_OF = (who: Actor) => (who === 'other_graduate' ? 'graduate' : who);
const textOf = (t: Text, text: string) => (t === 'text' ? text : t === 'blank' ? '   ' : undefined);
const versionOf = (m: Model, mode: VersionMode | 'omitted') =>
  mode === 'current' ? m.version : mode === 'stale' ? (m.version > 1 ? m.version - 1 : m.version + 1) : undefined;
const sha256 = (data: Buffer) => createHash('sha256').update(data).digest('hex');
/** The model as a change would leave it, for rules that look at the result of a change. */
function preview(m: Model, change: (next: Model) => void): Model {
  const next = structuredClone(m);
  change(next);
  return next;
}
const supersede = (m: Model, kind: DocumentKind) => {
  for (const doc of m.docs) if (doc.kind === kind) doc.superseded = true;
};

/** The next step on the way to delivery, so that sequences get far enough to test the later stages. */
function nextAction(m: Model): WorkflowAction {
  switch (m.stage) {
    case 'draft':
    case 'returned':
      return sameDetails(m.confirmed, m.details) ? 'submit' : 'confirm-details';
    case 'submitted':
      return 'start-review';
    case 'under_review':
      return 'approve';
    case 'approved':
      return 'start-printing';
    case 'printing':
      return 'send-for-signature';
    case 'signing':
      return 'mark-ready';
    case 'ready':
      return 'deliver';
    default:
      return 'withdraw';
  }
}

/** The documents still missing for the request or for the cancellation route on record. */
function usefulKinds(m: Model): DocumentKind[] {
  const wanted = [...requiredKinds(m), ...(m.cancellation.route ? ROUTE_KINDS[m.cancellation.route] : [])];
  const needed = wanted.filter((kind) => {
    const doc = currentDoc(m, kind);
    return !doc || doc.status === 'rejected';
  });
  return needed.length > 0 ? needed : wanted;
}

function pickFrom<T>(list: readonly T[], n: number): T | undefined {
  return list.length === 0 ? undefined : list[n % list.length];
}

const codesOf = (unmet: Array<{ code: string; params?: { kind?: string } }> | undefined) =>
  (unmet ?? []).map((u) => (u.params?.kind && u.code.startsWith('document_') ? `${u.code}:${u.params.kind}` : u.code));

function checkOutcome(res: LightMyRequestResponse, expected: Outcome, label: string) {
  const why = `${label} → ${res.statusCode} ${res.body.slice(0, 600)}`;
  expect(res.statusCode, why).toBe(expected.status);
  if ('type' in expected && expected.type) expect(res.json().type, why).toBe(`/api/problems/${expected.type}`);
  if ('unmet' in expected) expect(codesOf(res.json().unmet).sort(), why).toEqual([...expected.unmet].sort());
}

/** Runs one call as `who`, checks its answer against the model, and on success lets `apply` update the model. */
async function step(
  m: Model,
  r: Real,
  who: Actor,
  label: string,
  options: InjectOptions,
  expected: Outcome,
  apply: (res: LightMyRequestResponse) => void,
) {
  const res = await r.h.call(r.cookies[who], options);
  const words = label.split(' ');
  const kind = (words[0] === 'action' ? words[1] : words[0]) ?? label;
  const counts = r.tally.get(kind) ?? new Map<number, number>();
  counts.set(res.statusCode, (counts.get(res.statusCode) ?? 0) + 1);
  r.tally.set(kind, counts);
  r.trail.push(`${label} as ${who} → ${res.statusCode}`);
  try {
    checkOutcome(res, expected, `${label} as ${who}`);
    if ('events' in expected) {
      apply(res);
      m.events.push(...expected.events);
    }
    await checkInvariants(m, r);
  } catch (error) {
    if (error instanceof Error) {
      error.message = `${error.message}\nThe calls of the sequence:\n${r.trail.map((c, i) => `  ${i + 1}. ${c}`).join('\n')}`;
    }
    throw error;
  }
}

/** Checks that a write answered with the request as the model now has it. */
function expectDetail(m: Model, body: { stage: string; version: number; ticks: Record<TickKind, { set: boolean }> }) {
  expect({ stage: body.stage, version: body.version }).toEqual({ stage: m.stage, version: m.version });
  expect({ cancellation: body.ticks.cancellation.set, welfare: body.ticks.welfare.set }).toEqual(m.ticks);
}

const DUMMY_PNG = Buffer.concat([
  Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]),
  Buffer.from('IHDR model-test'),
]);

const ROUTE_KINDS: Record<CancellationRoute, DocumentKind[]> = {
  employment: ['employment_certificate', 'insurance_record'],
  government_employment: ['employment_decree'],
  non_employment: ['non_employment_letter'],
  scholarship: ['scholarship_release'],
};

/** The calls that would bring the request closer to delivery now; `pick` chooses among them. */
function progressOp(m: Model, pick: number): Op {
  const good = { who: 'proper', version: 'current' } as const;
  const upload = (kind: DocumentKind): Op => ({ t: 'upload', ...good, kind, pick, file: 'pdf', ifMatch: 'missing' });
  const review = (doc: ModelDoc): Op => ({
    t: 'review',
    ...good,
    doc: 'any',
    pick: m.docs.indexOf(doc),
    decision: 'accepted',
    note: 'none',
    inPerson: 'auto',
  });
  /** A document the request needs: uploaded if missing or rejected, reviewed if pending. */
  const needDoc = (kind: DocumentKind): Op | undefined => {
    const doc = currentDoc(m, kind);
    if (!doc || doc.status === 'rejected') return upload(kind);
    return doc.status === 'pending' ? review(doc) : undefined;
  };
  const options: Op[] = [];
  if (m.stage === 'draft' || m.stage === 'returned') {
    if (m.ticks.cancellation && pick % 9 === 0) {
      return { t: 'tick', ...good, kind: 'cancellation', set: false, reason: 'text' };
    }
    const pending = m.corrections.findIndex((c) => c.status === 'pending');
    if (pending >= 0) {
      return {
        t: 'correction-review',
        who: 'proper',
        pick: 0,
        decision: pick % 2 ? 'accepted' : 'rejected',
        note: 'text',
      };
    }
    if (!m.ticks.cancellation) {
      const route = m.cancellation.route;
      if (route === null || (route === 'scholarship' && m.cancellation.ref === null)) {
        const chosen = route ?? ROUTES[pick % ROUTES.length]!;
        options.push({
          t: 'case',
          ...good,
          route: chosen,
          pick,
          owed: chosen === 'scholarship' ? 12_500_000 : 0,
          paid: 'all',
          ref: true,
        });
      } else {
        const docs = ROUTE_KINDS[route].map(needDoc).filter((o) => o !== undefined);
        const unmet = routeCodes(m);
        const letter = currentDoc(m, 'non_employment_letter');
        if (docs.length > 0) options.push(...docs);
        else if (unmet.length === 0)
          options.push({ t: 'tick', ...good, kind: 'cancellation', set: true, reason: 'none' });
        else if (unmet.includes('in_person_check_missing') && letter) options.push(review(letter));
        else options.push({ t: 'case', ...good, route, pick, owed: 12_500_000, paid: 'all', ref: true });
      }
    }
    if (m.welfare.hasDebt === null || (m.welfare.hasDebt && !m.welfare.settled)) {
      options.push({ t: 'welfare', ...good, hasDebt: pick % 3 === 0, settled: pick % 3 === 0 });
    } else if (m.welfare.hasDebt && !m.ticks.welfare) {
      options.push({ t: 'tick', ...good, kind: 'welfare', set: true, reason: 'none' });
    }
    for (const kind of requiredKinds(m)) {
      const doc = currentDoc(m, kind);
      if (!doc || doc.status === 'rejected') options.push(upload(kind));
    }
    if (options.length > 0) return options[pick % options.length]!;
    return {
      t: 'action',
      ...good,
      action: sameDetails(m.confirmed, m.details) ? 'submit' : 'confirm-details',
      note: 'none',
    };
  }
  // Now and then a detour: the Graduate Office returns the request (above: an office takes its tick back).
  if ((m.stage === 'submitted' || m.stage === 'under_review') && pick % 6 === 0) {
    return { t: 'action', ...good, action: 'return', note: 'text' };
  }
  if (m.stage === 'under_review') {
    for (const kind of requiredKinds(m)) {
      const op = needDoc(kind);
      if (op) options.push(op);
    }
    const pending = m.corrections.findIndex((c) => c.status === 'pending');
    if (pending >= 0)
      options.push({ t: 'correction-review', who: 'proper', pick: 0, decision: 'rejected', note: 'text' });
    if (options.length > 0) return options[pick % options.length]!;
  }
  return { t: 'action', ...good, action: 'next', note: 'text' };
}

async function run(op: Op, m: Model, r: Real): Promise<void> {
  const base = `/api/requests/${m.requestId}`;
  switch (op.t) {
    case 'action': {
      const action = op.action === 'next' ? nextAction(m) : op.action;
      const who = op.who === 'proper' ? (TRANSITIONS[action].by[0] ?? 'graduate_officer') : op.who;
      const note = textOf(op.note, 'لطفاً برگهٔ لغو تعهد را دوباره بارگذاری کنید.');
      const version = versionOf(m, op.version);
      const expected = expectAction(m, who, action, op.version, note);
      return step(
        m,
        r,
        who,
        `action ${action}`,
        {
          method: 'POST',
          url: `${base}/actions/${action}`,
          payload: { ...(version === undefined ? {} : { version }), ...(note === undefined ? {} : { note }) },
        },
        expected,
        (res) => {
          const to = TRANSITIONS[action].to ?? m.stage;
          m.history.push({ from: m.stage, to, action, role: ROLE_OF(who) });
          m.stage = to;
          m.version += 1;
          if (action === 'confirm-details') m.confirmed = { ...m.details };
          expectDetail(m, res.json());
        },
      );
    }
    case 'tick': {
      const who = op.who === 'proper' ? TICK_OFFICE[op.kind] : op.who;
      const set = op.set === 'flip' ? !m.ticks[op.kind] : op.set;
      const reason = textOf(op.reason, 'نامهٔ عدم اشتغال جعلی بود.');
      const version = versionOf(m, op.version);
      const expected = expectTick(m, who, op.kind, set, reason, op.version === 'omitted' ? 'current' : op.version);
      return step(
        m,
        r,
        who,
        `${set ? 'set' : 'revoke'} ${op.kind} tick`,
        {
          method: 'POST',
          url: `${base}/ticks/${op.kind}`,
          payload: {
            set,
            ...(reason === undefined ? {} : { reason }),
            ...(version === undefined ? {} : { version }),
          },
        },
        expected,
        (res) => {
          m.ticks[op.kind] = set;
          m.tickLog.push({ kind: op.kind, set, role: ROLE_OF(who) });
          m.version += 1;
          expectDetail(m, res.json());
        },
      );
    }
    case 'case': {
      const who = op.who === 'proper' ? 'free_education_officer' : op.who;
      const route = op.route === 'keep' ? (m.cancellation.route ?? ROUTES[op.pick % ROUTES.length]!) : op.route;
      const owed = BigInt(route === 'scholarship' && op.route === 'keep' ? op.owed || 4_000_000 : op.owed);
      const paid = op.paid === 'all' ? owed : op.paid === 'part' ? owed / 2n : 0n;
      const ref = op.ref ? 'PAY-4031-77' : null;
      const version = versionOf(m, op.version);
      return step(
        m,
        r,
        who,
        `cancellation case ${route} owed ${owed} paid ${paid} ref ${ref}`,
        {
          method: 'PUT',
          url: `${base}/cancellation`,
          payload: {
            ...(version === undefined ? {} : { version }),
            route,
            saorgTrackingCode: 'SAORG-1403',
            amountOwed: String(owed),
            amountPaid: String(paid),
            paymentRef: ref,
          },
        },
        expectCasePart(
          m,
          who,
          'cancellation',
          op.version,
          false,
          preview(m, (x) => {
            x.cancellation = { route, owed, paid, ref };
          }),
        ),
        (res) => {
          m.cancellation = { route, owed, paid, ref };
          m.version += 1;
          expectDetail(m, res.json());
        },
      );
    }
    case 'welfare': {
      const who = op.who === 'proper' ? 'welfare_officer' : op.who;
      const version = versionOf(m, op.version);
      const invalid = op.settled && op.hasDebt !== true;
      return step(
        m,
        r,
        who,
        `welfare record debt ${op.hasDebt} settled ${op.settled}`,
        {
          method: 'PUT',
          url: `${base}/welfare`,
          payload: { ...(version === undefined ? {} : { version }), hasDebt: op.hasDebt, settled: op.settled },
        },
        expectCasePart(
          m,
          who,
          'welfare',
          op.version,
          invalid,
          preview(m, (x) => {
            x.welfare = { hasDebt: op.hasDebt, settled: op.settled };
          }),
        ),
        (res) => {
          m.welfare = { hasDebt: op.hasDebt, settled: op.settled };
          m.version += 1;
          expectDetail(m, res.json());
        },
      );
    }
    case 'upload': {
      const kind = op.kind === 'useful' ? (pickFrom(usefulKinds(m), op.pick) ?? 'transcript') : op.kind;
      const who =
        op.who === 'proper'
          ? m.stage === 'draft' || m.stage === 'returned'
            ? 'graduate'
            : 'graduate_officer'
          : op.who;
      const data = op.file === 'pdf' ? pdfBytes() : op.file === 'png' ? DUMMY_PNG : Buffer.from('not a scan\n');
      const body = uploadBody(kind, data, op.file === 'png' ? 'scan.png' : 'scan.pdf');
      const version = versionOf(m, op.ifMatch);
      return step(
        m,
        r,
        who,
        `upload ${kind} (${op.file}, If-Match ${op.ifMatch})`,
        {
          method: 'POST',
          url: `${base}/documents`,
          payload: body.payload,
          headers: { ...body.headers, ...(version === undefined ? {} : { 'if-match': `"${version}"` }) },
        },
        expectUpload(
          m,
          who,
          op.ifMatch,
          op.file,
          preview(m, (x) => {
            supersede(x, kind);
            x.docs.push({ id: 'new', kind, status: 'pending', inPerson: null, superseded: false, sha256: '' });
          }),
        ),
        (res) => {
          supersede(m, kind);
          const created = res.json();
          m.docs.push({
            id: created.id,
            kind,
            status: 'pending',
            inPerson: null,
            superseded: false,
            sha256: sha256(data),
          });
          m.version += 1;
          expect(created.requestVersion).toBe(m.version);
        },
      );
    }
    case 'review': {
      const pool = op.doc === 'pending' ? m.docs.filter((d) => !d.superseded && d.status === 'pending') : m.docs;
      const doc: ModelDoc | undefined =
        op.doc === 'unknown' ? undefined : (pickFrom(pool, op.pick) ?? pickFrom(m.docs, op.pick));
      const who = op.who === 'proper' ? (doc ? documentOffice(doc.kind) : 'graduate_officer') : op.who;
      const note = textOf(op.note, 'تصویر خوانا نیست.');
      const inPerson =
        op.inPerson === 'none'
          ? undefined
          : op.inPerson === 'auto'
            ? doc?.kind === 'non_employment_letter'
              ? { presentedByGraduate: true, originalNationalIdChecked: true, originalSeen: true }
              : undefined
            : op.inPerson;
      const version = versionOf(m, op.version);
      const expected = expectReview(
        m,
        who,
        doc,
        op.decision,
        note,
        inPerson,
        op.version === 'omitted' ? 'current' : op.version,
        preview(m, (x) => {
          const reviewed = x.docs.find((d) => d.id === doc?.id);
          if (!reviewed) return;
          reviewed.status = op.decision;
          reviewed.inPerson = inPerson ?? reviewed.inPerson;
        }),
      );
      return step(
        m,
        r,
        who,
        `review ${doc ? `${doc.kind}${doc.superseded ? ' (superseded)' : ''}` : 'unknown document'}: ${op.decision}${inPerson ? ` in person ${JSON.stringify(inPerson)}` : ''}`,
        {
          method: 'POST',
          url: `/api/documents/${doc?.id ?? randomUUID()}/review`,
          payload: {
            decision: op.decision,
            ...(note === undefined ? {} : { note }),
            ...(inPerson === undefined ? {} : { inPerson }),
            ...(version === undefined ? {} : { version }),
          },
        },
        expected,
        (res) => {
          if (!doc) return;
          doc.status = op.decision;
          doc.inPerson = inPerson ?? doc.inPerson;
          m.version += 1;
          expect(res.json().requestVersion).toBe(m.version);
        },
      );
    }
    case 'correct': {
      const who = op.who === 'proper' ? 'graduate' : op.who;
      return step(
        m,
        r,
        who,
        `correction ${JSON.stringify(op.changes)}`,
        { method: 'POST', url: `/api/graduates/${m.graduateId}/corrections`, payload: { changes: op.changes } },
        expectCorrection(who),
        (res) => {
          m.corrections.push({ id: res.json().id, status: 'pending', changes: op.changes });
        },
      );
    }
    case 'correction-review': {
      const pending = m.corrections.filter((c) => c.status === 'pending');
      const correction =
        op.pick === 'unknown' ? undefined : (pickFrom(pending, op.pick) ?? pickFrom(m.corrections, op.pick));
      const who = op.who === 'proper' ? 'graduate_officer' : op.who;
      const note = textOf(op.note, 'با شناسنامه نمی‌خواند.');
      return step(
        m,
        r,
        who,
        `correction-review ${op.decision}${correction ? ` (${correction.status})` : ' (unknown)'}`,
        {
          method: 'POST',
          url: `/api/corrections/${correction?.id ?? randomUUID()}/review`,
          payload: { decision: op.decision, ...(note === undefined ? {} : { note }) },
        },
        expectCorrectionReview(who, correction, op.decision, note),
        () => {
          if (!correction) return;
          correction.status = op.decision;
          if (op.decision === 'accepted') m.details = { ...m.details, ...correction.changes };
        },
      );
    }
    case 'view': {
      const doc = op.pick === 'unknown' ? undefined : pickFrom(m.docs, op.pick);
      const who = op.who === 'proper' ? 'graduate' : op.who;
      return step(
        m,
        r,
        who,
        `view ${doc?.kind ?? 'unknown document'}`,
        { method: 'GET', url: `/api/documents/${doc?.id ?? randomUUID()}/file` },
        expectView(who, doc),
        (res) => {
          expect(sha256(res.rawPayload)).toBe(doc?.sha256);
        },
      );
    }
    case 'progress':
      return run(progressOp(m, op.pick), m, r);
    case 'inspect': {
      return step(m, r, op.who, 'read the request', { method: 'GET', url: base }, expectRead(op.who), (res) => {
        const detail = res.json();
        expectDetail(m, detail);
        const { allowed, waiting } = expectedActions(m, op.who);
        expect(detail.allowedActions, `allowedActions for ${op.who}`).toEqual(allowed);
        const blocked = Object.fromEntries(
          Object.entries(detail.blockedActions as Record<string, Array<{ code: string }>>).map(([a, unmet]) => [
            a,
            codesOf(unmet).sort(),
          ]),
        );
        expect(blocked, `blockedActions for ${op.who}`).toEqual(waiting);
        for (const kind of ['cancellation', 'welfare'] as const) {
          expect(codesOf(detail.tickRules[kind]).sort(), `tickRules.${kind}`).toEqual(tickSetCodes(m, kind).sort());
        }
        expect([...detail.requiredDocuments].sort()).toEqual(requiredKinds(m).sort());
      });
    }
  }
}

export class ModelCommand implements fc.AsyncCommand<Model, Real> {
  constructor(readonly op: Op) {}
  check() {
    return true;
  }
  run(m: Model, r: Real) {
    return run(this.op, m, r);
  }
  toString() {
    return JSON.stringify(this.op);
  }
}

// ---- arbitraries: mostly the call the rules expect, by the right person; often not. ----

const who = fc.oneof(
  { weight: 4, arbitrary: fc.constant<Who>('proper') },
  { weight: 1, arbitrary: fc.constantFrom<Who>(...ACTORS) },
);
const version = fc.oneof(
  { weight: 10, arbitrary: fc.constant<VersionMode>('current') },
  { weight: 1, arbitrary: fc.constant<VersionMode>('stale') },
  { weight: 1, arbitrary: fc.constant<VersionMode>('missing') },
);
const optionalVersion = fc.oneof(
  { weight: 4, arbitrary: fc.constant<'omitted'>('omitted') },
  { weight: 4, arbitrary: fc.constant<VersionMode>('current') },
  { weight: 1, arbitrary: fc.constant<VersionMode>('stale') },
);
const text = fc.oneof(
  { weight: 6, arbitrary: fc.constant<Text>('text') },
  { weight: 1, arbitrary: fc.constantFrom<Text>('blank', 'none') },
);
const bool = fc.boolean();

const action = fc.record({
  t: fc.constant('action' as const),
  who,
  action: fc.oneof(
    { weight: 4, arbitrary: fc.constant<'next'>('next') },
    { weight: 1, arbitrary: fc.constantFrom<WorkflowAction>(...ACTIONS) },
  ),
  version,
  note: text,
});
const tick = fc.record({
  t: fc.constant('tick' as const),
  who,
  kind: fc.constantFrom<TickKind>('cancellation', 'welfare'),
  set: fc.oneof(
    { weight: 6, arbitrary: fc.constant(true) },
    { weight: 2, arbitrary: fc.constant(false) },
    { weight: 1, arbitrary: fc.constant<'flip'>('flip') },
  ),
  reason: text,
  version: optionalVersion,
});
const cancellationCase = fc.record({
  t: fc.constant('case' as const),
  who,
  route: fc.oneof(
    { weight: 3, arbitrary: fc.constant<'keep'>('keep') },
    { weight: 2, arbitrary: fc.constantFrom<CancellationRoute | null>(...ROUTES, null) },
  ),
  pick: fc.nat(),
  owed: fc.constantFrom(0, 0, 12_500_000),
  paid: fc.constantFrom<'all' | 'part' | 'none'>('all', 'all', 'all', 'part', 'none'),
  ref: fc.oneof({ weight: 3, arbitrary: fc.constant(true) }, { weight: 1, arbitrary: fc.constant(false) }),
  version,
});
const welfare = fc
  .record({
    t: fc.constant('welfare' as const),
    who,
    record: fc.oneof(
      { weight: 3, arbitrary: fc.constant([false, false] as const) },
      { weight: 2, arbitrary: fc.constant([true, true] as const) },
      { weight: 1, arbitrary: fc.constantFrom([true, false] as const, [null, false] as const, [false, true] as const) },
    ),
    version,
  })
  .map(({ record: [hasDebt, settled], ...rest }) => ({ ...rest, hasDebt, settled }));
const upload = fc.record({
  t: fc.constant('upload' as const),
  who,
  kind: fc.oneof(
    { weight: 5, arbitrary: fc.constant<'useful'>('useful') },
    { weight: 1, arbitrary: fc.constantFrom<DocumentKind>(...DOCUMENT_KINDS) },
  ),
  pick: fc.nat(),
  file: fc.constantFrom<FileKind>('pdf', 'pdf', 'pdf', 'pdf', 'png', 'text'),
  ifMatch: fc.constantFrom<VersionMode>('missing', 'missing', 'current', 'stale'),
});
const inPersonCheck = fc.record({
  presentedByGraduate: bool,
  originalNationalIdChecked: bool,
  originalSeen: bool,
});
const review = fc.record({
  t: fc.constant('review' as const),
  who,
  doc: fc.constantFrom<'pending' | 'any' | 'unknown'>('pending', 'pending', 'pending', 'any', 'unknown'),
  pick: fc.nat(),
  decision: fc.constantFrom<'accepted' | 'rejected'>('accepted', 'accepted', 'accepted', 'rejected'),
  note: text,
  inPerson: fc.oneof(
    { weight: 6, arbitrary: fc.constant<'auto'>('auto') },
    { weight: 1, arbitrary: fc.constant<'none'>('none') },
    { weight: 2, arbitrary: inPersonCheck },
  ),
  version: optionalVersion,
});
const correct = fc.record({
  t: fc.constant('correct' as const),
  who,
  changes: fc
    .record(
      {
        firstName: fc.constantFrom('سارا', 'مریم', 'زهرا'),
        lastName: fc.constantFrom('کریمی', 'احمدی'),
        fatherName: fc.constantFrom('علی', 'رضا'),
        birthDate: fc.constantFrom('1996-03-21', '1995-09-23'),
      },
      { requiredKeys: [] },
    )
    .filter((c) => Object.keys(c).length > 0),
});
const correctionReview = fc.record({
  t: fc.constant('correction-review' as const),
  who,
  pick: fc.oneof({ weight: 5, arbitrary: fc.nat() }, { weight: 1, arbitrary: fc.constant<'unknown'>('unknown') }),
  decision: fc.constantFrom<'accepted' | 'rejected'>('accepted', 'rejected'),
  note: text,
});
const view = fc.record({
  t: fc.constant('view' as const),
  who,
  pick: fc.oneof({ weight: 5, arbitrary: fc.nat() }, { weight: 1, arbitrary: fc.constant<'unknown'>('unknown') }),
});
const inspect = fc.record({ t: fc.constant('inspect' as const), who: fc.constantFrom(...ACTORS) });
const progress = fc.record({ t: fc.constant('progress' as const), pick: fc.nat() });

/** Weighted towards what moves a request forward, so that most sequences reach the later stages. */
export const commandArb = fc
  .oneof(
    { weight: 8, arbitrary: action },
    { weight: 4, arbitrary: tick },
    { weight: 3, arbitrary: cancellationCase },
    { weight: 3, arbitrary: welfare },
    { weight: 7, arbitrary: upload },
    { weight: 7, arbitrary: review },
    { weight: 1, arbitrary: correct },
    { weight: 1, arbitrary: correctionReview },
    { weight: 1, arbitrary: view },
    { weight: 4, arbitrary: inspect },
    { weight: 30, arbitrary: progress },
  )
  .map((op: Op) => new ModelCommand(op));
