import type {
  CancellationRoute,
  DocumentKind,
  ReviewStatus,
  Role,
  Stage,
  TickKind,
  WorkflowAction,
} from '@diploma-desk/db';

/**
 * The diploma request's workflow: stages, actions, who may take each, and the rules (guards) from
 * DOMAIN.md §3. Pure: the API assembles the facts, this module decides; the UI is told the result.
 */

export interface DocumentFact {
  status: ReviewStatus;
  inPerson?: { presentedByGraduate?: boolean; originalNationalIdChecked?: boolean; originalSeen?: boolean } | null;
}

export interface RequestFacts {
  stage: Stage;
  gender: 'male' | 'female';
  provisionalCertificateIssued: boolean;
  /** Confirmed, and of the personal details as they are now: an accepted correction asks for a new confirmation. */
  detailsConfirmed: boolean;
  pendingCorrections: number;
  cancellationTick: boolean;
  welfareTick: boolean;
  welfare: { hasDebt: boolean | null; settled: boolean };
  cancellation: { route: CancellationRoute | null; amountOwed: bigint; amountPaid: bigint; paymentRef: string | null };
  /** The current (not superseded) document of each kind. */
  documents: Partial<Record<DocumentKind, DocumentFact>>;
}

export interface UnmetRule {
  code: string;
  /** English text; the UI shows its own translation of `code`. */
  message: string;
  params?: Record<string, string>;
}

interface ActionSpec {
  from: readonly Stage[];
  to: Stage | null;
  roles: readonly Role[];
  guards?: (f: RequestFacts, input: ActionInput) => UnmetRule[];
}

export interface ActionInput {
  note?: string | undefined;
}

export const PRE_APPROVAL: readonly Stage[] = ['draft', 'submitted', 'under_review', 'returned'];
/** Once approved, the ticks that allowed it can no longer be taken back. */
export const TICKS_FROZEN_FROM: readonly Stage[] = [
  'approved',
  'printing',
  'signing',
  'ready',
  'delivered',
  'withdrawn',
];

export function requiredDocumentKinds(
  f: Pick<RequestFacts, 'gender' | 'provisionalCertificateIssued'>,
): DocumentKind[] {
  const kinds: DocumentKind[] = ['cancellation_sheet', 'lower_degree_diploma'];
  if (f.provisionalCertificateIssued) kinds.push('provisional_certificate');
  if (f.gender === 'male') kinds.push('military_status');
  return kinds;
}

export const welfareTickNeeded = (f: Pick<RequestFacts, 'welfare'>) => f.welfare.hasDebt !== false;

function tickRules(f: RequestFacts): UnmetRule[] {
  const unmet: UnmetRule[] = [];
  if (!f.cancellationTick) {
    unmet.push({
      code: 'cancellation_tick_missing',
      message: 'The Free-Education Office has not set the cancellation tick.',
    });
  }
  if (welfareTickNeeded(f) && !f.welfareTick) {
    unmet.push({
      code: 'welfare_tick_missing',
      message:
        f.welfare.hasDebt === null
          ? 'The Welfare Office has not yet recorded whether the graduate owes the Welfare Fund.'
          : 'The Welfare Office has not set the welfare-clearance tick.',
    });
  }
  return unmet;
}

const CORRECTIONS_PENDING: UnmetRule = {
  code: 'corrections_pending',
  message: 'A correction of personal details is still under review.',
};

/**
 * The diploma is printed from the details the graduate confirmed (DOMAIN.md §3): the confirmation must be
 * of the details as they now stand, and none of them may still be under a correction's review.
 */
function detailsRule(f: RequestFacts): UnmetRule[] {
  return [
    ...(f.detailsConfirmed
      ? []
      : [
          {
            code: 'details_not_confirmed',
            message: 'The graduate has not confirmed their personal details as they now stand.',
          },
        ]),
    ...(f.pendingCorrections > 0 ? [CORRECTIONS_PENDING] : []),
  ];
}

function documentRules(f: RequestFacts, mustBeAccepted: boolean): UnmetRule[] {
  const unmet: UnmetRule[] = [];
  for (const kind of requiredDocumentKinds(f)) {
    const doc = f.documents[kind];
    if (!doc || doc.status === 'rejected') {
      unmet.push({ code: 'document_missing', message: `The ${kind} document is missing.`, params: { kind } });
    } else if (mustBeAccepted && doc.status !== 'accepted') {
      unmet.push({
        code: 'document_not_accepted',
        message: `The ${kind} document is not accepted yet.`,
        params: { kind },
      });
    }
  }
  return unmet;
}

export const ACTION_SPECS: Record<WorkflowAction, ActionSpec> = {
  'confirm-details': {
    from: ['draft', 'returned'],
    to: null,
    roles: ['graduate'],
    guards: (f) => (f.pendingCorrections > 0 ? [CORRECTIONS_PENDING] : []),
  },
  submit: {
    from: ['draft', 'returned'],
    to: 'submitted',
    roles: ['graduate'],
    guards: (f) => [...tickRules(f), ...documentRules(f, false), ...detailsRule(f)],
  },
  'start-review': { from: ['submitted'], to: 'under_review', roles: ['graduate_officer'] },
  return: {
    from: ['submitted', 'under_review'],
    to: 'returned',
    roles: ['graduate_officer'],
    guards: (_f, input) =>
      input.note?.trim()
        ? []
        : [{ code: 'note_required', message: 'A return needs a note: the next action the graduate sees.' }],
  },
  approve: {
    from: ['under_review'],
    to: 'approved',
    roles: ['graduate_officer'],
    guards: (f) => [...documentRules(f, true), ...tickRules(f), ...detailsRule(f)],
  },
  'start-printing': { from: ['approved'], to: 'printing', roles: ['graduate_officer'] },
  'send-for-signature': { from: ['printing'], to: 'signing', roles: ['graduate_officer'] },
  'mark-ready': { from: ['signing'], to: 'ready', roles: ['graduate_officer'] },
  deliver: { from: ['ready'], to: 'delivered', roles: ['graduate_officer'] },
  withdraw: { from: PRE_APPROVAL, to: 'withdrawn', roles: ['graduate', 'graduate_officer'] },
};

export type Decision = { ok: true; to: Stage } | { ok: false; status: 403 | 409; unmet: UnmetRule[] };

/** Why this role may never take this action, whatever the request (empty: the request's stage and rules decide). */
export function roleRules(action: WorkflowAction, role: Role): UnmetRule[] {
  return ACTION_SPECS[action].roles.includes(role)
    ? []
    : [{ code: 'role_not_allowed', message: `A ${role} cannot ${action}.` }];
}

/** Whether this role may take this action on a request with these facts, and if not, every reason why. */
export function decide(action: WorkflowAction, role: Role, f: RequestFacts, input: ActionInput = {}): Decision {
  const spec = ACTION_SPECS[action];
  const byRole = roleRules(action, role);
  if (byRole.length > 0) return { ok: false, status: 403, unmet: byRole };
  if (!spec.from.includes(f.stage)) {
    return {
      ok: false,
      status: 409,
      unmet: [
        { code: 'wrong_stage', message: `A request in stage ${f.stage} cannot ${action}.`, params: { stage: f.stage } },
      ],
    };
  }
  const unmet = spec.guards?.(f, input) ?? [];
  return unmet.length > 0 ? { ok: false, status: 409, unmet } : { ok: true, to: spec.to ?? f.stage };
}

/** The actions this role could take now, and why each other action of theirs is not yet possible. */
export function availableActions(
  role: Role,
  f: RequestFacts,
): { allowed: WorkflowAction[]; blocked: Partial<Record<WorkflowAction, UnmetRule[]>> } {
  const allowed: WorkflowAction[] = [];
  const blocked: Partial<Record<WorkflowAction, UnmetRule[]>> = {};
  for (const action of Object.keys(ACTION_SPECS) as WorkflowAction[]) {
    const spec = ACTION_SPECS[action];
    if (!spec.roles.includes(role) || !spec.from.includes(f.stage)) continue;
    // `return` needs a note that only the caller can give: it is possible whenever the stage allows it.
    const d = decide(action, role, f, action === 'return' ? { note: 'x' } : {});
    if (d.ok) allowed.push(action);
    else blocked[action] = d.unmet;
  }
  return { allowed, blocked };
}

const TICK_OWNER: Record<TickKind, Role> = { cancellation: 'free_education_officer', welfare: 'welfare_officer' };

export function tickOwner(kind: TickKind): Role {
  return TICK_OWNER[kind];
}

/** Whether the cancellation case's route is complete (DOMAIN.md §3). */
export function cancellationRouteRules(f: RequestFacts): UnmetRule[] {
  const { route, amountOwed, amountPaid, paymentRef } = f.cancellation;
  const accepted = (kind: DocumentKind) => f.documents[kind]?.status === 'accepted';
  const need = (kind: DocumentKind): UnmetRule => ({
    code: 'document_not_accepted',
    message: `The ${kind} document is not accepted yet.`,
    params: { kind },
  });
  const unmet: UnmetRule[] = [];
  switch (route) {
    case null:
      unmet.push({ code: 'route_missing', message: 'The cancellation route has not been recorded.' });
      break;
    case 'employment':
      if (!accepted('employment_certificate')) unmet.push(need('employment_certificate'));
      if (!accepted('insurance_record')) unmet.push(need('insurance_record'));
      break;
    case 'government_employment':
      if (!accepted('employment_decree')) unmet.push(need('employment_decree'));
      break;
    case 'non_employment': {
      const letter = f.documents.non_employment_letter;
      if (letter?.status !== 'accepted') unmet.push(need('non_employment_letter'));
      // DOMAIN.md §3: the officer records all three — the original seen, handed over by the graduate, the ID checked.
      else if (
        !letter.inPerson?.originalSeen ||
        !letter.inPerson.presentedByGraduate ||
        !letter.inPerson.originalNationalIdChecked
      ) {
        unmet.push({
          code: 'in_person_check_missing',
          message:
            'The original non-employment letter must be seen in person, presented by the graduate personally, with the original national ID card checked.',
        });
      }
      break;
    }
    case 'scholarship':
      if (!accepted('scholarship_release')) unmet.push(need('scholarship_release'));
      if (amountOwed <= 0n || !paymentRef) {
        unmet.push({
          code: 'scholarship_cost_unpaid',
          message: 'The free-education cost has not been recorded as paid.',
        });
      }
      break;
  }
  if (amountPaid < amountOwed) {
    unmet.push({
      code: 'amount_unpaid',
      message: 'The amount owed has not been paid in full.',
      params: { owed: amountOwed.toString(), paid: amountPaid.toString() },
    });
  } else if (amountOwed > 0n && !paymentRef) {
    unmet.push({ code: 'payment_ref_missing', message: 'The payment reference has not been recorded.' });
  }
  return unmet;
}

export function decideTick(kind: TickKind, set: boolean, role: Role, f: RequestFacts, reason?: string): Decision {
  if (role !== TICK_OWNER[kind]) {
    return {
      ok: false,
      status: 403,
      unmet: [{ code: 'not_tick_owner', message: `Only the ${TICK_OWNER[kind]} sets the ${kind} tick.` }],
    };
  }
  if (TICKS_FROZEN_FROM.includes(f.stage)) {
    return {
      ok: false,
      status: 409,
      unmet: [
        {
          code: 'ticks_frozen',
          message: `Ticks cannot change once a request is ${f.stage}.`,
          params: { stage: f.stage },
        },
      ],
    };
  }
  const current = kind === 'cancellation' ? f.cancellationTick : f.welfareTick;
  if (current === set) {
    return {
      ok: false,
      status: 409,
      unmet: [
        {
          code: set ? 'tick_already_set' : 'tick_not_set',
          message: `The ${kind} tick is already ${set ? 'set' : 'unset'}.`,
        },
      ],
    };
  }
  if (!set) {
    return reason?.trim()
      ? { ok: true, to: f.stage }
      : { ok: false, status: 409, unmet: [{ code: 'reason_required', message: 'A revocation needs a reason.' }] };
  }
  const unmet = tickRecordRules(kind, f);
  return unmet.length > 0 ? { ok: false, status: 409, unmet } : { ok: true, to: f.stage };
}

/** What the record behind a tick must show for the tick to be set: a complete case, a clear Welfare Fund. */
function tickRecordRules(kind: TickKind, f: RequestFacts): UnmetRule[] {
  if (kind === 'cancellation') return cancellationRouteRules(f);
  if (f.welfare.hasDebt === null) {
    return [{ code: 'welfare_unchecked', message: 'Record first whether the graduate owes the Welfare Fund.' }];
  }
  return f.welfare.hasDebt && !f.welfare.settled
    ? [{ code: 'welfare_debt_unsettled', message: 'The Welfare Fund debt has not been settled.' }]
    : [];
}

/**
 * A set tick stands on its record: a change (to the case, the welfare record, or a document the route needs)
 * that would leave a set tick on an incomplete case or an unsettled debt is refused, listing what it would
 * break; the office revokes its tick first, with a reason. A tick that stood on nothing before the change
 * (older data) does not block it.
 */
export function ticksStillStand(before: RequestFacts, after: RequestFacts): UnmetRule[] {
  const unmet: UnmetRule[] = [];
  for (const kind of ['cancellation', 'welfare'] as const) {
    const set = kind === 'cancellation' ? after.cancellationTick : after.welfareTick;
    const broken = tickRecordRules(kind, after);
    if (!set || broken.length === 0 || tickRecordRules(kind, before).length > 0) continue;
    unmet.push(
      {
        code: 'tick_set',
        message: `The ${kind} tick is set on this record: the ${TICK_OWNER[kind]} must revoke it, with a reason, before this change.`,
        params: { tick: kind },
      },
      ...broken,
    );
  }
  return unmet;
}

/**
 * A graduate changes their files only while the request is in their hands; the Graduate Office may add one
 * until approval.
 */
const UPLOAD_STAGES: Partial<Record<Role, readonly Stage[]>> = {
  graduate: ['draft', 'returned'],
  graduate_officer: PRE_APPROVAL,
};

export function uploadRules(role: Role, stage: Stage): UnmetRule[] {
  if (UPLOAD_STAGES[role]?.includes(stage)) return [];
  const message =
    role === 'graduate'
      ? `Documents can be uploaded only while the request is a draft or returned to you; it is ${stage}.`
      : `Documents can no longer be uploaded: the request is ${stage}.`;
  return [{ code: 'upload_closed', message, params: { stage } }];
}

/** Reviews stop at approval: approval rested on the documents as they were. */
export function reviewRules(stage: Stage): UnmetRule[] {
  return PRE_APPROVAL.includes(stage)
    ? []
    : [
        {
          code: 'review_closed',
          message: `Documents can no longer be reviewed: the request is ${stage}.`,
          params: { stage },
        },
      ];
}

/** The cancellation case and the welfare record change only before approval. */
export function casePartRules(part: 'cancellation' | 'welfare', stage: Stage): UnmetRule[] {
  return PRE_APPROVAL.includes(stage)
    ? []
    : [
        {
          code: 'case_frozen',
          message: `The ${part} record cannot change once a request is ${stage}.`,
          params: { stage },
        },
      ];
}
