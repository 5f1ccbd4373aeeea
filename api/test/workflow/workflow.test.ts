import { ACTIONS, ROLES, type Role, STAGES, type Stage, type WorkflowAction } from '@diploma-desk/db';
import { describe, expect, it } from 'vitest';
import {
  availableActions,
  cancellationRouteRules,
  decide,
  decideTick,
  type RequestFacts,
  requiredDocumentKinds,
  ticksStillStand,
} from '../../src/workflow/workflow.ts';

/** Everything in order: every guard passes, so only stage and role decide. */
const ready = (over: Partial<RequestFacts> = {}): RequestFacts => ({
  stage: 'draft',
  gender: 'male',
  provisionalCertificateIssued: true,
  detailsConfirmed: true,
  pendingCorrections: 0,
  cancellationTick: true,
  welfareTick: true,
  welfare: { hasDebt: true, settled: true },
  cancellation: { route: 'employment', amountOwed: 0n, amountPaid: 0n, paymentRef: null },
  documents: Object.fromEntries(
    [
      'cancellation_sheet',
      'lower_degree_diploma',
      'provisional_certificate',
      'military_status',
      'employment_certificate',
      'insurance_record',
    ].map((k) => [k, { status: 'accepted' }]),
  ),
  ...over,
});

/** The transitions, written out independently of the module: [action, from stages, to, roles]. */
const TABLE: Array<[WorkflowAction, Stage[], Stage | null, Role[]]> = [
  ['confirm-details', ['draft', 'returned'], null, ['graduate']],
  ['submit', ['draft', 'returned'], 'submitted', ['graduate']],
  ['start-review', ['submitted'], 'under_review', ['graduate_officer']],
  ['return', ['submitted', 'under_review'], 'returned', ['graduate_officer']],
  ['approve', ['under_review'], 'approved', ['graduate_officer']],
  ['start-printing', ['approved'], 'printing', ['graduate_officer']],
  ['send-for-signature', ['printing'], 'signing', ['graduate_officer']],
  ['mark-ready', ['signing'], 'ready', ['graduate_officer']],
  ['deliver', ['ready'], 'delivered', ['graduate_officer']],
  ['withdraw', ['draft', 'submitted', 'under_review', 'returned'], 'withdrawn', ['graduate', 'graduate_officer']],
];

describe('every action × stage × role', () => {
  it('covers every action of API.md', () => {
    expect(TABLE.map(([a]) => a).sort()).toEqual([...ACTIONS].sort());
  });
  for (const [action, from, to, roles] of TABLE) {
    for (const stage of STAGES) {
      for (const role of ROLES) {
        const expected = !roles.includes(role) ? 403 : !from.includes(stage) ? 409 : (to ?? stage);
        it(`${role} ${action} in ${stage} → ${expected}`, () => {
          const d = decide(action, role, ready({ stage }), { note: 'Upload the lower-degree diploma again.' });
          expect(d.ok ? d.to : d.status).toBe(expected);
        });
      }
    }
  }
});

describe('guards', () => {
  it('submit lists every unmet rule at once', () => {
    const d = decide(
      'submit',
      'graduate',
      ready({
        cancellationTick: false,
        welfareTick: false,
        detailsConfirmed: false,
        documents: { cancellation_sheet: { status: 'rejected' } },
      }),
    );
    expect(d.ok).toBe(false);
    if (d.ok) return;
    expect(d.status).toBe(409);
    expect(d.unmet.map((u) => `${u.code}${u.params?.kind ? `:${u.params.kind}` : ''}`)).toEqual([
      'cancellation_tick_missing',
      'welfare_tick_missing',
      'document_missing:cancellation_sheet',
      'document_missing:lower_degree_diploma',
      'document_missing:provisional_certificate',
      'document_missing:military_status',
      'details_not_confirmed',
    ]);
  });

  it('submit needs no welfare tick when the graduate never owed the fund, but does when it is unknown', () => {
    expect(
      decide('submit', 'graduate', ready({ welfareTick: false, welfare: { hasDebt: false, settled: false } })).ok,
    ).toBe(true);
    const unknown = decide(
      'submit',
      'graduate',
      ready({ welfareTick: false, welfare: { hasDebt: null, settled: false } }),
    );
    expect(unknown.ok ? [] : unknown.unmet.map((u) => u.code)).toEqual(['welfare_tick_missing']);
  });

  it('submit accepts pending documents; approve needs them accepted', () => {
    const f = ready({
      stage: 'under_review',
      documents: { ...ready().documents, military_status: { status: 'pending' } },
    });
    expect(decide('submit', 'graduate', { ...f, stage: 'draft' }).ok).toBe(true);
    const d = decide('approve', 'graduate_officer', f);
    expect(d.ok ? [] : d.unmet).toEqual([
      expect.objectContaining({ code: 'document_not_accepted', params: { kind: 'military_status' } }),
    ]);
  });

  it('requires the military-service document for men only, the provisional certificate only if issued', () => {
    expect(requiredDocumentKinds({ gender: 'female', provisionalCertificateIssued: false })).toEqual([
      'cancellation_sheet',
      'lower_degree_diploma',
    ]);
    expect(requiredDocumentKinds({ gender: 'male', provisionalCertificateIssued: true })).toEqual([
      'cancellation_sheet',
      'lower_degree_diploma',
      'provisional_certificate',
      'military_status',
    ]);
  });

  it('approve needs the ticks still set and the details confirmed', () => {
    const d = decide(
      'approve',
      'graduate_officer',
      ready({ stage: 'under_review', cancellationTick: false, detailsConfirmed: false }),
    );
    expect(d.ok ? [] : d.unmet.map((u) => u.code)).toEqual(['cancellation_tick_missing', 'details_not_confirmed']);
  });

  it('return needs a note', () => {
    const d = decide('return', 'graduate_officer', ready({ stage: 'submitted' }), { note: '   ' });
    expect(d.ok ? [] : d.unmet.map((u) => u.code)).toEqual(['note_required']);
  });

  it('confirm-details waits for pending corrections', () => {
    const d = decide('confirm-details', 'graduate', ready({ pendingCorrections: 1 }));
    expect(d.ok ? [] : d.unmet.map((u) => u.code)).toEqual(['corrections_pending']);
  });

  it('submit and approve wait for pending corrections too: the confirmed details may be about to change', () => {
    const submit = decide('submit', 'graduate', ready({ pendingCorrections: 1 }));
    expect(submit.ok ? [] : submit.unmet.map((u) => u.code)).toEqual(['corrections_pending']);
    const approve = decide(
      'approve',
      'graduate_officer',
      ready({ stage: 'under_review', pendingCorrections: 2, detailsConfirmed: false }),
    );
    expect(approve.ok ? [] : approve.unmet.map((u) => u.code)).toEqual([
      'details_not_confirmed',
      'corrections_pending',
    ]);
  });
});

describe('availableActions', () => {
  it('lists what the role can do now and why the rest is blocked', () => {
    const { allowed, blocked } = availableActions('graduate', ready({ cancellationTick: false }));
    expect(allowed).toEqual(['confirm-details', 'withdraw']);
    expect(blocked.submit?.map((u) => u.code)).toEqual(['cancellation_tick_missing']);
    expect(availableActions('auditor', ready()).allowed).toEqual([]);
    expect(availableActions('graduate_officer', ready({ stage: 'submitted' })).allowed).toEqual([
      'start-review',
      'return',
      'withdraw',
    ]);
  });
});

describe('ticks', () => {
  it('only the owning office sets its tick', () => {
    for (const role of ROLES) {
      const c = decideTick('cancellation', true, role, ready({ cancellationTick: false }));
      expect([role, c.ok || c.status]).toEqual([role, role === 'free_education_officer' ? true : 403]);
      const w = decideTick('welfare', true, role, ready({ welfareTick: false }));
      expect([role, w.ok || w.status]).toEqual([role, role === 'welfare_officer' ? true : 403]);
    }
  });

  it('no tick changes once the request is approved, and a revocation needs a reason', () => {
    for (const stage of STAGES) {
      const d = decideTick('cancellation', false, 'free_education_officer', ready({ stage }), 'letter was forged');
      const frozen = ['approved', 'printing', 'signing', 'ready', 'delivered', 'withdrawn'].includes(stage);
      expect([stage, d.ok || d.status]).toEqual([stage, frozen ? 409 : true]);
    }
    const noReason = decideTick('welfare', false, 'welfare_officer', ready(), ' ');
    expect(noReason.ok ? [] : noReason.unmet.map((u) => u.code)).toEqual(['reason_required']);
  });

  it('the welfare tick needs no debt or the debt settled', () => {
    const f = (hasDebt: boolean | null, settled: boolean) =>
      ready({ welfareTick: false, welfare: { hasDebt, settled } });
    expect(decideTick('welfare', true, 'welfare_officer', f(false, false)).ok).toBe(true);
    expect(decideTick('welfare', true, 'welfare_officer', f(true, true)).ok).toBe(true);
    const unsettled = decideTick('welfare', true, 'welfare_officer', f(true, false));
    expect(unsettled.ok ? [] : unsettled.unmet.map((u) => u.code)).toEqual(['welfare_debt_unsettled']);
    const unknown = decideTick('welfare', true, 'welfare_officer', f(null, false));
    expect(unknown.ok ? [] : unknown.unmet.map((u) => u.code)).toEqual(['welfare_unchecked']);
  });
});

describe('a set tick stands on its record', () => {
  const codes = (unmet: Array<{ code: string }>) => unmet.map((u) => u.code);
  it('a change that takes away what a set tick rests on is refused, naming what it breaks', () => {
    const before = ready();
    expect(codes(ticksStillStand(before, ready({ documents: {} })))).toEqual([
      'tick_set',
      'document_not_accepted',
      'document_not_accepted',
    ]);
    expect(codes(ticksStillStand(before, ready({ welfare: { hasDebt: true, settled: false } })))).toEqual([
      'tick_set',
      'welfare_debt_unsettled',
    ]);
    expect(ticksStillStand(before, ready({ welfare: { hasDebt: false, settled: false } }))).toEqual([]);
  });

  it('an unset tick, or one that stood on nothing before the change, does not block it', () => {
    expect(ticksStillStand(ready(), ready({ cancellationTick: false, documents: {} }))).toEqual([]);
    const hollow = ready({ documents: {} });
    expect(ticksStillStand(hollow, hollow)).toEqual([]);
  });
});

describe('the cancellation route', () => {
  const codes = (over: Partial<RequestFacts>) => cancellationRouteRules(ready(over)).map((u) => u.code);
  const letter = (
    inPerson: { presentedByGraduate?: boolean; originalNationalIdChecked?: boolean; originalSeen?: boolean } | null,
  ) => ({
    documents: { non_employment_letter: { status: 'accepted' as const, inPerson } },
    cancellation: { route: 'non_employment' as const, amountOwed: 0n, amountPaid: 0n, paymentRef: null },
  });

  it('non-employment needs the letter seen in person, from the graduate personally, with the ID card checked', () => {
    const all = { presentedByGraduate: true, originalNationalIdChecked: true, originalSeen: true };
    expect(codes(letter(all))).toEqual([]);
    for (const check of Object.keys(all)) {
      expect([check, codes(letter({ ...all, [check]: false }))]).toEqual([check, ['in_person_check_missing']]);
    }
    // The original letter itself must have been seen, not only the graduate and their ID card.
    expect(codes(letter({ presentedByGraduate: true, originalNationalIdChecked: true }))).toEqual([
      'in_person_check_missing',
    ]);
    expect(codes(letter(null))).toEqual(['in_person_check_missing']);
  });

  it('employment needs the certificate and the insurance record; government employment the decree', () => {
    expect(codes({ documents: { employment_certificate: { status: 'accepted' } } })).toEqual(['document_not_accepted']);
    expect(
      codes({
        cancellation: { route: 'government_employment', amountOwed: 0n, amountPaid: 0n, paymentRef: null },
        documents: { employment_decree: { status: 'accepted' } },
      }),
    ).toEqual([]);
  });

  it('scholarship needs the sponsor release and the cost paid', () => {
    const route = 'scholarship' as const;
    expect(
      codes({
        cancellation: { route, amountOwed: 5_000_000n, amountPaid: 5_000_000n, paymentRef: 'SAORG-77' },
        documents: { scholarship_release: { status: 'accepted' } },
      }),
    ).toEqual([]);
    expect(
      codes({
        cancellation: { route, amountOwed: 5_000_000n, amountPaid: 1_000n, paymentRef: null },
        documents: { scholarship_release: { status: 'pending' } },
      }),
    ).toEqual(['document_not_accepted', 'scholarship_cost_unpaid', 'amount_unpaid']);
  });

  it('any amount owed must be paid in full with a reference, and a missing route says so', () => {
    expect(
      codes({ cancellation: { route: 'employment', amountOwed: 10n, amountPaid: 10n, paymentRef: null } }),
    ).toEqual(['payment_ref_missing']);
    expect(codes({ cancellation: { route: null, amountOwed: 0n, amountPaid: 0n, paymentRef: null } })).toEqual([
      'route_missing',
    ]);
  });
});
