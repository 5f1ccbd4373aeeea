import { verifyAuditChain } from '@diploma-desk/db';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { createGraduate, putDocument } from '../fixtures.ts';
import { createTestApp, type TestApp } from '../helpers.ts';

// On real PostgreSQL (TEST_DATABASE_URL) these requests really run in parallel on a pool of connections;
// the row lock and the version check must make the outcome the same as on the one-connection PGlite.
let h: TestApp;
let office = '';
let admin = '';
beforeAll(async () => {
  h = await createTestApp();
  office = await h.login('graduate.office');
  admin = await h.login('admin');
});
afterAll(() => h.close());

it('20 clients racing the same action with the same version: exactly one wins, the rest get 409', async () => {
  const g = await createGraduate(h, office, admin);
  const r = (await h.call(g.cookie, { method: 'POST', url: '/api/requests', payload: {} })).json();
  const results = await Promise.all(
    Array.from({ length: 20 }, () =>
      h.call(office, {
        method: 'POST',
        url: `/api/requests/${r.id}/actions/withdraw`,
        payload: { version: r.version },
      }),
    ),
  );
  const codes = results.map((res) => res.statusCode).sort();
  expect(codes.filter((c) => c === 200)).toHaveLength(1);
  expect(codes.filter((c) => c === 409)).toHaveLength(19);
  const history = await h.t.db.selectFrom('requestStageHistory').selectAll().where('requestId', '=', r.id).execute();
  expect(history.map((s) => s.action)).toEqual(['open', 'withdraw']);
  expect((await verifyAuditChain(h.t.db)).ok).toBe(true);
});

it('two offices ticking the same request at once both land', async () => {
  const g = await createGraduate(h, office, admin);
  const r = (await h.call(g.cookie, { method: 'POST', url: '/api/requests', payload: {} })).json();
  const freeEd = await h.login('free.education');
  const welfare = await h.login('welfare.office');
  await h.call(freeEd, {
    method: 'PUT',
    url: `/api/requests/${r.id}/cancellation`,
    payload: {
      version: r.version,
      route: 'government_employment',
      saorgTrackingCode: null,
      amountOwed: 0,
      amountPaid: 0,
      paymentRef: null,
    },
  });
  const v = (await h.call(office, { method: 'GET', url: `/api/requests/${r.id}` })).json().version;
  await h.call(welfare, {
    method: 'PUT',
    url: `/api/requests/${r.id}/welfare`,
    payload: { version: v, hasDebt: false, settled: false },
  });
  await putDocument(h, r.id, g.id, 'employment_decree');
  const [c, w] = await Promise.all([
    h.call(freeEd, { method: 'POST', url: `/api/requests/${r.id}/ticks/cancellation`, payload: { set: true } }),
    h.call(welfare, { method: 'POST', url: `/api/requests/${r.id}/ticks/welfare`, payload: { set: true } }),
  ]);
  expect([c.statusCode, w.statusCode]).toEqual([200, 200]);
  const after = (await h.call(office, { method: 'GET', url: `/api/requests/${r.id}` })).json();
  expect(after.ticks.cancellation.set && after.ticks.welfare.set).toBe(true);
  expect(after.version).toBe(v + 3);
});

it('a revocation racing an approval: one wins cleanly, the other is refused', async () => {
  const g = await createGraduate(h, office, admin, { gender: 'female' });
  const r = (await h.call(g.cookie, { method: 'POST', url: '/api/requests', payload: {} })).json();
  const freeEd = await h.login('free.education');
  const welfare = await h.login('welfare.office');
  let v = r.version;
  v = (
    await h.call(freeEd, {
      method: 'PUT',
      url: `/api/requests/${r.id}/cancellation`,
      payload: {
        version: v,
        route: 'government_employment',
        saorgTrackingCode: null,
        amountOwed: 0,
        amountPaid: 0,
        paymentRef: null,
      },
    })
  ).json().version;
  v = (
    await h.call(welfare, {
      method: 'PUT',
      url: `/api/requests/${r.id}/welfare`,
      payload: { version: v, hasDebt: false, settled: false },
    })
  ).json().version;
  for (const kind of ['employment_decree', 'cancellation_sheet', 'lower_degree_diploma'] as const)
    await putDocument(h, r.id, g.id, kind);
  await h.call(freeEd, { method: 'POST', url: `/api/requests/${r.id}/ticks/cancellation`, payload: { set: true } });
  await h.call(welfare, { method: 'POST', url: `/api/requests/${r.id}/ticks/welfare`, payload: { set: true } });
  const act = async (cookie: string, action: string) => {
    const version = (await h.call(office, { method: 'GET', url: `/api/requests/${r.id}` })).json().version;
    return h.call(cookie, { method: 'POST', url: `/api/requests/${r.id}/actions/${action}`, payload: { version } });
  };
  await act(g.cookie, 'confirm-details');
  await act(g.cookie, 'submit');
  await act(office, 'start-review');
  const version = (await h.call(office, { method: 'GET', url: `/api/requests/${r.id}` })).json().version;
  const [approve, revoke] = await Promise.all([
    h.call(office, { method: 'POST', url: `/api/requests/${r.id}/actions/approve`, payload: { version } }),
    h.call(freeEd, {
      method: 'POST',
      url: `/api/requests/${r.id}/ticks/cancellation`,
      payload: { set: false, reason: 'نامه جعلی بود' },
    }),
  ]);
  const outcome = [approve.statusCode, revoke.statusCode];
  expect([
    [200, 409],
    [409, 200],
  ]).toContainEqual(outcome);
  const final = (await h.call(office, { method: 'GET', url: `/api/requests/${r.id}` })).json();
  // Never both: an approved request always still has its cancellation tick.
  expect(final.stage === 'approved' ? final.ticks.cancellation.set : !final.ticks.cancellation.set).toBe(true);
});
