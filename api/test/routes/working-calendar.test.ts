import type { Stage } from '@diploma-desk/db';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { dateOfDay, overdueCutoff, tehranDay, weekday, workingDaysBetween } from '../../src/lib/working-calendar.ts';
import { loadStageCalendar } from '../../src/routes/working-calendar/working-calendar.repository.ts';
import { createGraduate } from '../fixtures.ts';
import { auditEvents, createTestApp, type TestApp } from '../helpers.ts';

let h: TestApp;
let admin = '';
let office = '';
let freeEd = '';
let welfare = '';
let auditor = '';
let graduate: { id: string; cookie: string };
beforeAll(async () => {
  h = await createTestApp();
  admin = await h.login('admin');
  office = await h.login('graduate.office');
  freeEd = await h.login('free.education');
  welfare = await h.login('welfare.office');
  auditor = await h.login('auditor');
  graduate = await createGraduate(h, office, admin);
});
afterAll(() => h.close());

const q = (params: Record<string, unknown>) =>
  `?${new URLSearchParams(Object.entries(params).map(([k, v]): [string, string] => [k, JSON.stringify(v)])).toString()}`;
const call = (cookie: string | undefined, method: 'GET' | 'POST' | 'PUT' | 'DELETE', url: string, payload?: object) =>
  h.call(cookie, { method, url, ...(payload ? { payload } : {}) });
const lastEventId = async () => (await auditEvents(h.t)).at(-1)?.id;

/** A refusal: the status as problem+json, naming the field for a 400, and no audit event or change. */
async function refused(
  res: Promise<Awaited<ReturnType<typeof call>>>,
  status: number,
  field?: string,
  tables = ['holidays', 'workingCalendar', 'stageTargets'] as const,
) {
  const before = await Promise.all(tables.map((t) => h.t.db.selectFrom(t).selectAll().execute()));
  const event = await lastEventId();
  const r = await res;
  expect(r.statusCode, r.body).toBe(status);
  expect(r.headers['content-type']).toMatch(/^application\/problem\+json/);
  if (field) expect(r.json().errors.map((e: { field: string }) => e.field)).toContain(field);
  expect(await lastEventId()).toBe(event);
  expect(await Promise.all(tables.map((t) => h.t.db.selectFrom(t).selectAll().execute()))).toEqual(before);
  return r;
}

describe('holidays', () => {
  it('the admin adds, edits and removes a holiday, each change audited', async () => {
    const created = await call(admin, 'POST', '/api/holidays', {
      date: '2026-03-05',
      nameFa: ' عید مبعث ',
      nameEn: 'Mabath',
      kind: 'lunar',
    });
    expect(created.statusCode, created.body).toBe(201);
    const holiday = created.json();
    expect(holiday).toMatchObject({ date: '2026-03-05', nameFa: 'عید مبعث', kind: 'lunar', version: 1 });
    expect((await auditEvents(h.t)).at(-1)).toMatchObject({
      action: 'calendar.holiday_create',
      subjectType: 'holiday',
      subjectId: holiday.id,
    });

    const listed = await call(office, 'GET', `/api/holidays${q({ filter: { from: '2026-03-01', to: '2026-03-31' } })}`);
    expect(listed.json().map((x: { date: string }) => x.date)).toEqual([
      '2026-03-05',
      '2026-03-21',
      '2026-03-22',
      '2026-03-23',
      '2026-03-24',
    ]);
    expect(listed.headers['content-range']).toBe('holidays 0-4/5');
    const lunar = await call(auditor, 'GET', `/api/holidays${q({ filter: { kind: 'lunar', q: 'mab' } })}`);
    expect(lunar.json()).toEqual([holiday]);

    const edited = await call(admin, 'PUT', `/api/holidays/${holiday.id}`, { version: 1, date: '2026-03-04' });
    expect(edited.json()).toMatchObject({ date: '2026-03-04', nameEn: 'Mabath', version: 2 });
    expect((await auditEvents(h.t)).at(-1)).toMatchObject({ action: 'calendar.holiday_update' });
    await refused(call(admin, 'PUT', `/api/holidays/${holiday.id}`, { version: 1, nameEn: 'Stale' }), 409);

    await refused(
      h.call(admin, { method: 'DELETE', url: `/api/holidays/${holiday.id}`, headers: { 'if-match': '"1"' } }),
      409,
    );
    const removed = await h.call(admin, {
      method: 'DELETE',
      url: `/api/holidays/${holiday.id}`,
      headers: { 'if-match': '"2"' },
    });
    expect(removed.statusCode, removed.body).toBe(200);
    expect(removed.json()).toMatchObject({ id: holiday.id, date: '2026-03-04' });
    expect((await auditEvents(h.t)).at(-1)).toMatchObject({ action: 'calendar.holiday_delete', subjectId: holiday.id });
    await refused(call(admin, 'GET', `/api/holidays/${holiday.id}`), 404);
  });

  it('refuses a day that is already a holiday, an impossible day and unknown fields, naming the field', async () => {
    const body = { date: '2026-03-21', nameFa: 'نوروز', nameEn: 'Nowruz', kind: 'fixed_solar' };
    await refused(call(admin, 'POST', '/api/holidays', body), 409, 'date');
    await refused(call(admin, 'POST', '/api/holidays', { ...body, date: '2026-02-30' }), 400, 'date');
    await refused(call(admin, 'POST', '/api/holidays', { ...body, date: '0000-01-01' }), 400, 'date');
    await refused(
      call(admin, 'POST', '/api/holidays', { ...body, date: '2026-09-01', kind: 'religious' }),
      400,
      'kind',
    );
    await refused(call(admin, 'POST', '/api/holidays', { ...body, date: '2026-09-01', nameEn: '' }), 400, 'nameEn');
    await refused(call(admin, 'POST', '/api/holidays', { ...body, date: '2026-09-01', version: 3 }), 400, 'version');
    const nowruz = (
      await call(admin, 'GET', `/api/holidays${q({ filter: { from: '2026-03-22', to: '2026-03-22' } })}`)
    ).json()[0];
    await refused(call(admin, 'PUT', `/api/holidays/${nowruz.id}`, { version: 1, date: '2026-03-21' }), 409, 'date');
    await refused(call(admin, 'GET', `/api/holidays${q({ filter: { from: '1405-01-01' } })}`), 400, 'filter.from');
  });

  it('only the admin changes holidays; offices and the auditor read them; graduates do not see them', async () => {
    const nowruz = (
      await call(admin, 'GET', `/api/holidays${q({ filter: { from: '2026-03-21', to: '2026-03-21' } })}`)
    ).json()[0];
    const body = { date: '2026-09-02', nameFa: 'تعطیل', nameEn: 'Closed', kind: 'other' };
    for (const cookie of [office, freeEd, welfare, auditor]) {
      expect((await call(cookie, 'GET', '/api/holidays')).statusCode).toBe(200);
      expect((await call(cookie, 'GET', `/api/holidays/${nowruz.id}`)).statusCode).toBe(200);
      await refused(call(cookie, 'POST', '/api/holidays', body), 403);
      await refused(call(cookie, 'PUT', `/api/holidays/${nowruz.id}`, { version: 1, nameEn: 'x' }), 403);
      await refused(call(cookie, 'DELETE', `/api/holidays/${nowruz.id}`), 403);
    }
    await refused(call(graduate.cookie, 'GET', '/api/holidays'), 403);
    await refused(call(graduate.cookie, 'GET', `/api/holidays/${nowruz.id}`), 404);
    await refused(call(graduate.cookie, 'PUT', `/api/holidays/${nowruz.id}`, { version: 1, nameEn: 'x' }), 404);
    await refused(call(graduate.cookie, 'DELETE', `/api/holidays/${nowruz.id}`), 404);
    await refused(call(undefined, 'POST', '/api/holidays', body), 401);
  });
});

describe('the audit log of the calendar', () => {
  it('shows calendar changes to those who read the calendar, not to graduates', async () => {
    const filter = q({ filter: { action: 'calendar.*' } });
    for (const cookie of [admin, office, auditor]) {
      const events = (await call(cookie, 'GET', `/api/audit-events${filter}`)).json();
      expect(events.length, 'calendar events listed').toBeGreaterThan(0);
    }
    expect((await call(graduate.cookie, 'GET', `/api/audit-events${filter}`)).json()).toEqual([]);
  });
});

describe('the working week and stage targets', () => {
  it('the admin sets how Thursday counts; others read it; a stale version or unknown rule is refused', async () => {
    const week = (await call(office, 'GET', '/api/working-week')).json();
    expect(week).toMatchObject({ thursday: 'working', version: 1, updatedBy: null });
    await refused(call(auditor, 'PUT', '/api/working-week', { version: 1, thursday: 'off' }), 403);
    await refused(call(graduate.cookie, 'GET', '/api/working-week'), 403);
    await refused(call(admin, 'PUT', '/api/working-week', { version: 1, thursday: 'sometimes' }), 400, 'thursday');
    const changed = await call(admin, 'PUT', '/api/working-week', { version: 1, thursday: 'half' });
    expect(changed.json()).toMatchObject({ thursday: 'half', version: 2 });
    expect((await auditEvents(h.t)).at(-1)).toMatchObject({
      action: 'calendar.week_update',
      before: { thursday: 'working', version: 1 },
      after: { thursday: 'half', version: 2 },
    });
    await refused(call(admin, 'PUT', '/api/working-week', { version: 1, thursday: 'off' }), 409);
    expect((await call(admin, 'PUT', '/api/working-week', { version: 2, thursday: 'working' })).statusCode).toBe(200);
  });

  it('lists ten targets of 10 working days in workflow order, and the admin changes them all or none', async () => {
    const list = await call(welfare, 'GET', '/api/stage-targets');
    expect(list.headers['content-range']).toBe('stage-targets 0-9/10');
    expect(list.json().map((t: { id: string; targetDays: number }) => `${t.id}=${t.targetDays}`)).toEqual([
      'graduate_officer:submitted=10',
      'graduate_officer:under_review=10',
      'graduate_officer:approved=10',
      'graduate_officer:printing=10',
      'graduate_officer:signing=10',
      'graduate_officer:ready=10',
      'free_education_officer:submitted=10',
      'free_education_officer:under_review=10',
      'welfare_officer:submitted=10',
      'welfare_officer:under_review=10',
    ]);
    const one = (office: string, stage: string, targetDays: number, version = 1) => ({
      office,
      stage,
      targetDays,
      version,
    });
    await refused(call(office, 'PUT', '/api/stage-targets', { targets: [one('graduate_officer', 'ready', 5)] }), 403);
    await refused(
      call(admin, 'PUT', '/api/stage-targets', {
        targets: [one('graduate_officer', 'ready', 5), one('free_education_officer', 'approved', 5)],
      }),
      400,
      'targets.1.stage',
    );
    await refused(
      call(admin, 'PUT', '/api/stage-targets', {
        targets: [one('graduate_officer', 'ready', 5), one('graduate_officer', 'returned', 5)],
      }),
      400,
    );
    await refused(
      call(admin, 'PUT', '/api/stage-targets', {
        targets: [one('graduate_officer', 'ready', 5), one('graduate_officer', 'ready', 6)],
      }),
      400,
      'targets.1',
    );
    await refused(
      call(admin, 'PUT', '/api/stage-targets', { targets: [one('graduate_officer', 'ready', 0)] }),
      400,
      'targets.0.targetDays',
    );
    await refused(
      call(admin, 'PUT', '/api/stage-targets', {
        targets: [one('graduate_officer', 'ready', 5), one('welfare_officer', 'submitted', 5, 4)],
      }),
      409,
    );
    const changed = await call(admin, 'PUT', '/api/stage-targets', {
      targets: [one('graduate_officer', 'ready', 5), one('welfare_officer', 'submitted', 10)],
    });
    expect(changed.statusCode, changed.body).toBe(200);
    expect(changed.json().find((t: { id: string }) => t.id === 'graduate_officer:ready')).toMatchObject({
      targetDays: 5,
      version: 2,
    });
    expect(changed.json().find((t: { id: string }) => t.id === 'welfare_officer:submitted')).toMatchObject({
      version: 1,
    });
    expect((await auditEvents(h.t)).at(-1)).toMatchObject({
      action: 'calendar.targets_update',
      before: [{ office: 'graduate_officer', stage: 'ready', targetDays: 10 }],
      after: [{ office: 'graduate_officer', stage: 'ready', targetDays: 5 }],
    });
    expect(
      (await call(admin, 'PUT', '/api/stage-targets', { targets: [one('graduate_officer', 'ready', 10, 2)] }))
        .statusCode,
    ).toBe(200);
  });
});

describe('flags on requests, against the target of the office waited on', () => {
  let calendar: Awaited<ReturnType<typeof loadStageCalendar>>['calendar'];
  /** An instant past `days` working days before now (overdue for a target of `days`). */
  const pastTarget = (days: number) => new Date(overdueCutoff(calendar, Date.now(), days).getTime() - 1);
  /** An instant comfortably within `days` working days (still within them should midnight pass meanwhile). */
  const withinTarget = (days: number) => overdueCutoff(calendar, Date.now(), days - 2);

  async function requestIn(
    stage: Stage,
    enteredAt: Date,
    state: { cancellationTick?: boolean; welfareTick?: boolean; hasDebt?: boolean | null } = {},
  ) {
    const g = await createGraduate(h, office, admin);
    const opened = await call(g.cookie, 'POST', '/api/requests', {});
    const id = opened.json().id as string;
    await h.t.db
      .updateTable('diplomaRequests')
      .set({
        stage,
        stageEnteredAt: enteredAt,
        cancellationTick: state.cancellationTick ?? true,
        welfareTick: state.welfareTick ?? true,
      })
      .where('id', '=', id)
      .execute();
    await h.t.db
      .updateTable('welfareRecords')
      .set({ hasDebt: state.hasDebt === undefined ? true : state.hasDebt })
      .where('requestId', '=', id)
      .execute();
    return id;
  }

  const flagsOf = async (cookie: string, id: string) => {
    const { daysInStage, overdue, stageTargetDays, waitingOn, waitingOnGraduate } = (
      await call(cookie, 'GET', `/api/requests/${id}`)
    ).json();
    return { daysInStage, overdue, stageTargetDays, waitingOn, waitingOnGraduate };
  };
  const listed = async (cookie: string, ids: string[], overdue?: boolean) =>
    (
      await call(
        cookie,
        'GET',
        `/api/requests${q({ filter: { id: ids, ...(overdue === undefined ? {} : { overdue }) } })}`,
      )
    )
      .json()
      .map((r: { id: string }) => r.id)
      .sort();

  beforeAll(async () => {
    ({ calendar } = await loadStageCalendar(h.t.db));
  });

  it('the Graduate Office’s stages: overdue past 10 working days, for the office and for the auditor', async () => {
    const late = await requestIn('under_review', pastTarget(10));
    const onTime = await requestIn('approved', withinTarget(10));
    const late1 = await flagsOf(office, late);
    expect(late1).toMatchObject({
      overdue: true,
      stageTargetDays: 10,
      waitingOn: [{ office: 'graduate_officer', targetDays: 10, overdue: true }],
      waitingOnGraduate: false,
    });
    expect(late1.daysInStage).toBeGreaterThan(10);
    expect(await flagsOf(auditor, late)).toMatchObject({ overdue: true, stageTargetDays: 10 });
    // The Free-Education Office is not waited on once its tick is set: nothing is late for it.
    expect(await flagsOf(freeEd, late)).toMatchObject({ overdue: false, stageTargetDays: null });
    expect(await flagsOf(office, onTime)).toMatchObject({ overdue: false, stageTargetDays: 10 });
    for (const cookie of [office, auditor]) {
      expect(await listed(cookie, [late, onTime], true)).toEqual([late]);
      expect(await listed(cookie, [late, onTime], false)).toEqual([onTime]);
    }
    expect(await listed(freeEd, [late, onTime], true)).toEqual([]);
  });

  it('returned and draft wait on the graduate and are never overdue, however long', async () => {
    const longAgo = new Date(Date.now() - 200 * 86_400_000);
    const returned = await requestIn('returned', longAgo, {
      cancellationTick: false,
      welfareTick: false,
      hasDebt: null,
    });
    const draft = await requestIn('draft', longAgo, { cancellationTick: false, welfareTick: false, hasDebt: null });
    for (const cookie of [office, freeEd, welfare, auditor]) {
      for (const id of [returned, draft]) {
        const flags = await flagsOf(cookie, id);
        expect(flags).toMatchObject({ overdue: false, stageTargetDays: null, waitingOn: [], waitingOnGraduate: true });
        expect(flags.daysInStage).toBeGreaterThan(100);
      }
    }
    for (const cookie of [office, freeEd, welfare, auditor]) {
      expect(await listed(cookie, [returned, draft], true)).toEqual([]);
      expect(await listed(cookie, [returned, draft], false)).toEqual([returned, draft].sort());
    }
  });

  it('each office is judged by its own target and its own tick; the auditor sees which office is late', async () => {
    await call(admin, 'PUT', '/api/stage-targets', {
      targets: [
        { office: 'free_education_officer', stage: 'submitted', targetDays: 3, version: 1 },
        { office: 'welfare_officer', stage: 'submitted', targetDays: 20, version: 1 },
      ],
    });
    // Submitted, then the cancellation tick revoked and the welfare tick never set on a debt: all three wait.
    const id = await requestIn('submitted', pastTarget(5), {
      cancellationTick: false,
      welfareTick: false,
      hasDebt: true,
    });
    expect(await flagsOf(freeEd, id)).toMatchObject({ overdue: true, stageTargetDays: 3 });
    expect(await flagsOf(office, id)).toMatchObject({ overdue: false, stageTargetDays: 10 });
    expect(await flagsOf(welfare, id)).toMatchObject({ overdue: false, stageTargetDays: 20 });
    expect(await flagsOf(auditor, id)).toMatchObject({
      overdue: true,
      stageTargetDays: 3,
      waitingOn: [
        { office: 'graduate_officer', targetDays: 10, overdue: false },
        { office: 'free_education_officer', targetDays: 3, overdue: true },
        { office: 'welfare_officer', targetDays: 20, overdue: false },
      ],
    });
    expect(await listed(freeEd, [id], true)).toEqual([id]);
    expect(await listed(office, [id], true)).toEqual([]);
    expect(await listed(welfare, [id], false)).toEqual([id]);
    expect(await listed(auditor, [id], true)).toEqual([id]);

    // "No debt": the Welfare Office is not waited on at all.
    const noDebt = await requestIn('under_review', pastTarget(25), { welfareTick: false, hasDebt: false });
    expect((await flagsOf(auditor, noDebt)).waitingOn.map((w: { office: string }) => w.office)).toEqual([
      'graduate_officer',
    ]);
    expect(await flagsOf(welfare, noDebt)).toMatchObject({ overdue: false, stageTargetDays: null });
    expect(await listed(welfare, [noDebt], true)).toEqual([]);
    // Not yet checked counts as waiting on the Welfare Office.
    const unchecked = await requestIn('under_review', pastTarget(25), { welfareTick: false, hasDebt: null });
    expect(await flagsOf(welfare, unchecked)).toMatchObject({ overdue: true, stageTargetDays: 10 });
    expect(await listed(welfare, [unchecked, noDebt], true)).toEqual([unchecked]);
    const rows = (await call(auditor, 'GET', `/api/requests${q({ filter: { id: [id, noDebt, unchecked] } })}`)).json();
    for (const row of rows) expect(row).toMatchObject(await flagsOf(auditor, row.id));
  });

  it('a holiday, the Thursday rule and a target apply to the next read, in the list and on the page', async () => {
    const enteredAt = pastTarget(12);
    const id = await requestIn('printing', enteredAt);
    const before = await flagsOf(office, id);
    expect(before.overdue).toBe(true);
    // A new holiday on a working day inside the span takes one day off.
    let day = tehranDay(enteredAt.getTime()) + 1;
    while (weekday(day) === 4 || weekday(day) === 5 || calendar.holidays.includes(day)) day += 1;
    const holiday = await call(admin, 'POST', '/api/holidays', {
      date: dateOfDay(day),
      nameFa: 'تعطیل ویژه',
      nameEn: 'Special closure',
      kind: 'other',
    });
    expect(holiday.statusCode, holiday.body).toBe(201);
    expect((await flagsOf(office, id)).daysInStage).toBe(before.daysInStage - 1);
    const listedRow = (await call(office, 'GET', `/api/requests${q({ filter: { id: [id] } })}`)).json()[0];
    expect(listedRow.daysInStage).toBe(before.daysInStage - 1);

    const week = (await call(admin, 'GET', '/api/working-week')).json();
    await call(admin, 'PUT', '/api/working-week', { version: week.version, thursday: 'off' });
    const refreshed = await loadStageCalendar(h.t.db);
    expect((await flagsOf(office, id)).daysInStage).toBe(workingDaysBetween(refreshed.calendar, enteredAt, Date.now()));
    await call(admin, 'PUT', '/api/working-week', { version: week.version + 1, thursday: 'working' });

    const target = (await call(admin, 'GET', '/api/stage-targets'))
      .json()
      .find((t: { id: string }) => t.id === 'graduate_officer:printing');
    await call(admin, 'PUT', '/api/stage-targets', {
      targets: [{ office: 'graduate_officer', stage: 'printing', targetDays: 60, version: target.version }],
    });
    expect(await flagsOf(office, id)).toMatchObject({ overdue: false, stageTargetDays: 60 });
    expect(await listed(office, [id], true)).toEqual([]);
  });
});
