import { generateNationalId, verifyAuditChain } from '@diploma-desk/db';
import type { LightMyRequestResponse } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createGraduate, graduateCsv, importBody, pdfBytes, putDocument, uploadBody } from './fixtures.ts';
import { createTestApp, type TestApp } from './helpers.ts';

/**
 * Every mutation is audited: each route that can change state is enumerated from Fastify's own route table,
 * and for each one the table below proves that a successful call writes exactly one event and a refused
 * (or rolled-back) one writes none. A new route that is not in the table fails the first test.
 */
const MUTATING = new Set(['POST', 'PUT', 'PATCH', 'DELETE']);

let h: TestApp;
let admin = '';
let office = '';
let freeEd = '';
let welfare = '';
let auditor = '';
beforeAll(async () => {
  h = await createTestApp({ LOGIN_MAX_FAILURES_PER_ACCOUNT: '2' });
  admin = await h.login('admin');
  office = await h.login('graduate.office');
  freeEd = await h.login('free.education');
  welfare = await h.login('welfare.office');
  auditor = await h.login('auditor');
});
afterAll(() => h.close());

type Res = LightMyRequestResponse;
interface Tally {
  successes: number;
  refusals: number;
}

async function lastEventId(): Promise<string> {
  const row = await h.t.db
    .selectFrom('auditEvents')
    .select((eb) => eb.fn.max('id').as('id'))
    .executeTakeFirst();
  return row?.id ?? '0';
}

/**
 * One call, its expected status, and the actions of exactly the events it must have written. For a
 * mutating route a success must write exactly one.
 */
function stepper(tally: Tally, mutating = true) {
  return async (status: number, actions: string[], call: () => Promise<Res>): Promise<Res> => {
    const before = await lastEventId();
    const res = await call();
    expect(res.statusCode, res.body).toBe(status);
    const written = await h.t.db
      .selectFrom('auditEvents')
      .select('action')
      .where('id', '>', before)
      .orderBy('id')
      .execute();
    expect(
      written.map((e) => e.action),
      `${status}: ${res.body.slice(0, 200)}`,
    ).toEqual(actions);
    if (status < 300) {
      if (mutating) expect(actions).toHaveLength(1);
      tally.successes += 1;
    } else if (actions.length === 0) {
      tally.refusals += 1;
    }
    return res;
  };
}
type Step = ReturnType<typeof stepper>;

const post = (cookie: string | undefined, url: string, payload?: object) =>
  h.call(cookie, { method: 'POST', url, ...(payload ? { payload } : {}) });
const put = (cookie: string | undefined, url: string, payload: object) =>
  h.call(cookie, { method: 'PUT', url, payload });
const versionOf = async (id: string) =>
  (await h.call(office, { method: 'GET', url: `/api/requests/${id}` })).json().version;

async function openRequest(graduate: { cookie: string }) {
  const res = await post(graduate.cookie, '/api/requests', {});
  expect(res.statusCode).toBe(201);
  return res.json() as { id: string; version: number };
}

/** A request whose cancellation case and welfare record are complete, so both ticks may be set. */
async function tickableRequest() {
  const g = await createGraduate(h, office, admin, { gender: 'female' });
  const r = await openRequest(g);
  await put(freeEd, `/api/requests/${r.id}/cancellation`, {
    version: await versionOf(r.id),
    route: 'government_employment',
    saorgTrackingCode: null,
    amountOwed: 0,
    amountPaid: 0,
    paymentRef: null,
  });
  await put(welfare, `/api/requests/${r.id}/welfare`, {
    version: await versionOf(r.id),
    hasDebt: false,
    settled: false,
  });
  await putDocument(h, r.id, g.id, 'employment_decree');
  return { g, r };
}

const table: Record<string, (step: Step) => Promise<void>> = {
  'POST /api/auth/login': async (step) => {
    const login = (username: string, password: string) => post(undefined, '/api/auth/login', { username, password });
    await step(400, [], () => post(undefined, '/api/auth/login', { username: 'admin' }));
    // A failed login is an event of its own; once the account is locked, refusals write nothing.
    await step(401, ['auth.login_failed'], () => login('welfare.office', 'not the password'));
    await step(401, ['auth.login_failed'], () => login('welfare.office', 'still not the password'));
    await step(429, [], () => login('welfare.office', 'demo-pass-1405'));
    await step(200, ['auth.login'], () => login('auditor', 'demo-pass-1405'));
  },
  'POST /api/auth/logout': async (step) => {
    const cookie = await h.login('auditor');
    await step(401, [], () => post(undefined, '/api/auth/logout'));
    await step(403, [], () =>
      h.call(cookie, { method: 'POST', url: '/api/auth/logout', headers: { origin: 'https://evil.example' } }),
    );
    await step(204, ['auth.logout'], () => post(cookie, '/api/auth/logout'));
    await step(401, [], () => post(cookie, '/api/auth/logout'));
  },
  'POST /api/auth/password': async (step) => {
    const account = { username: 'changes.password', password: 'the first passphrase', role: 'auditor' };
    expect((await post(admin, '/api/users', { ...account, displayName: 'حسابرس' })).statusCode).toBe(201);
    const cookie = await h.login(account.username, account.password);
    const change = (body: object, headers: Record<string, string> = {}) =>
      h.call(cookie, { method: 'POST', url: '/api/auth/password', payload: body, headers });
    const body = { currentPassword: account.password, newPassword: 'the second passphrase' };
    await step(401, [], () => post(undefined, '/api/auth/password', body));
    await step(403, [], () => change(body, { origin: 'https://evil.example' }));
    await step(400, [], () => change({ newPassword: 'the second passphrase' }));
    // A wrong current password is an event of its own, like a failed login.
    await step(400, ['auth.password_change_failed'], () => change({ ...body, currentPassword: 'not it at all' }));
    await step(400, [], () => change({ ...body, newPassword: 'password1234' }));
    await step(200, ['user.change_password'], () => change(body));
  },
  'POST /api/users': async (step) => {
    const body = { username: 'new.officer', password: 'a long enough passphrase', role: 'welfare_officer' };
    await step(403, [], () => post(office, '/api/users', { ...body, displayName: 'x' }));
    await step(400, [], () => post(admin, '/api/users', { ...body, displayName: 'x', password: 'short' }));
    await step(400, [], () => post(admin, '/api/users', { ...body, displayName: 'x', extra: true }));
    await step(201, ['user.create'], () => post(admin, '/api/users', { ...body, displayName: 'کارشناس رفاه' }));
    await step(409, [], () => post(admin, '/api/users', { ...body, displayName: 'x' }));
  },
  'PUT /api/users/:id': async (step) => {
    const created = (
      await post(admin, '/api/users', {
        username: 'to.edit',
        password: 'a long enough passphrase',
        role: 'auditor',
        displayName: 'حسابرس',
      })
    ).json();
    const url = `/api/users/${created.id}`;
    await step(404, [], () => put(office, url, { version: 1, displayName: 'x' }));
    await step(404, [], () => put(admin, '/api/users/00000000-0000-4000-8000-000000000000', { version: 1 }));
    await step(400, [], () => put(admin, url, { version: 1, role: 'superuser' }));
    await step(409, [], () => put(admin, url, { version: 7, displayName: 'x' }));
    await step(200, ['user.update'], () => put(admin, url, { version: 1, displayName: 'حسابرس ارشد' }));
    await step(200, ['user.reset_password'], () =>
      put(admin, url, { version: 2, password: 'another long passphrase' }),
    );
    await step(200, ['user.deactivate'], () => put(admin, url, { version: 3, active: false }));
    await step(200, ['user.reactivate'], () => put(admin, url, { version: 4, active: true }));
  },
  'DELETE /api/users/:id/sessions': async (step) => {
    const auditorId = (await h.call(admin, { method: 'GET', url: '/api/users?filter={"role":"auditor"}' })).json()[0]
      .id as string;
    const url = `/api/users/${auditorId}/sessions`;
    const del = (cookie: string | undefined, path = url) => h.call(cookie, { method: 'DELETE', url: path });
    await h.login('auditor');
    await step(401, [], () => del(undefined));
    await step(404, [], () => del(office));
    await step(404, [], () => del(auditor));
    await step(404, [], () => del(admin, '/api/users/00000000-0000-4000-8000-000000000000/sessions'));
    await step(400, [], () => del(admin, '/api/users/not-a-uuid/sessions'));
    await step(403, [], () => h.call(admin, { method: 'DELETE', url, headers: { origin: 'https://evil.example' } }));
    await step(200, ['user.end_sessions'], () => del(admin));
    // Nothing left to end is still an admin's recorded act.
    await step(200, ['user.end_sessions'], () => del(admin));
    auditor = await h.login('auditor');
  },
  'POST /api/graduates': async (step) => {
    const body = {
      studentNumber: '40199999',
      nationalId: '0499370899',
      firstName: 'مریم',
      lastName: 'رضایی',
      fatherName: 'حسن',
      birthDate: '1995-01-01',
      gender: 'female',
      degreeLevel: 'phd',
      faculty: 'ریاضی',
      program: 'آمار',
    };
    await step(403, [], () => post(freeEd, '/api/graduates', body));
    await step(400, [], () => post(office, '/api/graduates', { ...body, nationalId: '0499370898' }));
    await step(201, ['graduate.create'], () => post(office, '/api/graduates', body));
    await step(409, [], () => post(office, '/api/graduates', { ...body, studentNumber: '40199998' }));
  },
  'POST /api/graduates/:id/corrections': async (step) => {
    const g = await createGraduate(h, office, admin);
    const other = await createGraduate(h, office, admin);
    const url = `/api/graduates/${g.id}/corrections`;
    await step(404, [], () => post(other.cookie, url, { changes: { fatherName: 'x' } }));
    await step(403, [], () => post(office, url, { changes: { fatherName: 'x' } }));
    await step(400, [], () => post(g.cookie, url, { changes: {} }));
    await step(201, ['correction.request'], () => post(g.cookie, url, { changes: { fatherName: 'رضا' } }));
  },
  'POST /api/corrections/:id/review': async (step) => {
    const g = await createGraduate(h, office, admin);
    const asked = (
      await post(g.cookie, `/api/graduates/${g.id}/corrections`, { changes: { lastName: 'کریمی' } })
    ).json();
    const url = `/api/corrections/${asked.id}/review`;
    await step(403, [], () => post(g.cookie, url, { decision: 'accepted' }));
    await step(404, [], () =>
      post(office, '/api/corrections/00000000-0000-4000-8000-000000000000/review', { decision: 'accepted' }),
    );
    // Refused inside its transaction, after the row lock: rolled back, nothing written.
    await step(400, [], () => post(office, url, { decision: 'rejected' }));
    await step(200, ['correction.accept'], () => post(office, url, { decision: 'accepted' }));
    await step(409, [], () => post(office, url, { decision: 'rejected', note: 'x' }));
  },
  'POST /api/requests': async (step) => {
    const g = await createGraduate(h, office, admin);
    const other = await createGraduate(h, office, admin);
    await step(404, [], () => post(other.cookie, '/api/requests', { graduateId: g.id }));
    await step(403, [], () => post(welfare, '/api/requests', { graduateId: g.id }));
    await step(400, [], () => post(office, '/api/requests', {}));
    await step(201, ['request.open'], () => post(g.cookie, '/api/requests', {}));
    await step(409, [], () => post(office, '/api/requests', { graduateId: g.id }));
  },
  'POST /api/requests/:id/actions/:action': async (step) => {
    const { g, r } = await tickableRequest();
    const other = await createGraduate(h, office, admin);
    const act = async (cookie: string, action: string, status: number, actions: string[], extra: object = {}) =>
      step(status, actions, async () =>
        post(cookie, `/api/requests/${r.id}/actions/${action}`, { version: await versionOf(r.id), ...extra }),
      );
    await step(400, [], () => post(g.cookie, `/api/requests/${r.id}/actions/teleport`, { version: 1 }));
    await step(404, [], () => post(other.cookie, `/api/requests/${r.id}/actions/withdraw`, { version: 1 }));
    await act(welfare, 'withdraw', 403, []);
    await step(409, [], () => post(g.cookie, `/api/requests/${r.id}/actions/confirm-details`, { version: 99 }));
    // Blocked by a workflow rule after the row lock: rolled back.
    await act(g.cookie, 'submit', 409, []);
    await post(freeEd, `/api/requests/${r.id}/ticks/cancellation`, { set: true });
    await post(welfare, `/api/requests/${r.id}/ticks/welfare`, { set: true });
    for (const kind of ['cancellation_sheet', 'lower_degree_diploma'] as const) await putDocument(h, r.id, g.id, kind);
    await act(g.cookie, 'confirm-details', 200, ['request.confirm-details']);
    await act(g.cookie, 'submit', 200, ['request.submit']);
    await act(office, 'start-review', 200, ['request.start-review']);
    await act(office, 'return', 409, []);
    await act(office, 'return', 200, ['request.return'], { note: 'تصویر مدرک خوانا نیست.' });
    await act(g.cookie, 'submit', 200, ['request.submit']);
    await act(office, 'start-review', 200, ['request.start-review']);
    await act(office, 'approve', 200, ['request.approve']);
    await act(office, 'start-printing', 200, ['request.start-printing']);
    await act(office, 'send-for-signature', 200, ['request.send-for-signature']);
    await act(office, 'mark-ready', 200, ['request.mark-ready']);
    await act(office, 'deliver', 200, ['request.deliver']);
    await act(office, 'withdraw', 409, []);
    const second = await openRequest(other);
    await step(200, ['request.withdraw'], () =>
      post(other.cookie, `/api/requests/${second.id}/actions/withdraw`, { version: second.version }),
    );
  },
  'POST /api/requests/:id/ticks/:kind': async (step) => {
    const g = await createGraduate(h, office, admin);
    const bare = await openRequest(g);
    await step(409, [], () => post(freeEd, `/api/requests/${bare.id}/ticks/cancellation`, { set: true }));
    const { r } = await tickableRequest();
    const other = await createGraduate(h, office, admin);
    const url = (kind: string) => `/api/requests/${r.id}/ticks/${kind}`;
    await step(400, [], () => post(freeEd, url('diploma'), { set: true }));
    await step(404, [], () => post(other.cookie, url('cancellation'), { set: true }));
    await step(403, [], () => post(welfare, url('cancellation'), { set: true }));
    await step(409, [], () => post(freeEd, url('cancellation'), { set: true, version: 1 }));
    await step(200, ['tick.cancellation.set'], () => post(freeEd, url('cancellation'), { set: true }));
    await step(200, ['tick.cancellation.revoke'], () =>
      post(freeEd, url('cancellation'), { set: false, reason: 'مدرک بیمه ناقص است' }),
    );
    await step(200, ['tick.welfare.set'], () => post(welfare, url('welfare'), { set: true }));
  },
  // A holding is no change to the request's content (its version stays), yet every change of it is an event.
  'POST /api/requests/:id/claim': async (step) => {
    const r = await openRequest(await createGraduate(h, office, admin));
    const url = `/api/requests/${r.id}/claim`;
    await step(401, [], () => post(undefined, url));
    await step(403, [], () => post(auditor, url));
    // A draft does not wait on the Graduate Office yet.
    await step(409, [], () => post(office, url));
    await step(200, ['assignment.claim'], () => post(freeEd, url));
    await step(409, [], () => post(freeEd, url));
  },
  'POST /api/requests/:id/release': async (step) => {
    const g = await createGraduate(h, office, admin);
    const r = await openRequest(g);
    const url = `/api/requests/${r.id}/release`;
    await step(409, [], () => post(freeEd, url));
    expect((await post(freeEd, `/api/requests/${r.id}/claim`)).statusCode).toBe(200);
    await step(403, [], () => post(g.cookie, url));
    await step(200, ['assignment.release'], () => post(freeEd, url));
  },
  'POST /api/requests/:id/assign': async (step) => {
    const r = await openRequest(await createGraduate(h, office, admin));
    const url = `/api/requests/${r.id}/assign`;
    const idOf = async (username: string) =>
      (await h.t.db.selectFrom('users').select('id').where('username', '=', username).executeTakeFirstOrThrow()).id;
    const [officer, noOffice] = [await idOf('free.education'), await idOf('auditor')];
    await step(400, [], () => post(freeEd, url, { userId: noOffice, currentAssigneeId: null }));
    await step(403, [], () => post(welfare, url, { userId: officer, currentAssigneeId: null }));
    await step(409, [], () => post(freeEd, url, { userId: officer, currentAssigneeId: officer }));
    await step(200, ['assignment.assign'], () => post(freeEd, url, { userId: officer, currentAssigneeId: null }));
  },
  // A bulk call writes one event per request it changes, each in that change's own transaction (and none for
  // a refused row): with one request named, exactly one.
  'POST /api/requests/bulk': async (step) => {
    const { g, r } = await tickableRequest();
    const items = async () => [{ id: r.id, version: await versionOf(r.id) }];
    const bulk = async (cookie: string | undefined, action: string, many = 1) =>
      post(cookie, '/api/requests/bulk', {
        action,
        items: (await Promise.all(Array.from({ length: many }, items))).flat(),
      });
    await step(401, [], () => bulk(undefined, 'set-cancellation-tick'));
    await step(403, [], () => bulk(welfare, 'set-cancellation-tick'));
    await step(400, [], () => bulk(freeEd, 'set-cancellation-tick', 2));
    await step(200, ['tick.cancellation.set'], () => bulk(freeEd, 'set-cancellation-tick'));
    await step(200, ['tick.welfare.set'], () => bulk(welfare, 'set-welfare-tick'));
    for (const kind of ['cancellation_sheet', 'lower_degree_diploma'] as const) await putDocument(h, r.id, g.id, kind);
    for (const action of ['confirm-details', 'submit']) {
      expect(
        (await post(g.cookie, `/api/requests/${r.id}/actions/${action}`, { version: await versionOf(r.id) }))
          .statusCode,
      ).toBe(200);
    }
    await step(403, [], () => bulk(g.cookie, 'start-review'));
    await step(200, ['request.start-review'], () => bulk(office, 'start-review'));
  },
  'PUT /api/requests/:id/cancellation': async (step) => {
    const g = await createGraduate(h, office, admin);
    const r = await openRequest(g);
    const url = `/api/requests/${r.id}/cancellation`;
    const body = {
      route: 'employment',
      saorgTrackingCode: '140500001',
      amountOwed: 0,
      amountPaid: 0,
      paymentRef: null,
    };
    await step(403, [], () => put(welfare, url, { ...body, version: r.version }));
    await step(403, [], () => put(g.cookie, url, { ...body, version: r.version }));
    await step(404, [], () =>
      put(freeEd, '/api/requests/00000000-0000-4000-8000-000000000000/cancellation', { ...body, version: 1 }),
    );
    await step(400, [], () => put(freeEd, url, { ...body, version: r.version, route: 'lottery' }));
    await step(409, [], () => put(freeEd, url, { ...body, version: r.version + 3 }));
    await step(200, ['cancellation.update'], () => put(freeEd, url, { ...body, version: r.version }));
  },
  'PUT /api/requests/:id/welfare': async (step) => {
    const g = await createGraduate(h, office, admin);
    const r = await openRequest(g);
    const url = `/api/requests/${r.id}/welfare`;
    const body = { hasDebt: true, settled: false, note: 'بدهی وام' };
    await step(403, [], () => put(freeEd, url, { ...body, version: r.version }));
    await step(400, [], () => put(welfare, url, { ...body, version: r.version, hasDebt: false, settled: true }));
    await step(409, [], () => put(welfare, url, { ...body, version: r.version + 1 }));
    await step(200, ['welfare.update'], () => put(welfare, url, { ...body, version: r.version }));
  },
  'POST /api/requests/:id/documents': async (step) => {
    const g = await createGraduate(h, office, admin);
    const r = await openRequest(g);
    const other = await createGraduate(h, office, admin);
    const url = `/api/requests/${r.id}/documents`;
    const upload = (cookie: string, kind: string, data: Buffer, type?: string) =>
      h.call(cookie, { method: 'POST', url, ...uploadBody(kind, data, 'scan.pdf', type) });
    await step(404, [], () => upload(other.cookie, 'transcript', pdfBytes()));
    await step(403, [], () => upload(welfare, 'transcript', pdfBytes()));
    await step(400, [], () => upload(g.cookie, 'diploma_photo', pdfBytes()));
    await step(415, [], () => upload(g.cookie, 'transcript', Buffer.from('GIF89a not a document')));
    await step(201, ['document.upload'], () => upload(g.cookie, 'transcript', pdfBytes()));
  },
  'POST /api/documents/:id/review': async (step) => {
    const g = await createGraduate(h, office, admin);
    const r = await openRequest(g);
    const other = await createGraduate(h, office, admin);
    const up = await h.call(g.cookie, {
      method: 'POST',
      url: `/api/requests/${r.id}/documents`,
      ...uploadBody('cancellation_sheet', pdfBytes()),
    });
    const url = `/api/documents/${up.json().id}/review`;
    await step(403, [], () => post(freeEd, url, { decision: 'accepted' }));
    await step(404, [], () => post(other.cookie, url, { decision: 'accepted' }));
    await step(400, [], () => post(office, url, { decision: 'rejected' }));
    await step(409, [], () => post(office, url, { decision: 'accepted', version: 1 }));
    await step(200, ['document.review'], () => post(office, url, { decision: 'accepted' }));
  },
  // The dry run records the upload; the commit writes one event per graduate it creates (here, one).
  'POST /api/graduate-imports': async (step) => {
    const file = graduateCsv([{ studentNumber: '91500001', nationalId: generateNationalId() }]);
    const send = (cookie: string | undefined, data: Buffer) =>
      h.call(cookie, { method: 'POST', url: '/api/graduate-imports', ...importBody(data) });
    await step(401, [], () => send(undefined, file));
    await step(403, [], () => send(freeEd, file));
    await step(400, [], () => send(office, Buffer.from('نام,نام خانوادگی\nسارا,کریمی\n')));
    await step(201, ['graduate_import.upload'], () => send(office, file));
  },
  'POST /api/graduate-imports/:id/commit': async (step) => {
    const file = graduateCsv([{ studentNumber: '91500002', nationalId: generateNationalId() }]);
    const uploaded = await h.call(office, { method: 'POST', url: '/api/graduate-imports', ...importBody(file) });
    const url = `/api/graduate-imports/${uploaded.json().id}/commit`;
    await step(404, [], () => post(welfare, url));
    await step(403, [], () => post(auditor, url));
    await step(404, [], () => post(office, '/api/graduate-imports/00000000-0000-4000-8000-000000000000/commit'));
    await step(200, ['graduate.import'], () => post(office, url));
  },
  'POST /api/saved-views': async (step) => {
    const body = { resource: 'requests', name: 'صف من', filter: { queue: 'welfare_officer' } };
    await step(400, [], () => post(welfare, '/api/saved-views', { ...body, filter: { queue: 'nobody' } }));
    await step(403, [], () => post(admin, '/api/saved-views', body));
    await step(201, ['saved_view.create'], () => post(welfare, '/api/saved-views', body));
    await step(409, [], () => post(welfare, '/api/saved-views', body));
  },
  'PUT /api/saved-views/:id': async (step) => {
    const view = (
      await post(welfare, '/api/saved-views', { resource: 'graduates', name: 'همه', scope: 'office' })
    ).json();
    const url = `/api/saved-views/${view.id}`;
    const other = await h.call(admin, {
      method: 'POST',
      url: '/api/users',
      payload: {
        username: 'welfare.two',
        password: 'a long enough passphrase',
        role: 'welfare_officer',
        displayName: 'x',
      },
    });
    expect(other.statusCode).toBe(201);
    const colleague = await h.login('welfare.two', 'a long enough passphrase');
    await step(403, [], () => put(colleague, url, { version: 1, name: 'مال من' }));
    await step(404, [], () => put(office, url, { version: 1, name: 'مال من' }));
    await step(409, [], () => put(welfare, url, { version: 4, name: 'همه' }));
    // Refused inside its transaction, after the row lock: rolled back, nothing written.
    await step(400, [], () => put(welfare, url, { version: 1, filter: { stage: 'draft' } }));
    await step(200, ['saved_view.update'], () => put(welfare, url, { version: 1, filter: { degreeLevel: 'phd' } }));
  },
  'DELETE /api/saved-views/:id': async (step) => {
    const view = (await post(auditor, '/api/saved-views', { resource: 'audit-events', name: 'ورودها' })).json();
    const url = `/api/saved-views/${view.id}`;
    const del = (cookie: string, ifMatch?: string) =>
      h.call(cookie, { method: 'DELETE', url, ...(ifMatch ? { headers: { 'if-match': ifMatch } } : {}) });
    await step(404, [], () => del(office));
    await step(409, [], () => del(auditor, '"2"'));
    await step(200, ['saved_view.delete'], () => del(auditor, '"1"'));
    await step(404, [], () => del(auditor));
  },
  'POST /api/holidays': async (step) => {
    const body = { date: '2026-10-01', nameFa: 'تعطیل ویژه', nameEn: 'Special closure', kind: 'other' };
    await step(403, [], () => post(office, '/api/holidays', body));
    await step(400, [], () => post(admin, '/api/holidays', { ...body, date: '2026-13-01' }));
    await step(201, ['calendar.holiday_create'], () => post(admin, '/api/holidays', body));
    await step(409, [], () => post(admin, '/api/holidays', body));
  },
  'PUT /api/holidays/:id': async (step) => {
    const created = await post(admin, '/api/holidays', {
      date: '2026-10-02',
      nameFa: 'تعطیل',
      nameEn: 'Closure',
      kind: 'other',
    });
    const url = `/api/holidays/${created.json().id}`;
    await step(403, [], () => put(auditor, url, { version: 1, nameEn: 'x' }));
    await step(409, [], () => put(admin, url, { version: 2, nameEn: 'x' }));
    await step(409, [], () => put(admin, url, { version: 1, date: '2026-03-21' }));
    await step(200, ['calendar.holiday_update'], () => put(admin, url, { version: 1, nameEn: 'A closure' }));
  },
  'DELETE /api/holidays/:id': async (step) => {
    const created = await post(admin, '/api/holidays', {
      date: '2026-10-03',
      nameFa: 'تعطیل',
      nameEn: 'Closure',
      kind: 'other',
    });
    const url = `/api/holidays/${created.json().id}`;
    const del = (cookie: string, ifMatch?: string) =>
      h.call(cookie, { method: 'DELETE', url, ...(ifMatch ? { headers: { 'if-match': ifMatch } } : {}) });
    await step(403, [], () => del(welfare));
    await step(409, [], () => del(admin, '"2"'));
    await step(200, ['calendar.holiday_delete'], () => del(admin, '"1"'));
    await step(404, [], () => del(admin));
  },
  'PUT /api/working-week': async (step) => {
    await step(403, [], () => put(office, '/api/working-week', { version: 1, thursday: 'off' }));
    await step(400, [], () => put(admin, '/api/working-week', { version: 1, thursday: 'never' }));
    await step(409, [], () => put(admin, '/api/working-week', { version: 5, thursday: 'off' }));
    await step(200, ['calendar.week_update'], () => put(admin, '/api/working-week', { version: 1, thursday: 'half' }));
  },
  'PUT /api/stage-targets': async (step) => {
    const target = (targetDays: number, version = 1, stage = 'signing') => ({
      targets: [{ office: 'graduate_officer', stage, targetDays, version }],
    });
    await step(403, [], () => put(freeEd, '/api/stage-targets', target(7)));
    await step(400, [], () => put(admin, '/api/stage-targets', target(0)));
    await step(400, [], () => put(admin, '/api/stage-targets', target(7, 1, 'draft')));
    await step(409, [], () => put(admin, '/api/stage-targets', target(7, 3)));
    await step(200, ['calendar.targets_update'], () => put(admin, '/api/stage-targets', target(7)));
  },
};

describe('every mutating route is audited', () => {
  it('the table covers every mutating route in the route table, and only those', () => {
    const routes = [
      ...new Set(h.app.routeList.filter((r) => MUTATING.has(r.method)).map((r) => `${r.method} ${r.url}`)),
    ].sort();
    expect(routes.length).toBeGreaterThan(10);
    expect(routes).toEqual(Object.keys(table).sort());
  });

  for (const [route, run] of Object.entries(table)) {
    it(`${route}: each success writes exactly one event, each refusal none`, async () => {
      const tally: Tally = { successes: 0, refusals: 0 };
      await run(stepper(tally));
      expect(tally.successes).toBeGreaterThan(0);
      expect(tally.refusals).toBeGreaterThan(0);
    });
  }

  it('a view of an identity document is a read that writes one event; other reads write none', async () => {
    const tally: Tally = { successes: 0, refusals: 0 };
    const step = stepper(tally, false);
    const g = await createGraduate(h, office, admin);
    const r = await openRequest(g);
    const other = await createGraduate(h, office, admin);
    const upload = async (kind: string) =>
      (
        await h.call(g.cookie, {
          method: 'POST',
          url: `/api/requests/${r.id}/documents`,
          ...uploadBody(kind, pdfBytes()),
        })
      ).json().id as string;
    const idCard = await upload('national_id_card');
    const transcript = await upload('transcript');
    const file = (cookie: string, id: string, method: 'GET' | 'HEAD' = 'GET') =>
      h.call(cookie, { method, url: `/api/documents/${id}/file` });
    await step(200, ['document.view'], () => file(freeEd, idCard));
    await step(200, ['document.view'], () => file(auditor, idCard));
    await step(200, [], () => file(freeEd, idCard, 'HEAD'));
    await step(404, [], () => file(other.cookie, idCard));
    await step(200, [], () => file(freeEd, transcript));
    await step(200, [], () => h.call(office, { method: 'GET', url: `/api/requests/${r.id}` }));
  });

  it('leaves an intact chain behind', async () => {
    expect((await verifyAuditChain(h.t.db)).ok).toBe(true);
  });
});
