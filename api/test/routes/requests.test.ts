import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createGraduate, putDocument } from '../fixtures.ts';
import { auditEvents, createTestApp, type TestApp } from '../helpers.ts';

let h: TestApp;
let admin = '';
let office = '';
let freeEd = '';
let welfare = '';
let auditor = '';
beforeAll(async () => {
  h = await createTestApp();
  admin = await h.login('admin');
  office = await h.login('graduate.office');
  freeEd = await h.login('free.education');
  welfare = await h.login('welfare.office');
  auditor = await h.login('auditor');
});
afterAll(() => h.close());

const q = (params: Record<string, unknown>) =>
  `?${new URLSearchParams(Object.entries(params).map(([k, v]): [string, string] => [k, JSON.stringify(v)])).toString()}`;

async function get(cookie: string, id: string) {
  return h.call(cookie, { method: 'GET', url: `/api/requests/${id}` });
}
async function act(cookie: string, id: string, action: string, body: Record<string, unknown> = {}) {
  const version = body.version ?? (await get(office, id)).json().version;
  return h.call(cookie, {
    method: 'POST',
    url: `/api/requests/${id}/actions/${action}`,
    payload: { version, ...body },
  });
}
async function tick(cookie: string, id: string, kind: string, set: boolean, reason?: string) {
  return h.call(cookie, {
    method: 'POST',
    url: `/api/requests/${id}/ticks/${kind}`,
    payload: { set, ...(reason ? { reason } : {}) },
  });
}
async function open(graduate: { cookie: string }, body: Record<string, unknown> = {}) {
  const res = await h.call(graduate.cookie, { method: 'POST', url: '/api/requests', payload: body });
  expect(res.statusCode).toBe(201);
  return res.json();
}

describe('graduates', () => {
  it('records a graduate with a valid national ID; refuses a bad check digit and a duplicate', async () => {
    const g = await createGraduate(h, office, admin);
    const read = await h.call(office, { method: 'GET', url: `/api/graduates/${g.id}` });
    expect(read.json()).toMatchObject({ firstName: 'سارا', pendingCorrections: [] });
    const { id, version, createdAt, updatedAt, pendingCorrections, ...same } = read.json() as Record<string, unknown>;
    const bad = await h.call(office, {
      method: 'POST',
      url: '/api/graduates',
      payload: { ...same, nationalId: '0499370898', studentNumber: '4011111' },
    });
    expect(bad.statusCode).toBe(400);
    expect(bad.json().errors[0]).toMatchObject({ field: 'nationalId', code: 'national_id_invalid' });
    const dup = await h.call(office, {
      method: 'POST',
      url: '/api/graduates',
      payload: { ...same, studentNumber: '4099999' },
    });
    expect(dup.statusCode).toBe(409);
    expect(dup.json().type).toBe('/api/problems/duplicate-graduate');
  });

  it('searches names regardless of Arabic/Persian letters, ZWNJ and digit scripts', async () => {
    const g = await createGraduate(h, office, admin, {
      firstName: 'محمد‌حسین',
      lastName: 'یزدانی‌پور',
      nationalId: '0499370899',
    });
    for (const term of ['محمدحسين', 'يزداني پور'.replace(' ', ''), '۰۴۹۹۳۷۰۸۹۹']) {
      const res = await h.call(office, { method: 'GET', url: `/api/graduates${q({ filter: { q: term } })}` });
      expect([term, res.json().map((x: { id: string }) => x.id)]).toEqual([term, [g.id]]);
    }
  });

  it('a graduate sees only themselves: another graduate is 404, the list has one row', async () => {
    const a = await createGraduate(h, office, admin);
    const b = await createGraduate(h, office, admin);
    expect((await h.call(a.cookie, { method: 'GET', url: `/api/graduates/${b.id}` })).statusCode).toBe(404);
    const list = await h.call(a.cookie, { method: 'GET', url: '/api/graduates' });
    expect(list.json().map((x: { id: string }) => x.id)).toEqual([a.id]);
  });

  it('a correction is asked by the graduate and applied by the Graduate Office', async () => {
    const g = await createGraduate(h, office, admin);
    const asked = await h.call(g.cookie, {
      method: 'POST',
      url: `/api/graduates/${g.id}/corrections`,
      payload: { changes: { fatherName: 'رضا' } },
    });
    expect(asked.statusCode).toBe(201);
    const other = await createGraduate(h, office, admin);
    expect(
      (
        await h.call(other.cookie, {
          method: 'POST',
          url: `/api/graduates/${g.id}/corrections`,
          payload: { changes: { fatherName: 'x' } },
        })
      ).statusCode,
    ).toBe(404);
    expect(
      (
        await h.call(g.cookie, {
          method: 'POST',
          url: `/api/corrections/${asked.json().id}/review`,
          payload: { decision: 'accepted' },
        })
      ).statusCode,
    ).toBe(403);
    const ok = await h.call(office, {
      method: 'POST',
      url: `/api/corrections/${asked.json().id}/review`,
      payload: { decision: 'accepted' },
    });
    expect(ok.statusCode).toBe(200);
    expect((await h.call(office, { method: 'GET', url: `/api/graduates/${g.id}` })).json()).toMatchObject({
      fatherName: 'رضا',
      version: 2,
    });
    const again = await h.call(office, {
      method: 'POST',
      url: `/api/corrections/${asked.json().id}/review`,
      payload: { decision: 'rejected', note: 'x' },
    });
    expect(again.statusCode).toBe(409);
  });

  it('a correction is rejected only with a note that says something, kept trimmed', async () => {
    const g = await createGraduate(h, office, admin);
    const asked = await h.call(g.cookie, {
      method: 'POST',
      url: `/api/graduates/${g.id}/corrections`,
      payload: { changes: { birthDate: '1995-09-23' } },
    });
    const reject = (note: string) =>
      h.call(office, {
        method: 'POST',
        url: `/api/corrections/${asked.json().id}/review`,
        payload: { decision: 'rejected', note },
      });
    const blank = await reject('   ');
    expect(blank.statusCode).toBe(400);
    expect(blank.json().errors[0]).toMatchObject({ field: 'note', code: 'required' });
    const ok = await reject('  با شناسنامه نمی‌خواند.  ');
    expect(ok.statusCode).toBe(200);
    expect(ok.json()).toMatchObject({ status: 'rejected', reviewNote: 'با شناسنامه نمی‌خواند.' });
  });
});

describe('a request from draft to delivered', () => {
  it('walks every stage with each office doing its part, audited step by step', async () => {
    const g = await createGraduate(h, office, admin, { gender: 'male' });
    const r = await open(g, { provisionalCertificateIssued: true });
    expect(r).toMatchObject({ stage: 'draft', version: 1, allowedActions: ['confirm-details', 'withdraw'] });
    expect(r.blockedActions.submit.map((u: { code: string }) => u.code)).toEqual([
      'cancellation_tick_missing',
      'welfare_tick_missing',
      'document_missing',
      'document_missing',
      'document_missing',
      'document_missing',
      'details_not_confirmed',
    ]);

    // Submitting too early: 409 listing every unmet rule.
    const early = await act(g.cookie, r.id, 'submit');
    expect(early.statusCode).toBe(409);
    expect(early.json()).toMatchObject({ type: '/api/problems/workflow-blocked' });
    expect(early.json().unmet).toHaveLength(7);

    // The Free-Education Office: route, documents, tick.
    let v = (await get(freeEd, r.id)).json().version;
    const notYet = await tick(freeEd, r.id, 'cancellation', true);
    expect(notYet.statusCode).toBe(409);
    expect(notYet.json().unmet.map((u: { code: string }) => u.code)).toEqual(['route_missing']);
    const caseRes = await h.call(freeEd, {
      method: 'PUT',
      url: `/api/requests/${r.id}/cancellation`,
      payload: {
        version: v,
        route: 'non_employment',
        saorgTrackingCode: '140512345',
        amountOwed: '0',
        amountPaid: 0,
        paymentRef: null,
      },
    });
    expect(caseRes.statusCode).toBe(200);
    await putDocument(h, r.id, g.id, 'non_employment_letter', 'accepted', {
      presentedByGraduate: false,
      originalNationalIdChecked: true,
    });
    const proxy = await tick(freeEd, r.id, 'cancellation', true);
    expect(proxy.json().unmet.map((u: { code: string }) => u.code)).toEqual(['in_person_check_missing']);
    const recordInPerson = (inPerson: object) =>
      h.t.db
        .updateTable('documents')
        .set({ inPerson: JSON.stringify(inPerson) })
        .where('requestId', '=', r.id)
        .execute();
    // The graduate and their ID card were there, but nobody recorded seeing the original letter itself.
    await recordInPerson({ presentedByGraduate: true, originalNationalIdChecked: true, originalSeen: false });
    const unseen = await tick(freeEd, r.id, 'cancellation', true);
    expect(unseen.json().unmet.map((u: { code: string }) => u.code)).toEqual(['in_person_check_missing']);
    await recordInPerson({ presentedByGraduate: true, originalNationalIdChecked: true, originalSeen: true });
    expect((await tick(welfare, r.id, 'cancellation', true)).statusCode).toBe(403);
    const ticked = await tick(freeEd, r.id, 'cancellation', true);
    expect(ticked.statusCode).toBe(200);
    expect(ticked.json().ticks.cancellation).toMatchObject({ set: true });

    // The Welfare Office: debt settled, tick.
    v = ticked.json().version;
    expect((await tick(freeEd, r.id, 'welfare', true)).statusCode).toBe(403);
    const w = await h.call(welfare, {
      method: 'PUT',
      url: `/api/requests/${r.id}/welfare`,
      payload: { version: v, hasDebt: true, settled: true, note: 'تسویه شد' },
    });
    expect(w.statusCode).toBe(200);
    expect((await tick(welfare, r.id, 'welfare', true)).statusCode).toBe(200);

    // The graduate: documents, details, final confirmation.
    for (const kind of [
      'cancellation_sheet',
      'lower_degree_diploma',
      'provisional_certificate',
      'military_status',
    ] as const) {
      await putDocument(h, r.id, g.id, kind, 'pending');
    }
    expect((await act(g.cookie, r.id, 'confirm-details')).statusCode).toBe(200);
    const submitted = await act(g.cookie, r.id, 'submit');
    expect(submitted.statusCode).toBe(200);
    expect(submitted.json().stage).toBe('submitted');

    // The Graduate Office: review, return with a next action, resubmission, approval.
    expect((await act(office, r.id, 'start-review')).json().stage).toBe('under_review');
    const noNote = await act(office, r.id, 'return');
    expect(noNote.statusCode).toBe(409);
    expect(noNote.json().unmet[0].code).toBe('note_required');
    const returned = await act(office, r.id, 'return', { note: 'تصویر کارت پایان خدمت خوانا نیست.' });
    expect(returned.json()).toMatchObject({
      stage: 'returned',
      nextAction: { note: 'تصویر کارت پایان خدمت خوانا نیست.' },
    });
    expect((await get(g.cookie, r.id)).json().nextAction.note).toBe('تصویر کارت پایان خدمت خوانا نیست.');
    const resubmitted = await act(g.cookie, r.id, 'submit');
    expect(resubmitted.json()).toMatchObject({ stage: 'submitted', nextAction: null });
    await act(office, r.id, 'start-review');
    const notAccepted = await act(office, r.id, 'approve');
    expect(notAccepted.statusCode).toBe(409);
    expect(new Set(notAccepted.json().unmet.map((u: { code: string }) => u.code))).toEqual(
      new Set(['document_not_accepted']),
    );
    await h.t.db.updateTable('documents').set({ reviewStatus: 'accepted' }).where('requestId', '=', r.id).execute();
    expect((await act(office, r.id, 'approve')).json().stage).toBe('approved');

    // Ticks are frozen from approval on.
    const revoke = await tick(freeEd, r.id, 'cancellation', false, 'بررسی دوباره');
    expect(revoke.statusCode).toBe(409);
    expect(revoke.json().unmet[0].code).toBe('ticks_frozen');

    const printing = await act(office, r.id, 'start-printing');
    expect(printing.json().diplomaNumber).toMatch(/^14\d\d-\d{6}$/);
    await act(office, r.id, 'send-for-signature');
    await act(office, r.id, 'mark-ready');
    const delivered = await act(office, r.id, 'deliver');
    expect(delivered.json()).toMatchObject({ stage: 'delivered', allowedActions: [] });
    expect(delivered.json().history.map((s: { toStage: string }) => s.toStage)).toEqual([
      'draft',
      'draft',
      'submitted',
      'under_review',
      'returned',
      'submitted',
      'under_review',
      'approved',
      'printing',
      'signing',
      'ready',
      'delivered',
    ]);

    const events = (await auditEvents(h.t)).filter((e) => e.requestId === r.id).map((e) => e.action);
    expect(events).toEqual([
      'request.open',
      'cancellation.update',
      'tick.cancellation.set',
      'welfare.update',
      'tick.welfare.set',
      'request.confirm-details',
      'request.submit',
      'request.start-review',
      'request.return',
      'request.submit',
      'request.start-review',
      'request.approve',
      'request.start-printing',
      'request.send-for-signature',
      'request.mark-ready',
      'request.deliver',
    ]);
    const outbox = await h.t.db
      .selectFrom('notificationOutbox')
      .select('template')
      .where('requestId', '=', r.id)
      .orderBy('id')
      .execute();
    expect(outbox.map((o) => o.template)).toEqual(['cancellation_completed', 'request_returned', 'ready_for_pickup']);
  });
});

describe('refusals', () => {
  it('a stale version is 409 and changes nothing', async () => {
    const g = await createGraduate(h, office, admin);
    const r = await open(g);
    const before = (await auditEvents(h.t)).length;
    const stale = await act(g.cookie, r.id, 'withdraw', { version: r.version + 5 });
    expect(stale.statusCode).toBe(409);
    expect(stale.json().type).toBe('/api/problems/stale-version');
    expect((await get(office, r.id)).json().stage).toBe('draft');
    expect((await auditEvents(h.t)).length).toBe(before);
  });

  it('a graduate never reaches another graduate’s request (404), and offices never act as the Graduate Office (403)', async () => {
    const a = await createGraduate(h, office, admin);
    const b = await createGraduate(h, office, admin);
    const r = await open(b);
    expect((await get(a.cookie, r.id)).statusCode).toBe(404);
    expect((await act(a.cookie, r.id, 'withdraw', { version: r.version })).statusCode).toBe(404);
    expect((await tick(a.cookie, r.id, 'cancellation', true)).statusCode).toBe(404);
    for (const cookie of [freeEd, welfare, auditor]) {
      expect((await act(cookie, r.id, 'withdraw', { version: r.version })).statusCode).toBe(403);
    }
    const list = await h.call(a.cookie, { method: 'GET', url: '/api/requests' });
    expect(list.json()).toEqual([]);
    expect((await h.call(admin, { method: 'GET', url: '/api/requests' })).statusCode).toBe(403);
  });

  it('one open request per graduate, and a graduate cannot open one for someone else', async () => {
    const a = await createGraduate(h, office, admin);
    const b = await createGraduate(h, office, admin);
    await open(a);
    expect((await h.call(a.cookie, { method: 'POST', url: '/api/requests', payload: {} })).statusCode).toBe(409);
    expect(
      (await h.call(a.cookie, { method: 'POST', url: '/api/requests', payload: { graduateId: b.id } })).statusCode,
    ).toBe(404);
    expect(
      (await h.call(office, { method: 'POST', url: '/api/requests', payload: { graduateId: b.id } })).statusCode,
    ).toBe(201);
  });

  it('a revocation needs a reason and is kept in the tick history', async () => {
    const g = await createGraduate(h, office, admin);
    const r = await open(g);
    let v = r.version;
    await h.call(welfare, {
      method: 'PUT',
      url: `/api/requests/${r.id}/welfare`,
      payload: { version: v, hasDebt: false, settled: false },
    });
    expect((await tick(welfare, r.id, 'welfare', true)).statusCode).toBe(200);
    const noReason = await tick(welfare, r.id, 'welfare', false);
    expect(noReason.json().unmet[0].code).toBe('reason_required');
    const revoked = await tick(welfare, r.id, 'welfare', false, 'بدهی تازه‌ای پیدا شد');
    expect(revoked.json().ticks.welfare).toMatchObject({ set: false, reason: 'بدهی تازه‌ای پیدا شد' });
    v = revoked.json().version;
    const rows = await h.t.db
      .selectFrom('tickEvents')
      .select(['set', 'reason'])
      .where('requestId', '=', r.id)
      .orderBy('id')
      .execute();
    expect(rows).toEqual([
      { set: true, reason: null },
      { set: false, reason: 'بدهی تازه‌ای پیدا شد' },
    ]);
    expect(v).toBe(r.version + 3);
  });

  it('details confirmed before a correction: submit and approve wait for its review, and an accepted one needs a new confirmation', async () => {
    const g = await createGraduate(h, office, admin, { gender: 'female' });
    const r = await open(g);
    const put = (cookie: string, part: string, payload: object) =>
      h.call(cookie, { method: 'PUT', url: `/api/requests/${r.id}/${part}`, payload });
    const version = (
      await put(freeEd, 'cancellation', {
        version: r.version,
        route: 'government_employment',
        saorgTrackingCode: null,
        amountOwed: 0,
        amountPaid: 0,
        paymentRef: null,
      })
    ).json().version;
    await put(welfare, 'welfare', { version, hasDebt: false, settled: false });
    for (const kind of ['employment_decree', 'cancellation_sheet', 'lower_degree_diploma'] as const)
      await putDocument(h, r.id, g.id, kind);
    expect((await tick(freeEd, r.id, 'cancellation', true)).statusCode).toBe(200);
    expect((await act(g.cookie, r.id, 'confirm-details')).statusCode).toBe(200);
    const correct = async (changes: object) =>
      (
        await h.call(g.cookie, {
          method: 'POST',
          url: `/api/graduates/${g.id}/corrections`,
          payload: { changes },
        })
      ).json().id as string;
    const review = (id: string, decision: string) =>
      h.call(office, {
        method: 'POST',
        url: `/api/corrections/${id}/review`,
        payload: { decision, ...(decision === 'rejected' ? { note: 'با شناسنامه نمی‌خواند.' } : {}) },
      });
    const unmet = (res: { json(): { unmet?: Array<{ code: string }> } }) => res.json().unmet?.map((u) => u.code);

    const fatherName = await correct({ fatherName: 'رضا' });
    expect(unmet(await act(g.cookie, r.id, 'submit'))).toEqual(['corrections_pending']);
    expect((await review(fatherName, 'accepted')).statusCode).toBe(200);
    // The details the graduate confirmed are no longer the ones on record: the diploma would carry the old ones.
    expect(unmet(await act(g.cookie, r.id, 'submit'))).toEqual(['details_not_confirmed']);
    expect((await act(g.cookie, r.id, 'confirm-details')).statusCode).toBe(200);
    expect((await act(g.cookie, r.id, 'submit')).statusCode).toBe(200);
    expect((await act(office, r.id, 'start-review')).statusCode).toBe(200);

    const lastName = await correct({ lastName: 'احمدی' });
    const waiting = await get(office, r.id);
    expect(waiting.json().blockedActions.approve.map((u: { code: string }) => u.code)).toEqual(['corrections_pending']);
    expect(unmet(await act(office, r.id, 'approve'))).toEqual(['corrections_pending']);
    expect((await review(lastName, 'rejected')).statusCode).toBe(200);
    const approved = await act(office, r.id, 'approve');
    expect(approved.statusCode, approved.body).toBe(200);
    // Approved on the details confirmed after the accepted correction, not the rejected one.
    expect(approved.json().confirmedDetails).toMatchObject({ fatherName: 'رضا', lastName: r.graduate.lastName });
  });

  it('a set tick stands on its record: the case or welfare record cannot change under it until it is revoked', async () => {
    const g = await createGraduate(h, office, admin);
    const r = await open(g);
    const put = async (cookie: string, part: string, payload: object) =>
      h.call(cookie, {
        method: 'PUT',
        url: `/api/requests/${r.id}/${part}`,
        payload: { version: (await get(office, r.id)).json().version, ...payload },
      });
    const employment = { route: 'employment', saorgTrackingCode: null, amountOwed: 0, amountPaid: 0, paymentRef: null };
    expect((await put(freeEd, 'cancellation', employment)).statusCode).toBe(200);
    for (const kind of ['employment_certificate', 'insurance_record'] as const) await putDocument(h, r.id, g.id, kind);
    expect((await put(welfare, 'welfare', { hasDebt: true, settled: true })).statusCode).toBe(200);
    expect((await tick(freeEd, r.id, 'cancellation', true)).statusCode).toBe(200);
    expect((await tick(welfare, r.id, 'welfare', true)).statusCode).toBe(200);
    const before = { request: (await get(office, r.id)).json(), events: (await auditEvents(h.t)).length };
    const codes = (res: { json(): { unmet: Array<{ code: string }> } }) => res.json().unmet.map((u) => u.code);

    // A debt recorded after the tick, or a route the documents do not support: the tick would stand on nothing.
    const owed = await put(freeEd, 'cancellation', { ...employment, amountOwed: '5000000' });
    expect(owed.statusCode).toBe(409);
    expect(codes(owed)).toEqual(['tick_set', 'amount_unpaid']);
    expect(codes(await put(freeEd, 'cancellation', { ...employment, route: 'scholarship' }))).toEqual([
      'tick_set',
      'document_not_accepted',
      'scholarship_cost_unpaid',
    ]);
    expect(codes(await put(welfare, 'welfare', { hasDebt: true, settled: false }))).toEqual([
      'tick_set',
      'welfare_debt_unsettled',
    ]);
    expect(codes(await put(welfare, 'welfare', { hasDebt: null, settled: false }))).toEqual([
      'tick_set',
      'welfare_unchecked',
    ]);
    const after = (await get(office, r.id)).json();
    expect([after.version, after.cancellationCase, after.welfare]).toEqual([
      before.request.version,
      before.request.cancellationCase,
      before.request.welfare,
    ]);
    expect((await auditEvents(h.t)).length).toBe(before.events);

    // What keeps the tick's ground is allowed; after a revocation, anything is.
    expect((await put(freeEd, 'cancellation', { ...employment, saorgTrackingCode: '140577' })).statusCode).toBe(200);
    expect((await put(welfare, 'welfare', { hasDebt: false, settled: false })).statusCode).toBe(200);
    expect((await tick(freeEd, r.id, 'cancellation', false, 'بدهی تازه‌ای ثبت شد')).statusCode).toBe(200);
    expect((await put(freeEd, 'cancellation', { ...employment, amountOwed: '5000000' })).statusCode).toBe(200);
  });

  it('field-level: the Welfare Office cannot edit the cancellation case, nor the Free-Education Office the welfare record', async () => {
    const g = await createGraduate(h, office, admin);
    const r = await open(g);
    const c = await h.call(welfare, {
      method: 'PUT',
      url: `/api/requests/${r.id}/cancellation`,
      payload: {
        version: r.version,
        route: 'employment',
        saorgTrackingCode: null,
        amountOwed: 0,
        amountPaid: 0,
        paymentRef: null,
      },
    });
    expect(c.statusCode).toBe(403);
    const w = await h.call(freeEd, {
      method: 'PUT',
      url: `/api/requests/${r.id}/welfare`,
      payload: { version: r.version, hasDebt: false, settled: false },
    });
    expect(w.statusCode).toBe(403);
  });
});

describe('the request list', () => {
  it('filters by queue, stage, ticks and search, oldest first, with time in stage and overdue', async () => {
    const g = await createGraduate(h, office, admin, { firstName: 'نیلوفر', lastName: 'كاظمي' });
    const r = await open(g);
    await h.t.db
      .updateTable('diplomaRequests')
      .set({ stageEnteredAt: new Date(Date.now() - 20 * 86_400_000) })
      .where('id', '=', r.id)
      .execute();
    const queue = await h.call(freeEd, {
      method: 'GET',
      url: `/api/requests${q({ filter: { queue: 'free_education_officer', overdue: false, q: 'کاظمی' } })}`,
    });
    expect(queue.statusCode).toBe(200);
    // A draft waits on the graduate: never overdue, however long (working-calendar.test.ts has the flags).
    expect(queue.json()).toEqual([
      expect.objectContaining({ id: r.id, overdue: false, waitingOnGraduate: true, stage: 'draft' }),
    ]);
    expect(queue.json()[0].daysInStage).toBeGreaterThanOrEqual(12);
    expect(queue.headers['content-range']).toBe('requests 0-0/1');
    const graduateQueue = await h.call(office, {
      method: 'GET',
      url: `/api/requests${q({ filter: { queue: 'graduate_officer', id: [r.id] } })}`,
    });
    expect(graduateQueue.json()).toEqual([]);
    const welfareQueue = async () =>
      (
        await h.call(office, {
          method: 'GET',
          url: `/api/requests${q({ filter: { queue: 'welfare_officer', id: [r.id] } })}`,
        })
      ).json();
    expect(await welfareQueue()).toHaveLength(1);
    const detail = (await get(office, r.id)).json();
    expect(detail).toMatchObject({
      stageTargetDays: null,
      uploadRules: [],
      caseRules: { cancellation: [], welfare: [] },
    });
    const welfare = await h.login('welfare.office');
    await h.call(welfare, {
      method: 'PUT',
      url: `/api/requests/${r.id}/welfare`,
      payload: { version: detail.version, hasDebt: false, settled: false },
    });
    // No debt: nothing is waiting on the Welfare Office.
    expect(await welfareQueue()).toEqual([]);
    const byFaculty = await h.call(office, {
      method: 'GET',
      url: `/api/requests${q({ filter: { faculty: 'کامپیوتر', id: [r.id] } })}`,
    });
    expect(byFaculty.json()).toHaveLength(1);
    expect((await get(g.cookie, r.id)).json().uploadRules).toEqual([]);
    const bad = await h.call(office, { method: 'GET', url: `/api/requests${q({ filter: { stage: 'lost' } })}` });
    expect(bad.statusCode).toBe(400);
  });

  it('an empty list of stages matches no request, as an empty list of ids does', async () => {
    const g = await createGraduate(h, office, admin);
    await h.call(g.cookie, { method: 'POST', url: '/api/requests', payload: {} });
    for (const filter of [{ stage: [] }, { id: [] }]) {
      const res = await h.call(office, { method: 'GET', url: `/api/requests${q({ filter })}` });
      expect(res.statusCode, res.body).toBe(200);
      expect(res.json()).toEqual([]);
      expect(res.headers['content-range']).toBe('requests 0-0/0');
    }
  });
});
