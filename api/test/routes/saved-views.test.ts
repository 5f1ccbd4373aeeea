import { verifyAuditChain } from '@diploma-desk/db';
import type { LightMyRequestResponse } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../helpers.ts';

/**
 * Saved views: each caller's own and those shared with their office, created, renamed, re-shared, overwritten
 * with a list's state and deleted by their owner only; filter, sort and columns checked against the list the
 * view belongs to; every change audited, every refusal changing nothing.
 */

let h: TestApp;
let admin: string;
let office: string;
let colleague: string;
let freeEd: string;
let graduateCookie: string;
let colleagueId: string;

const PASSWORD = 'a long enough passphrase';

beforeAll(async () => {
  h = await createTestApp();
  admin = await h.login('admin');
  office = await h.login('graduate.office');
  freeEd = await h.login('free.education');
  // A second officer of the Graduate Office, made as the admin makes one.
  const made = await h.call(admin, {
    method: 'POST',
    url: '/api/users',
    payload: { username: 'second.officer', password: PASSWORD, role: 'graduate_officer', displayName: 'کارشناس دوم' },
  });
  expect(made.statusCode, made.body).toBe(201);
  colleagueId = made.json().id;
  colleague = await h.login('second.officer', PASSWORD);
  const graduate = await h.call(office, {
    method: 'POST',
    url: '/api/graduates',
    payload: {
      studentNumber: '40112345',
      nationalId: '0499370899',
      firstName: 'مریم',
      lastName: 'رضایی',
      fatherName: 'حسن',
      birthDate: '1995-01-01',
      gender: 'female',
      degreeLevel: 'phd',
      faculty: 'ریاضی',
      program: 'آمار',
    },
  });
  expect(graduate.statusCode, graduate.body).toBe(201);
  const account = await h.call(admin, {
    method: 'POST',
    url: '/api/users',
    payload: {
      username: 'graduate.view',
      password: PASSWORD,
      role: 'graduate',
      displayName: 'مریم',
      graduateId: graduate.json().id,
    },
  });
  expect(account.statusCode, account.body).toBe(201);
  graduateCookie = await h.login('graduate.view', PASSWORD);
});
afterAll(() => h.close());

const q = (params: Record<string, unknown>) =>
  `?${new URLSearchParams(Object.entries(params).map(([k, v]): [string, string] => [k, JSON.stringify(v)])).toString()}`;

const create = (cookie: string, payload: Record<string, unknown>) =>
  h.call(cookie, { method: 'POST', url: '/api/saved-views', payload });
const update = (cookie: string, id: string, payload: Record<string, unknown>) =>
  h.call(cookie, { method: 'PUT', url: `/api/saved-views/${id}`, payload });
const remove = (cookie: string, id: string, ifMatch?: string) =>
  h.call(cookie, {
    method: 'DELETE',
    url: `/api/saved-views/${id}`,
    ...(ifMatch ? { headers: { 'if-match': ifMatch } } : {}),
  });
const list = async (cookie: string, filter: Record<string, unknown> = {}) => {
  const res = await h.call(cookie, { method: 'GET', url: `/api/saved-views${q({ filter })}` });
  expect(res.statusCode, res.body).toBe(200);
  return res.json() as Array<{ id: string; name: string; ownerName: string; scope: string }>;
};
const names = async (cookie: string, filter: Record<string, unknown> = {}) =>
  (await list(cookie, filter)).map((v) => v.name).sort();

/** What a call may change: the views and the audit log. */
async function footprint() {
  const views = await h.t.db
    .selectFrom('savedViews')
    .select((eb) => [eb.fn.countAll<string>().as('n'), eb.fn.sum<string>('version').as('versions')])
    .executeTakeFirstOrThrow();
  const last = await h.t.db
    .selectFrom('auditEvents')
    .select((eb) => eb.fn.max('id').as('id'))
    .executeTakeFirstOrThrow();
  return { ...views, lastEvent: last.id };
}

async function expectRefused(res: LightMyRequestResponse, status: number, before: object, field?: string) {
  expect(res.statusCode, res.body).toBe(status);
  expect(String(res.headers['content-type'])).toMatch(/^application\/problem\+json/);
  if (field) expect(res.json().errors.map((e: { field: string }) => e.field)).toContain(field);
  expect(await footprint()).toEqual(before);
}

const eventsOf = (subjectId: string) =>
  h.t.db
    .selectFrom('auditEvents')
    .selectAll()
    .where('subjectType', '=', 'saved_view')
    .where('subjectId', '=', subjectId)
    .orderBy('id')
    .execute();

const OVERDUE_QUEUE = {
  resource: 'requests',
  name: 'دیرکردهای صف ما',
  scope: 'office',
  filter: { queue: 'graduate_officer', overdue: true, stage: ['submitted', 'under_review'] },
  sort: { field: 'stageEnteredAt', order: 'ASC' },
  perPage: 50,
  columns: ['lastName', 'stage', 'stageEnteredAt', 'ticks.welfare'],
};

describe('an officer’s own views', () => {
  it('creates, reads, renames, re-shares, overwrites and deletes a view, each change audited', async () => {
    const created = await create(office, OVERDUE_QUEUE);
    expect(created.statusCode, created.body).toBe(201);
    const view = created.json();
    expect(view).toMatchObject({
      ...OVERDUE_QUEUE,
      ownerName: 'کارشناس دفتر تحصیلات تکمیلی',
      ownerRole: 'graduate_officer',
      version: 1,
    });
    const got = await h.call(office, { method: 'GET', url: `/api/saved-views/${view.id}` });
    expect(got.json()).toEqual(view);
    // The filter it holds is one the list itself takes.
    const rows = await h.call(office, { method: 'GET', url: `/api/requests${q({ filter: view.filter })}` });
    expect(rows.statusCode, rows.body).toBe(200);

    const renamed = await update(office, view.id, { version: 1, name: '  کارهای دیرکرده  ', scope: 'private' });
    expect(renamed.statusCode, renamed.body).toBe(200);
    expect(renamed.json()).toMatchObject({ name: 'کارهای دیرکرده', scope: 'private', version: 2, perPage: 50 });

    const overwritten = await update(office, view.id, {
      version: 2,
      filter: { q: 'رضایی' },
      sort: null,
      perPage: 10,
      columns: null,
    });
    expect(overwritten.statusCode, overwritten.body).toBe(200);
    expect(overwritten.json()).toMatchObject({
      name: 'کارهای دیرکرده',
      filter: { q: 'رضایی' },
      sort: null,
      perPage: 10,
      columns: null,
      version: 3,
    });

    const deleted = await remove(office, view.id, '"3"');
    expect(deleted.statusCode, deleted.body).toBe(200);
    expect((await h.call(office, { method: 'GET', url: `/api/saved-views/${view.id}` })).statusCode).toBe(404);

    const events = await eventsOf(view.id);
    expect(events.map((e) => e.action)).toEqual([
      'saved_view.create',
      'saved_view.update',
      'saved_view.update',
      'saved_view.delete',
    ]);
    expect(events.every((e) => e.role === 'graduate_officer')).toBe(true);
    expect(events[0]?.after).toMatchObject({ name: OVERDUE_QUEUE.name, scope: 'office', filter: OVERDUE_QUEUE.filter });
    expect(events[1]?.before).toMatchObject({ name: OVERDUE_QUEUE.name, scope: 'office' });
    expect(events[1]?.after).toMatchObject({ name: 'کارهای دیرکرده', scope: 'private' });
    expect(events[3]?.before).toMatchObject({ version: 3 });
  });

  it('defaults to a private view with the list’s own sort, page size and columns', async () => {
    const res = await create(freeEd, { resource: 'graduates', name: 'همه' });
    expect(res.statusCode, res.body).toBe(201);
    expect(res.json()).toMatchObject({ scope: 'private', filter: {}, sort: null, perPage: null, columns: null });
  });

  it('keeps names unique per owner and list, not across lists or owners', async () => {
    const body = { resource: 'graduates', name: 'دکتری', filter: { degreeLevel: 'phd' } };
    expect((await create(office, body)).statusCode).toBe(201);
    const before = await footprint();
    await expectRefused(await create(office, { ...body, name: ' دکتری ' }), 409, before, 'name');
    expect((await create(office, { ...body, resource: 'requests' })).statusCode).toBe(201);
    expect((await create(colleague, body)).statusCode).toBe(201);
    const other = (await create(office, { ...body, name: 'ارشد' })).json();
    const clash = await update(office, other.id, { version: 1, name: 'دکتری' });
    expect(clash.statusCode, clash.body).toBe(409);
    expect(clash.json()).toMatchObject({ type: '/api/problems/view-name-taken' });
  });

  it('refuses a stale version, on update and on delete, changing nothing', async () => {
    const view = (
      await create(office, { resource: 'audit-events', name: 'ورودها', filter: { action: 'auth.*' } })
    ).json();
    expect((await update(office, view.id, { version: 1, perPage: 100 })).statusCode).toBe(200);
    const before = await footprint();
    await expectRefused(await update(office, view.id, { version: 1, perPage: 5 }), 409, before);
    await expectRefused(await remove(office, view.id, '"1"'), 409, before);
    await expectRefused(await remove(office, view.id, 'version two'), 400, before, 'if-match');
    expect((await remove(office, view.id)).statusCode).toBe(200);
  });
});

describe('a view holding what its list would refuse', () => {
  it.each([
    ['a field the list does not filter on', { filter: { nope: 1 } }, 'filter.nope'],
    ['another list’s filter', { filter: { gender: 'female' } }, 'filter.gender'],
    ['a stage that does not exist', { filter: { stage: 'teleported' } }, 'filter.stage'],
    ['a filter of the wrong type', { filter: { overdue: 'yes' } }, 'filter.overdue'],
    ['a control character in search text', { filter: { q: 'a\u0000b' } }, 'filter.q'],
    ['a sort the list does not take', { sort: { field: 'nationalId', order: 'ASC' } }, 'sort.field'],
    ['a sort order that is neither', { sort: { field: 'stage', order: 'sideways' } }, 'sort.order'],
    ['a column the rows do not have', { columns: ['lastName', 'passwordHash'] }, 'columns.1'],
    ['a page larger than the list serves', { perPage: 501 }, 'perPage'],
    ['a field no view has', { owner: 'someone' }, 'owner'],
  ])('refuses %s with 400 naming the field, on create and on update', async (_, fields, field) => {
    const before = await footprint();
    await expectRefused(await create(office, { resource: 'requests', name: 'نادرست', ...fields }), 400, before, field);
    const view = (await create(office, { resource: 'requests', name: `درست ${field}` })).json();
    const after = await footprint();
    await expectRefused(await update(office, view.id, { version: 1, ...fields }), 400, after, field);
  });

  it('checks an audit-log view against the audit log’s filter, not the request list’s', async () => {
    const before = await footprint();
    await expectRefused(
      await create(office, { resource: 'audit-events', name: 'صف', filter: { queue: 'graduate_officer' } }),
      400,
      before,
      'filter.queue',
    );
    const ok = await create(office, {
      resource: 'audit-events',
      name: 'تیک‌ها',
      filter: { action: 'tick.*', from: '2026-11-01T00:00:00.000Z' },
      sort: { field: 'at', order: 'DESC' },
      columns: ['id', 'at', 'action', 'actorId'],
    });
    expect(ok.statusCode, ok.body).toBe(201);
  });

  it('refuses a view without a name, or of a list that is not one', async () => {
    const before = await footprint();
    await expectRefused(await create(office, { resource: 'requests', name: '   ' }), 400, before, 'name');
    await expectRefused(await create(office, { resource: 'users', name: 'حساب‌ها' }), 400, before, 'resource');
  });
});

describe('sharing with the office', () => {
  let shared: { id: string; version: number };
  let kept: { id: string };
  beforeAll(async () => {
    shared = (await create(office, { ...OVERDUE_QUEUE, name: 'مشترک دفتر' })).json();
    kept = (await create(office, { ...OVERDUE_QUEUE, name: 'خصوصی من', scope: 'private' })).json();
  });

  it('shows a colleague of the same role the shared view, marked with who shared it, but not the private one', async () => {
    const views = await list(colleague, { resource: 'requests' });
    expect(views.map((v) => v.name)).toContain('مشترک دفتر');
    expect(views.map((v) => v.name)).not.toContain('خصوصی من');
    expect(views.find((v) => v.name === 'مشترک دفتر')).toMatchObject({
      ownerName: 'کارشناس دفتر تحصیلات تکمیلی',
      scope: 'office',
    });
    expect(await names(colleague, { resource: 'requests', mine: false })).toEqual(['مشترک دفتر']);
    expect((await h.call(colleague, { method: 'GET', url: `/api/saved-views/${shared.id}` })).statusCode).toBe(200);
    expect((await h.call(colleague, { method: 'GET', url: `/api/saved-views/${kept.id}` })).statusCode).toBe(404);
  });

  it('lets the colleague read a shared view but neither change nor delete it', async () => {
    const before = await footprint();
    await expectRefused(await update(colleague, shared.id, { version: shared.version, name: 'مال من' }), 403, before);
    await expectRefused(await remove(colleague, shared.id), 403, before);
    // A private view of someone else does not exist for them, whatever the call.
    await expectRefused(await update(colleague, kept.id, { version: 1, name: 'مال من' }), 404, before);
    await expectRefused(await remove(colleague, kept.id), 404, before);
  });

  it('shows another office neither', async () => {
    const views = await list(freeEd, { resource: 'requests' });
    expect(views.map((v) => v.name)).not.toContain('مشترک دفتر');
    expect(views.map((v) => v.name)).not.toContain('خصوصی من');
    const before = await footprint();
    for (const id of [shared.id, kept.id]) {
      expect((await h.call(freeEd, { method: 'GET', url: `/api/saved-views/${id}` })).statusCode).toBe(404);
      await expectRefused(await update(freeEd, id, { version: 1, name: 'x' }), 404, before);
      await expectRefused(await remove(freeEd, id), 404, before);
    }
  });

  it('follows the owner’s role: an officer moved to another office shares with that office from then on', async () => {
    const view = (await create(colleague, { resource: 'graduates', name: 'جابه‌جا', scope: 'office' })).json();
    expect(await names(office, { resource: 'graduates', mine: false })).toContain('جابه‌جا');
    const version = (await h.call(admin, { method: 'GET', url: `/api/users/${colleagueId}` })).json().version;
    const moved = await h.call(admin, {
      method: 'PUT',
      url: `/api/users/${colleagueId}`,
      payload: { version, role: 'free_education_officer' },
    });
    expect(moved.statusCode, moved.body).toBe(200);
    expect(await names(office, { resource: 'graduates', mine: false })).not.toContain('جابه‌جا');
    expect(await names(freeEd, { resource: 'graduates', mine: false })).toContain('جابه‌جا');
    expect((await h.call(freeEd, { method: 'GET', url: `/api/saved-views/${view.id}` })).json().ownerRole).toBe(
      'free_education_officer',
    );
  });
});

describe('who may keep views', () => {
  it('refuses graduates any saved view, listed or created', async () => {
    const before = await footprint();
    await expectRefused(await h.call(graduateCookie, { method: 'GET', url: '/api/saved-views' }), 403, before);
    await expectRefused(await create(graduateCookie, { resource: 'requests', name: 'درخواست من' }), 403, before);
  });

  it('lets the admin keep views of the audit log only, the list an admin reads', async () => {
    const before = await footprint();
    await expectRefused(await create(admin, { resource: 'requests', name: 'درخواست‌ها' }), 403, before);
    await expectRefused(await create(admin, { resource: 'graduates', name: 'دانش‌آموختگان' }), 403, before);
    const res = await create(admin, { resource: 'audit-events', name: 'حساب‌ها', filter: { subjectType: 'user' } });
    expect(res.statusCode, res.body).toBe(201);
  });

  it('refuses anonymous callers with 401', async () => {
    const before = await footprint();
    await expectRefused(await h.call(undefined, { method: 'GET', url: '/api/saved-views' }), 401, before);
    await expectRefused(
      await h.call(undefined, {
        method: 'POST',
        url: '/api/saved-views',
        payload: { resource: 'requests', name: 'x' },
      }),
      401,
      before,
    );
  });

  it('lists views with paging, sort and a name search', async () => {
    const res = await h.call(office, {
      method: 'GET',
      url: `/api/saved-views${q({ filter: { mine: true, q: 'دکتری' }, sort: ['name', 'ASC'], range: [0, 0] })}`,
    });
    expect(res.statusCode, res.body).toBe(200);
    expect(res.headers['content-range']).toMatch(/^saved-views 0-0\/2$/);
    const bad = await h.call(office, { method: 'GET', url: `/api/saved-views${q({ sort: ['ownerId', 'ASC'] })}` });
    expect(bad.statusCode).toBe(400);
  });

  it('describes every route, its body and its answers in the OpenAPI document', async () => {
    const doc = (await h.call(undefined, { method: 'GET', url: '/api/openapi.json' })).json();
    const list = doc.paths['/api/saved-views'];
    const one = doc.paths['/api/saved-views/{id}'];
    expect(Object.keys(list).sort()).toEqual(['get', 'post']);
    expect(Object.keys(one).sort()).toEqual(['delete', 'get', 'put']);
    const create = list.post.requestBody.content['application/json'].schema;
    expect(create.required.sort()).toEqual(['name', 'resource']);
    expect(Object.keys(create.properties).sort()).toEqual(
      ['columns', 'filter', 'name', 'perPage', 'resource', 'scope', 'sort'].sort(),
    );
    expect(create.properties.filter.description).toMatch(/filter/);
    expect(one.put.requestBody.content['application/json'].schema.required).toEqual(['version']);
    expect(one.delete.parameters.map((p: { name: string; in: string }) => `${p.in}:${p.name}`)).toContain(
      'header:if-match',
    );
    for (const status of ['400', '401', '403', '409']) expect(Object.keys(list.post.responses)).toContain(status);
    expect(Object.keys(one.put.responses)).toEqual(expect.arrayContaining(['200', '400', '403', '404', '409']));
  });

  it('leaves an intact audit chain', async () => {
    expect((await verifyAuditChain(h.t.db)).ok).toBe(true);
  });
});
