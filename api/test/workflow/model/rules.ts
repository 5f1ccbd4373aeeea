import {
  type CancellationRoute,
  type DocumentKind,
  documentOffice,
  type ReviewStatus,
  type Stage,
  type TickKind,
  type WorkflowAction,
} from '@diploma-desk/db';

/**
 * What SHOULD happen to one diploma request, written from DOMAIN.md and API.md and not from the workflow
 * module: the model-based test compares every answer of the real API with these rules. Only the names
 * (stages, kinds, which office owns a document kind) come from the shared domain list.
 */

/** Who makes a call: the request's graduate, another graduate, each office, the auditor and the admin. */
export const ACTORS = [
  'graduate',
  'other_graduate',
  'graduate_officer',
  'free_education_officer',
  'welfare_officer',
  'auditor',
  'admin',
] as const;
export type Actor = (typeof ACTORS)[number];

export interface InPerson {
  presentedByGraduate: boolean;
  originalNationalIdChecked: boolean;
  originalSeen: boolean;
}

export interface ModelDoc {
  id: string;
  kind: DocumentKind;
  status: ReviewStatus;
  inPerson: InPerson | null;
  superseded: boolean;
  sha256: string;
}

export interface Details {
  firstName: string;
  lastName: string;
  fatherName: string;
  birthDate: string;
}

export interface Model {
  requestId: string;
  graduateId: string;
  gender: 'male' | 'female';
  provisional: boolean;
  stage: Stage;
  version: number;
  ticks: Record<TickKind, boolean>;
  cancellation: { route: CancellationRoute | null; owed: bigint; paid: bigint; ref: string | null };
  welfare: { hasDebt: boolean | null; settled: boolean };
  docs: ModelDoc[];
  details: Details;
  /** The details as the graduate last confirmed them; null before any confirmation. */
  confirmed: Details | null;
  corrections: Array<{ id: string; status: 'pending' | 'accepted' | 'rejected'; changes: Partial<Details> }>;
  /** Every successful workflow action, as the stage history must hold it (after the opening row). */
  history: Array<{ from: Stage; to: Stage; action: WorkflowAction; role: string }>;
  /** Every successful tick change, with the role that made it. */
  tickLog: Array<{ kind: TickKind; set: boolean; role: string }>;
  /** The audit actions every successful call of the sequence must have written, in order. */
  events: string[];
}

/** What a call must answer. */
export type Outcome =
  | { status: 200 | 201; events: string[] }
  | { status: 400 | 403 | 404 | 415; type?: string }
  | { status: 403 | 409; type: 'workflow-blocked'; unmet: string[] }
  | { status: 409; type: 'stale-version' | 'document-superseded' | 'already-reviewed' };

export const PRE_APPROVAL: readonly Stage[] = ['draft', 'submitted', 'under_review', 'returned'];
/** From approval on, nothing the approval rested on may change (DOMAIN.md §3). */
export const PAST_APPROVAL: readonly Stage[] = ['approved', 'printing', 'signing', 'ready', 'delivered'];
const IN_GRADUATES_HANDS: readonly Stage[] = ['draft', 'returned'];

export const TICK_OFFICE: Record<TickKind, Actor> = {
  cancellation: 'free_education_officer',
  welfare: 'welfare_officer',
};

/** The workflow's transitions, written out from API.md's list of actions. */
export const TRANSITIONS: Record<WorkflowAction, { from: readonly Stage[]; to: Stage | null; by: readonly Actor[] }> = {
  'confirm-details': { from: IN_GRADUATES_HANDS, to: null, by: ['graduate'] },
  submit: { from: IN_GRADUATES_HANDS, to: 'submitted', by: ['graduate'] },
  'start-review': { from: ['submitted'], to: 'under_review', by: ['graduate_officer'] },
  return: { from: ['submitted', 'under_review'], to: 'returned', by: ['graduate_officer'] },
  approve: { from: ['under_review'], to: 'approved', by: ['graduate_officer'] },
  'start-printing': { from: ['approved'], to: 'printing', by: ['graduate_officer'] },
  'send-for-signature': { from: ['printing'], to: 'signing', by: ['graduate_officer'] },
  'mark-ready': { from: ['signing'], to: 'ready', by: ['graduate_officer'] },
  deliver: { from: ['ready'], to: 'delivered', by: ['graduate_officer'] },
  withdraw: { from: PRE_APPROVAL, to: 'withdrawn', by: ['graduate', 'graduate_officer'] },
};

const NO_ACCESS: readonly Actor[] = ['admin', 'other_graduate'];
const blocked = (status: 403 | 409, unmet: string[]): Outcome => ({ status, type: 'workflow-blocked', unmet });
const ok = (status: 200 | 201, ...events: string[]): Outcome => ({ status, events });

export const currentDoc = (m: Model, kind: DocumentKind) => m.docs.find((d) => d.kind === kind && !d.superseded);
const accepted = (m: Model, kind: DocumentKind) => currentDoc(m, kind)?.status === 'accepted';

export function requiredKinds(m: Pick<Model, 'gender' | 'provisional'>): DocumentKind[] {
  return [
    'cancellation_sheet',
    'lower_degree_diploma',
    ...(m.provisional ? (['provisional_certificate'] as const) : []),
    ...(m.gender === 'male' ? (['military_status'] as const) : []),
  ];
}

/** Whether the graduate ever owed the Welfare Fund, as far as anyone knows: unknown counts as maybe. */
export const welfareTickNeeded = (m: Model) => m.welfare.hasDebt !== false;

function tickCodes(m: Model): string[] {
  return [
    ...(m.ticks.cancellation ? [] : ['cancellation_tick_missing']),
    ...(welfareTickNeeded(m) && !m.ticks.welfare ? ['welfare_tick_missing'] : []),
  ];
}

export function sameDetails(a: Details | null, b: Details): boolean {
  return a !== null && (Object.keys(b) as Array<keyof Details>).every((k) => a[k] === b[k]);
}

/**
 * The diploma is printed from the details the graduate confirmed: a confirmation counts only while it is
 * of the details as they are now, and while no correction of them is still under review.
 */
function detailsCodes(m: Model): string[] {
  return [
    ...(sameDetails(m.confirmed, m.details) ? [] : ['details_not_confirmed']),
    ...(m.corrections.some((c) => c.status === 'pending') ? ['corrections_pending'] : []),
  ];
}

function documentCodes(m: Model, mustBeAccepted: boolean): string[] {
  const codes: string[] = [];
  for (const kind of requiredKinds(m)) {
    const doc = currentDoc(m, kind);
    if (!doc || doc.status === 'rejected') codes.push(`document_missing:${kind}`);
    else if (mustBeAccepted && doc.status !== 'accepted') codes.push(`document_not_accepted:${kind}`);
  }
  return codes;
}

/** DOMAIN.md §3: the cancellation tick only on a complete route, with any amount owed paid. */
export function routeCodes(m: Model): string[] {
  const { route, owed, paid, ref } = m.cancellation;
  const codes: string[] = [];
  const need = (kind: DocumentKind) => {
    if (!accepted(m, kind)) codes.push(`document_not_accepted:${kind}`);
  };
  if (route === null) codes.push('route_missing');
  if (route === 'employment') {
    need('employment_certificate');
    need('insurance_record');
  }
  if (route === 'government_employment') need('employment_decree');
  if (route === 'non_employment') {
    const letter = currentDoc(m, 'non_employment_letter');
    if (letter?.status !== 'accepted') codes.push('document_not_accepted:non_employment_letter');
    // The original letter seen, handed over by the graduate personally, the original ID card checked: all three.
    else if (
      !letter.inPerson?.originalSeen ||
      !letter.inPerson.presentedByGraduate ||
      !letter.inPerson.originalNationalIdChecked
    ) {
      codes.push('in_person_check_missing');
    }
  }
  if (route === 'scholarship') {
    need('scholarship_release');
    if (owed <= 0n || ref === null) codes.push('scholarship_cost_unpaid');
  }
  if (paid < owed) codes.push('amount_unpaid');
  else if (owed > 0n && ref === null) codes.push('payment_ref_missing');
  return codes;
}

export function welfareCodes(m: Model): string[] {
  if (m.welfare.hasDebt === null) return ['welfare_unchecked'];
  return m.welfare.hasDebt && !m.welfare.settled ? ['welfare_debt_unsettled'] : [];
}

/** What must still happen before this office could set its tick (with the tick taken as unset). */
export function tickSetCodes(m: Model, kind: TickKind): string[] {
  if (!PRE_APPROVAL.includes(m.stage)) return ['ticks_frozen'];
  return kind === 'cancellation' ? routeCodes(m) : welfareCodes(m);
}

function guardCodes(m: Model, action: WorkflowAction, note: string | undefined): string[] {
  switch (action) {
    case 'confirm-details':
      return m.corrections.some((c) => c.status === 'pending') ? ['corrections_pending'] : [];
    case 'submit':
      return [...tickCodes(m), ...documentCodes(m, false), ...detailsCodes(m)];
    case 'approve':
      return [...documentCodes(m, true), ...tickCodes(m), ...detailsCodes(m)];
    case 'return':
      return note?.trim() ? [] : ['note_required'];
    default:
      return [];
  }
}

export type VersionMode = 'current' | 'stale' | 'missing';

export function expectAction(
  m: Model,
  who: Actor,
  action: WorkflowAction,
  version: VersionMode,
  note: string | undefined,
): Outcome {
  if (version === 'missing') return { status: 400 };
  if (NO_ACCESS.includes(who)) return { status: 404 };
  if (who !== 'graduate' && who !== 'graduate_officer') return { status: 403 };
  const spec = TRANSITIONS[action];
  // A role that may never take this action is told so whatever version it sent.
  if (!spec.by.includes(who)) return blocked(403, ['role_not_allowed']);
  if (version === 'stale') return { status: 409, type: 'stale-version' };
  if (!spec.from.includes(m.stage)) return blocked(409, ['wrong_stage']);
  const unmet = guardCodes(m, action, note);
  return unmet.length > 0 ? blocked(409, unmet) : ok(200, `request.${action}`);
}

/** The actions this actor could take now (what `allowedActions` must list), and why the others of theirs wait. */
export function expectedActions(m: Model, who: Actor) {
  const allowed: WorkflowAction[] = [];
  const waiting: Record<string, string[]> = {};
  for (const action of Object.keys(TRANSITIONS) as WorkflowAction[]) {
    const spec = TRANSITIONS[action];
    if (!spec.by.includes(who) || !spec.from.includes(m.stage)) continue;
    const outcome = expectAction(m, who, action, 'current', 'x');
    if (outcome.status === 200) allowed.push(action);
    else if ('unmet' in outcome) waiting[action] = [...outcome.unmet].sort();
  }
  return { allowed, waiting };
}

export function expectTick(
  m: Model,
  who: Actor,
  kind: TickKind,
  set: boolean,
  reason: string | undefined,
  version: VersionMode,
): Outcome {
  if (NO_ACCESS.includes(who)) return { status: 404 };
  if (who !== TICK_OFFICE[kind]) return { status: 403 };
  if (version === 'stale') return { status: 409, type: 'stale-version' };
  if (!PRE_APPROVAL.includes(m.stage)) return blocked(409, ['ticks_frozen']);
  if (m.ticks[kind] === set) return blocked(409, [set ? 'tick_already_set' : 'tick_not_set']);
  if (!set) return reason?.trim() ? ok(200, `tick.${kind}.revoke`) : blocked(409, ['reason_required']);
  const unmet = kind === 'cancellation' ? routeCodes(m) : welfareCodes(m);
  return unmet.length > 0 ? blocked(409, unmet) : ok(200, `tick.${kind}.set`);
}

/**
 * A set tick stands on its record: a change that would leave it on an incomplete case or an unsettled debt
 * is refused (the office revokes the tick first, with a reason), naming what the change would break.
 */
function ticksFall(before: Model, after: Model): string[] {
  const codes: string[] = [];
  for (const kind of ['cancellation', 'welfare'] as const) {
    const rules = (x: Model) => (kind === 'cancellation' ? routeCodes(x) : welfareCodes(x));
    const broken = rules(after);
    if (after.ticks[kind] && broken.length > 0 && rules(before).length === 0) codes.push('tick_set', ...broken);
  }
  return codes;
}

/** A successful write, unless it would pull the ground from under a set tick. */
const standing = (m: Model, after: Model, success: Outcome): Outcome => {
  const fallen = ticksFall(m, after);
  return fallen.length > 0 ? blocked(409, fallen) : success;
};

export function expectCasePart(
  m: Model,
  who: Actor,
  part: 'cancellation' | 'welfare',
  version: VersionMode,
  invalidBody: boolean,
  after: Model,
): Outcome {
  if (version === 'missing' || invalidBody) return { status: 400 };
  if (NO_ACCESS.includes(who)) return { status: 404 };
  if (who !== TICK_OFFICE[part]) return { status: 403 };
  if (version === 'stale') return { status: 409, type: 'stale-version' };
  if (!PRE_APPROVAL.includes(m.stage)) return blocked(409, ['case_frozen']);
  return standing(m, after, ok(200, `${part}.update`));
}

export type FileKind = 'pdf' | 'png' | 'text';

export function expectUpload(m: Model, who: Actor, ifMatch: VersionMode, file: FileKind, after: Model): Outcome {
  if (NO_ACCESS.includes(who)) return { status: 404 };
  if (who !== 'graduate' && who !== 'graduate_officer') return { status: 403 };
  if (ifMatch === 'stale') return { status: 409, type: 'stale-version' };
  const open = who === 'graduate' ? IN_GRADUATES_HANDS : PRE_APPROVAL;
  if (!open.includes(m.stage)) return blocked(409, ['upload_closed']);
  if (file === 'text') return { status: 415 };
  return standing(m, after, ok(201, 'document.upload'));
}

/** Who can see a request's documents at all (others get 404). */
const SEES_DOCUMENTS: readonly Actor[] = ['graduate', 'graduate_officer', 'free_education_officer', 'auditor'];

export function expectReview(
  m: Model,
  who: Actor,
  doc: ModelDoc | undefined,
  decision: 'accepted' | 'rejected',
  note: string | undefined,
  inPerson: InPerson | undefined,
  version: VersionMode,
  after: Model,
): Outcome {
  if (!doc || !SEES_DOCUMENTS.includes(who)) return { status: 404 };
  if (who !== documentOffice(doc.kind)) return { status: 403 };
  if (decision === 'rejected' && !note?.trim()) return { status: 400 };
  if (inPerson !== undefined && doc.kind !== 'non_employment_letter') return { status: 400 };
  if (version === 'stale') return { status: 409, type: 'stale-version' };
  if (doc.superseded) return { status: 409, type: 'document-superseded' };
  if (!PRE_APPROVAL.includes(m.stage)) return blocked(409, ['review_closed']);
  return standing(m, after, ok(200, 'document.review'));
}

const IDENTITY_KINDS: readonly DocumentKind[] = ['national_id_card', 'birth_certificate', 'non_employment_letter'];

export function expectView(who: Actor, doc: ModelDoc | undefined): Outcome {
  if (!doc || !SEES_DOCUMENTS.includes(who)) return { status: 404 };
  return IDENTITY_KINDS.includes(doc.kind) ? ok(200, 'document.view') : ok(200);
}

export function expectCorrection(who: Actor): Outcome {
  if (NO_ACCESS.includes(who)) return { status: 404 };
  if (who !== 'graduate') return { status: 403 };
  return ok(201, 'correction.request');
}

const SEES_CORRECTIONS: readonly Actor[] = ['graduate', 'graduate_officer', 'auditor'];

export function expectCorrectionReview(
  who: Actor,
  correction: Model['corrections'][number] | undefined,
  decision: 'accepted' | 'rejected',
  note: string | undefined,
): Outcome {
  if (!correction || !SEES_CORRECTIONS.includes(who)) return { status: 404 };
  if (who !== 'graduate_officer') return { status: 403 };
  if (correction.status !== 'pending') return { status: 409, type: 'already-reviewed' };
  if (decision === 'rejected' && !note?.trim()) return { status: 400 };
  return ok(200, decision === 'accepted' ? 'correction.accept' : 'correction.reject');
}

export function expectRead(who: Actor): Outcome {
  return NO_ACCESS.includes(who) ? { status: 404 } : ok(200);
}
