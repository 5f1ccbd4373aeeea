import { verifyAuditChain } from '@diploma-desk/db';
import type { LightMyRequestResponse } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createGraduate } from '../fixtures.ts';
import { auditEvents, createTestApp, type TestApp } from '../helpers.ts';

/**
 * Claim, release and assign: per office, only in the office's queue, never raising the request's version,
 * audited, and settled by the database when two officers claim at once. On real PostgreSQL (TEST_DATABASE_URL)
 * the racing claims run in parallel on a pool; on the one-connection PGlite they hold trivially.
 *
 * RACE_ROUNDS (default 3) repeats the race on fresh requests; RACE_CLIENTS (default 20) officers race.
 */
const ROUNDS = Number(process.env.RACE_ROUNDS ?? 3);
const CLIENTS = Number(process.env.RACE_CLIENTS ?? 20);

type Res = LightMyRequestResponse;
interface Officer {
  id: string;
  cookie: string;
  displayName: string;
}

let h: TestApp;
let admin = '';
let auditor = '';
/** The demo accounts of each office, and a second officer of each for the colleague's side. */
let office: Officer;
let office2: Officer;
let freeEd: Officer;
let freeEd2: Officer;
let welfare: Officer;
let welfare2: Officer;
let unique = 0;

async function userIdOf(username: string) {
  return (await h.t.db.selectFrom('users').select('id').where('username', '=', username).executeTakeFirstOrThrow()).id;
}

async function demoOfficer(username: string, displayName: string): Promise<Officer> {
  await h.t.db.updateTable('users').set({ displayName }).where('username', '=', username).execute();
  return { id: await userIdOf(username), cookie: await h.login(username), displayName };
}

/** A new officer account, made as the admin makes one. */
async function newOfficer(role: string, displayName: string): Promise<Officer> {
  unique += 1;
  const username = `colleague.${unique}`;
  const password = 'a long colleague passphrase';
  const res = await h.call(admin, {
    method: 'POST',
    url: '/api/users',
    payload: { username, password, role, displayName },
  });
  expect(res.statusCode, res.body).toBe(201);
  return { id: res.json().id, cookie: await h.login(username, password), displayName };
}

beforeAll(async () => {
  h = await createTestApp();
  admin = await h.login('admin');
  auditor = await h.login('auditor');
  office = await demoOfficer('graduate.office', 'مریم احمدی');
  freeEd = await demoOfficer('free.education', 'رضا کاظمی');
  welfare = await demoOfficer('welfare.office', 'نرگس موسوی');
  office2 = await newOfficer('graduate_officer', 'علی رضایی');
  freeEd2 = await newOfficer('free_education_officer', 'زهرا کریمی');
  welfare2 = await newOfficer('welfare_officer', 'حسین جعفری');
});
afterAll(() => h.close());

/** A draft request: waiting on the Free-Education and the Welfare Offices, not yet on the Graduate Office. */
async function draft() {
  const g = await createGraduate(h, office.cookie, admin);
  const res = await h.call(g.cookie, { method: 'POST', url: '/api/requests', payload: {} });
  expect(res.statusCode, res.body).toBe(201);
  return { id: res.json().id as string, graduate: g };
}

/** A submitted request whose ticks are not yet set: in all three offices' queues at once. */
async function inEveryQueue() {
  const r = await draft();
  await h.t.db.updateTable('diplomaRequests').set({ stage: 'submitted' }).where('id', '=', r.id).execute();
  return r;
}

const post = (who: Officer | string, url: string, payload?: object) =>
  h.call(typeof who === 'string' ? who : who.cookie, { method: 'POST', url, ...(payload ? { payload } : {}) });
const claim = (who: Officer | string, id: string) => post(who, `/api/requests/${id}/claim`);
const release = (who: Officer | string, id: string) => post(who, `/api/requests/${id}/release`);
const assign = (who: Officer | string, id: string, userId: string, currentAssigneeId: string | null) =>
  post(who, `/api/requests/${id}/assign`, { userId, currentAssigneeId });
const detail = async (who: Officer | string, id: string) =>
  (await h.call(typeof who === 'string' ? who : who.cookie, { method: 'GET', url: `/api/requests/${id}` })).json();
const list = async (who: Officer | string, filter: object) => {
  const res = await h.call(typeof who === 'string' ? who : who.cookie, {
    method: 'GET',
    url: `/api/requests?filter=${encodeURIComponent(JSON.stringify(filter))}&range=[0,499]`,
  });
  return res;
};
const ids = (res: Res) => (res.json() as Array<{ id: string }>).map((r) => r.id);
const holders = (body: { assignments?: Array<{ office: string; assignee: { id: string } }> }) =>
  Object.fromEntries((body.assignments ?? []).map((a) => [a.office, a.assignee.id]));
const versionOf = async (id: string) =>
  (await h.t.db.selectFrom('diplomaRequests').select('version').where('id', '=', id).executeTakeFirstOrThrow()).version;
const lastEventId = async () =>
  (
    await h.t.db
      .selectFrom('auditEvents')
      .select((eb) => eb.fn.max('id').as('id'))
      .executeTakeFirstOrThrow()
  ).id ?? '0';
const holdingRows = (id: string) =>
  h.t.db.selectFrom('requestAssignments').selectAll().where('requestId', '=', id).orderBy('office').execute();

function expectProblem(res: Res, status: number, type?: string) {
  expect(res.statusCode, res.body).toBe(status);
  expect(String(res.headers['content-type'])).toMatch(/^application\/problem\+json/);
  if (type) expect(res.json().type).toBe(`/api/problems/${type}`);
  return res.json();
}

/** The call is refused as expected and changes nothing: no holding, no event, no version. */
async function refusedWithoutChange(call: () => Promise<Res>, id: string, status: number, type?: string) {
  const [rows, event, version] = [await holdingRows(id), await lastEventId(), await versionOf(id)];
  const body = expectProblem(await call(), status, type);
  expect(await holdingRows(id)).toEqual(rows);
  expect(await lastEventId()).toBe(event);
  expect(await versionOf(id)).toBe(version);
  return body;
}

describe('claim', () => {
  it('takes a request in the office’s queue, audited, without raising its version', async () => {
    const r = await draft();
    const version = await versionOf(r.id);
    const before = await lastEventId();
    const res = await claim(freeEd, r.id);
    expect(res.statusCode, res.body).toBe(200);
    const body = res.json();
    expect(body.version).toBe(version);
    expect(await versionOf(r.id)).toBe(version);
    expect(body.assignments).toEqual([
      {
        office: 'free_education_officer',
        assignee: { id: freeEd.id, displayName: freeEd.displayName },
        assignedAt: expect.any(String),
        assignedBy: freeEd.id,
      },
    ]);
    expect(body.assignmentActions).toEqual(['release', 'assign']);
    const events = (await auditEvents(h.t)).filter((e) => BigInt(e.id) > BigInt(before));
    expect(events.map((e) => [e.action, e.subjectType, e.subjectId, e.actorId, e.role])).toEqual([
      ['assignment.claim', 'request', r.id, freeEd.id, 'free_education_officer'],
    ]);
    expect(events[0]?.before).toEqual({ office: 'free_education_officer', assigneeId: null });
    expect(events[0]?.after).toEqual({ office: 'free_education_officer', assigneeId: freeEd.id });
  });

  it('leaves the other offices’ work current: a write with the version read before the claim succeeds', async () => {
    const r = await draft();
    const version = (await detail(welfare, r.id)).version;
    expect((await claim(freeEd, r.id)).statusCode).toBe(200);
    expect((await claim(welfare2, r.id)).statusCode).toBe(200);
    const write = await h.call(welfare.cookie, {
      method: 'PUT',
      url: `/api/requests/${r.id}/welfare`,
      payload: { version, hasDebt: true, settled: false, note: 'بدهی وام' },
    });
    expect(write.statusCode, write.body).toBe(200);
  });

  it('is per office: three offices hold the same request at once', async () => {
    const r = await inEveryQueue();
    for (const who of [office, freeEd, welfare2]) expect((await claim(who, r.id)).statusCode).toBe(200);
    expect(holders(await detail(office, r.id))).toEqual({
      graduate_officer: office.id,
      free_education_officer: freeEd.id,
      welfare_officer: welfare2.id,
    });
  });

  it('refuses a request someone holds, naming the holder, and one the caller already holds', async () => {
    const r = await draft();
    expect((await claim(freeEd, r.id)).statusCode).toBe(200);
    const other = await refusedWithoutChange(() => claim(freeEd2, r.id), r.id, 409, 'assignment-held');
    expect(other.holder).toEqual({ id: freeEd.id, displayName: freeEd.displayName });
    const own = await refusedWithoutChange(() => claim(freeEd, r.id), r.id, 409, 'assignment-held');
    expect(own.holder).toEqual({ id: freeEd.id, displayName: freeEd.displayName });
  });

  it('refuses a request not in the office’s queue', async () => {
    const r = await draft();
    // A draft does not wait on the Graduate Office yet.
    await refusedWithoutChange(() => claim(office, r.id), r.id, 409, 'not-in-queue');
    // Once the cancellation tick is set, the Free-Education Office is done with it.
    await h.t.db.updateTable('diplomaRequests').set({ cancellationTick: true }).where('id', '=', r.id).execute();
    await refusedWithoutChange(() => claim(freeEd, r.id), r.id, 409, 'not-in-queue');
    // "No debt" recorded: nothing waits on the Welfare Office.
    await h.t.db.updateTable('welfareRecords').set({ hasDebt: false }).where('requestId', '=', r.id).execute();
    await refusedWithoutChange(() => claim(welfare, r.id), r.id, 409, 'not-in-queue');
    expect((await detail(freeEd, r.id)).assignmentActions).toEqual([]);
  });

  it('refuses those who hold no requests, and hides the request from those who may not see it', async () => {
    const r = await inEveryQueue();
    const stranger = await createGraduate(h, office.cookie, admin);
    await refusedWithoutChange(() => claim(auditor, r.id), r.id, 403, 'forbidden');
    await refusedWithoutChange(() => claim(r.graduate.cookie, r.id), r.id, 403, 'forbidden');
    await refusedWithoutChange(() => claim(admin, r.id), r.id, 404, 'not-found');
    await refusedWithoutChange(() => claim(stranger.cookie, r.id), r.id, 404, 'not-found');
    await refusedWithoutChange(() => claim(freeEd, '00000000-0000-4000-8000-000000000001'), r.id, 404, 'not-found');
    await refusedWithoutChange(
      () => h.call(undefined, { method: 'POST', url: `/api/requests/${r.id}/claim` }),
      r.id,
      401,
    );
  });
});

describe('release', () => {
  it('is the holder’s: a colleague is refused, the holder releases, audited, version untouched', async () => {
    const r = await draft();
    expect((await claim(freeEd, r.id)).statusCode).toBe(200);
    const version = await versionOf(r.id);
    await refusedWithoutChange(() => release(freeEd2, r.id), r.id, 403, 'forbidden');
    // Another office has no holding of its own to release.
    await refusedWithoutChange(() => release(welfare, r.id), r.id, 409, 'not-assigned');
    await refusedWithoutChange(() => release(auditor, r.id), r.id, 403, 'forbidden');
    expect((await detail(freeEd2, r.id)).assignmentActions).toEqual(['assign']);
    const before = await lastEventId();
    const res = await release(freeEd, r.id);
    expect(res.statusCode, res.body).toBe(200);
    expect(res.json().assignments).toEqual([]);
    expect(res.json().assignmentActions).toEqual(['claim', 'assign']);
    expect(await versionOf(r.id)).toBe(version);
    const events = (await auditEvents(h.t)).filter((e) => BigInt(e.id) > BigInt(before));
    expect(events.map((e) => [e.action, e.before, e.after])).toEqual([
      [
        'assignment.release',
        { office: 'free_education_officer', assigneeId: freeEd.id },
        { office: 'free_education_officer', assigneeId: null },
      ],
    ]);
    await refusedWithoutChange(() => release(freeEd, r.id), r.id, 409, 'not-assigned');
  });

  it('is allowed once the request has left the office’s queue', async () => {
    const r = await draft();
    expect((await claim(freeEd, r.id)).statusCode).toBe(200);
    await h.t.db.updateTable('diplomaRequests').set({ cancellationTick: true }).where('id', '=', r.id).execute();
    expect((await detail(freeEd, r.id)).assignmentActions).toEqual(['release']);
    expect((await release(freeEd, r.id)).statusCode).toBe(200);
  });
});

describe('assign', () => {
  it('hands the request to a colleague of the same office, and a colleague may take it over', async () => {
    const r = await draft();
    const version = await versionOf(r.id);
    const first = await assign(freeEd, r.id, freeEd2.id, null);
    expect(first.statusCode, first.body).toBe(200);
    expect(first.json().assignments[0]).toMatchObject({ assignee: { id: freeEd2.id }, assignedBy: freeEd.id });
    const before = await lastEventId();
    const back = await assign(freeEd, r.id, freeEd.id, freeEd2.id);
    expect(back.statusCode, back.body).toBe(200);
    expect(holders(back.json())).toEqual({ free_education_officer: freeEd.id });
    expect(await versionOf(r.id)).toBe(version);
    const events = (await auditEvents(h.t)).filter((e) => BigInt(e.id) > BigInt(before));
    expect(events.map((e) => [e.action, e.actorId, e.before, e.after])).toEqual([
      [
        'assignment.assign',
        freeEd.id,
        { office: 'free_education_officer', assigneeId: freeEd2.id },
        { office: 'free_education_officer', assigneeId: freeEd.id },
      ],
    ]);
  });

  it('refuses an officer of another office; an inactive colleague or an account of no office is bad input', async () => {
    const r = await draft();
    const gone = await newOfficer('free_education_officer', 'بازنشسته');
    const deactivated = await h.call(admin, {
      method: 'PUT',
      url: `/api/users/${gone.id}`,
      payload: { version: 1, active: false },
    });
    expect(deactivated.statusCode, deactivated.body).toBe(200);
    for (const colleague of [welfare, office2]) {
      await refusedWithoutChange(() => assign(freeEd, r.id, colleague.id, null), r.id, 403, 'forbidden');
    }
    const graduateAccount = await userIdOf(r.graduate.username);
    const accounts = [gone.id, await userIdOf('admin'), await userIdOf('auditor'), graduateAccount];
    for (const userId of [...accounts, '00000000-0000-4000-8000-000000000002']) {
      const body = await refusedWithoutChange(() => assign(freeEd, r.id, userId, null), r.id, 400, 'validation-error');
      expect(body.errors.map((e: { field: string }) => e.field)).toEqual(['userId']);
    }
  });

  it('refuses when the holder is not the one the caller saw, naming who holds it now', async () => {
    const r = await draft();
    expect((await claim(freeEd2, r.id)).statusCode).toBe(200);
    const stale = await refusedWithoutChange(
      () => assign(freeEd, r.id, freeEd.id, null),
      r.id,
      409,
      'assignment-changed',
    );
    expect(stale.holder).toEqual({ id: freeEd2.id, displayName: freeEd2.displayName });
    await refusedWithoutChange(() => assign(freeEd, r.id, freeEd2.id, freeEd2.id), r.id, 409, 'assignment-held');
  });

  it('refuses a request not in the office’s queue, and callers of no office', async () => {
    const r = await draft();
    await refusedWithoutChange(() => assign(office, r.id, office2.id, null), r.id, 409, 'not-in-queue');
    await refusedWithoutChange(() => assign(auditor, r.id, freeEd.id, null), r.id, 403, 'forbidden');
    await refusedWithoutChange(() => assign(r.graduate.cookie, r.id, freeEd.id, null), r.id, 403, 'forbidden');
    await refusedWithoutChange(() => assign(admin, r.id, freeEd.id, null), r.id, 404, 'not-found');
  });

  it('refuses a body with fields it does not take, naming them', async () => {
    const r = await draft();
    for (const payload of [
      { userId: freeEd.id },
      { userId: freeEd.id, currentAssigneeId: null, office: 'welfare_officer' },
      { userId: 'someone', currentAssigneeId: null },
    ]) {
      await refusedWithoutChange(() => post(freeEd, `/api/requests/${r.id}/assign`, payload), r.id, 400);
    }
  });
});

describe('who sees which holders', () => {
  it('the Graduate Office and auditors see every office’s holder; the other offices their own; graduates none', async () => {
    const r = await inEveryQueue();
    for (const who of [office, freeEd, welfare]) expect((await claim(who, r.id)).statusCode).toBe(200);
    const all = { graduate_officer: office.id, free_education_officer: freeEd.id, welfare_officer: welfare.id };
    expect(holders(await detail(office, r.id))).toEqual(all);
    expect(holders(await detail(auditor, r.id))).toEqual(all);
    expect(holders(await detail(freeEd2, r.id))).toEqual({ free_education_officer: freeEd.id });
    expect(holders(await detail(welfare2, r.id))).toEqual({ welfare_officer: welfare.id });
    expect(holders(await detail(r.graduate.cookie, r.id))).toEqual({});
    expect((await detail(auditor, r.id)).assignmentActions).toEqual([]);
    expect((await detail(r.graduate.cookie, r.id)).assignmentActions).toEqual([]);
    const row = (who: Officer | string) => async () =>
      (await list(who, { id: [r.id] })).json()[0] as {
        assignments?: Array<{ office: string; assignee: { id: string } }>;
      };
    expect(holders(await row(auditor)())).toEqual(all);
    expect(holders(await row(freeEd2)())).toEqual({ free_education_officer: freeEd.id });
    expect(holders(await row(r.graduate.cookie)())).toEqual({});
  });
});

describe('the request list’s assignee filter', () => {
  it('mine, unassigned and all, within a queue', async () => {
    const mine = await draft();
    const colleagues = await draft();
    const nobodys = await draft();
    expect((await claim(freeEd, mine.id)).statusCode).toBe(200);
    expect((await claim(freeEd2, colleagues.id)).statusCode).toBe(200);
    const queue = 'free_education_officer';
    const three = [mine.id, colleagues.id, nobodys.id];
    const only = async (filter: object) => ids(await list(freeEd, { ...filter, id: three })).sort();
    expect(await only({ queue, assignee: 'mine' })).toEqual([mine.id]);
    expect(await only({ queue, assignee: 'unassigned' })).toEqual([nobodys.id]);
    expect(await only({ queue, assignee: 'all' })).toEqual([...three].sort());
    // Without a queue, the caller's own office.
    expect(await only({ assignee: 'mine' })).toEqual([mine.id]);
    // The colleague's "mine" is theirs; for the Welfare Office all three are unassigned.
    expect(ids(await list(freeEd2, { queue, assignee: 'mine', id: three }))).toEqual([colleagues.id]);
    expect(ids(await list(welfare, { queue: 'welfare_officer', assignee: 'unassigned', id: three })).sort()).toEqual(
      [...three].sort(),
    );
    // The Graduate Office and auditors filter any office's queue by its holders.
    expect(ids(await list(office, { queue, assignee: 'unassigned', id: three }))).toEqual([nobodys.id]);
    expect(ids(await list(auditor, { queue, assignee: 'unassigned', id: three }))).toEqual([nobodys.id]);
    const total = (await list(freeEd, { queue, assignee: 'mine', id: three })).headers['content-range'];
    expect(total).toBe('requests 0-0/1');
  });

  it('refuses another office’s holders, and a filter with no office to apply to, naming the field', async () => {
    expectProblem(await list(welfare, { queue: 'free_education_officer', assignee: 'mine' }), 403, 'forbidden');
    const noOffice = expectProblem(await list(auditor, { assignee: 'unassigned' }), 400, 'validation-error');
    expect(noOffice.errors.map((e: { field: string }) => e.field)).toEqual(['filter.assignee']);
    expectProblem(await list(freeEd, { assignee: 'someone' }), 400, 'validation-error');
  });
});

describe('colleagues', () => {
  it('lists the active officers of the caller’s own office by name only', async () => {
    const gone = await newOfficer('free_education_officer', 'رفته');
    expect(
      (await h.call(admin, { method: 'PUT', url: `/api/users/${gone.id}`, payload: { version: 1, active: false } }))
        .statusCode,
    ).toBe(200);
    const res = await h.call(freeEd.cookie, { method: 'GET', url: '/api/colleagues?range=[0,499]' });
    expect(res.statusCode, res.body).toBe(200);
    const people = res.json() as Array<Record<string, unknown>>;
    const expected = await h.t.db
      .selectFrom('users')
      .select(['id', 'displayName'])
      .where('role', '=', 'free_education_officer')
      .where('active', '=', true)
      .execute();
    expect(people.map((p) => p.id).sort()).toEqual(expected.map((u) => u.id).sort());
    expect(people.map((p) => p.id)).toEqual(expect.arrayContaining([freeEd.id, freeEd2.id]));
    expect(people.map((p) => p.id)).not.toContain(gone.id);
    for (const p of people) expect(Object.keys(p).sort()).toEqual(['displayName', 'id']);
    expect(res.headers['content-range']).toBe(`colleagues 0-${people.length - 1}/${people.length}`);
    const byName = await h.call(freeEd.cookie, {
      method: 'GET',
      url: `/api/colleagues?filter=${encodeURIComponent(JSON.stringify({ q: 'زهرا' }))}`,
    });
    expect(byName.json()).toEqual([{ id: freeEd2.id, displayName: freeEd2.displayName }]);
    const byId = await h.call(welfare.cookie, {
      method: 'GET',
      url: `/api/colleagues?filter=${encodeURIComponent(JSON.stringify({ id: [welfare2.id, freeEd.id] }))}`,
    });
    expect(byId.json()).toEqual([{ id: welfare2.id, displayName: welfare2.displayName }]);
  });

  it('is refused to those who assign nothing', async () => {
    const g = await createGraduate(h, office.cookie, admin);
    for (const cookie of [admin, auditor, g.cookie]) {
      expectProblem(await h.call(cookie, { method: 'GET', url: '/api/colleagues' }), 403, 'forbidden');
    }
    expectProblem(await h.call(undefined, { method: 'GET', url: '/api/colleagues' }), 401);
  });
});

describe('races', () => {
  it(`${CLIENTS} officers claim one request at once: one wins, every other is told who holds it`, async () => {
    const officers = [freeEd, freeEd2];
    for (let i = officers.length; i < CLIENTS; i += 1) {
      officers.push(await newOfficer('free_education_officer', `کارشناس ${i}`));
    }
    for (let round = 0; round < ROUNDS; round += 1) {
      const r = await draft();
      const version = await versionOf(r.id);
      const before = await lastEventId();
      const answers = await Promise.all(officers.map((o) => claim(o, r.id)));
      const won = answers.flatMap((res, i) => (res.statusCode === 200 ? [officers[i]!] : []));
      expect(won).toHaveLength(1);
      const winner = won[0]!;
      for (const res of answers.filter((a) => a.statusCode !== 200)) {
        const body = expectProblem(res, 409, 'assignment-held');
        expect(body.holder).toEqual({ id: winner.id, displayName: winner.displayName });
      }
      expect((await holdingRows(r.id)).map((x) => x.userId)).toEqual([winner.id]);
      const events = (await auditEvents(h.t)).filter((e) => BigInt(e.id) > BigInt(before));
      expect(events.map((e) => [e.action, e.actorId])).toEqual([['assignment.claim', winner.id]]);
      expect(await versionOf(r.id)).toBe(version);
    }
  });

  it('a claim, an assignment and a release racing on one holding leave one consistent holder', async () => {
    for (let round = 0; round < ROUNDS; round += 1) {
      const r = await draft();
      expect((await claim(freeEd, r.id)).statusCode).toBe(200);
      const answers = await Promise.all([
        release(freeEd, r.id),
        assign(freeEd2, r.id, freeEd2.id, freeEd.id),
        claim(freeEd2, r.id),
      ]);
      for (const a of answers) expect([200, 409], a.body).toContain(a.statusCode);
      const rows = await holdingRows(r.id);
      const events = (await auditEvents(h.t)).filter((e) => e.subjectId === r.id && e.action.startsWith('assignment.'));
      // The audit trail replayed gives the holding that is there.
      let holder: string | null = null;
      for (const e of events) {
        expect((e.before as { assigneeId: string | null }).assigneeId).toBe(holder);
        holder = (e.after as { assigneeId: string | null }).assigneeId;
      }
      expect(rows.map((x) => x.userId)).toEqual(holder ? [holder] : []);
    }
  });

  it('leaves an intact audit chain', async () => {
    expect((await verifyAuditChain(h.t.db)).ok).toBe(true);
  });
});
