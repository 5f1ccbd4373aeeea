import { appendAuditEvent, DEMO_PASSWORD, verifyAuditChain } from '@diploma-desk/db';
import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { auditEventPages } from '../../src/routes/audit-events/audit-events.repository.ts';
import { createGraduate, pdfBytes, uploadBody } from '../fixtures.ts';
import { auditEvents, createTestApp, type TestApp } from '../helpers.ts';

interface Event {
  id: string;
  at: string;
  actorId: string | null;
  actorName: string | null;
  role: string | null;
  action: string;
  subjectType: string;
  subjectId: string | null;
  requestId: string | null;
  before: unknown;
  after: unknown;
  ip: string | null;
  userAgent: string | null;
  hash: string;
}

let h: TestApp;
let admin = '';
let office = '';
let freeEd = '';
let welfare = '';
let auditor = '';
let ids: Record<'admin' | 'office' | 'freeEd' | 'auditor', string>;
let g1: { id: string; cookie: string; userId: string; requestId: string; documentId: string };
let g2: { id: string; cookie: string; userId: string; requestId: string };

const q = (params: Record<string, unknown>) =>
  `?${new URLSearchParams(Object.entries(params).map(([k, v]): [string, string] => [k, JSON.stringify(v)])).toString()}`;
const userIdOf = async (cookie: string) =>
  (await h.call(cookie, { method: 'GET', url: '/api/auth/session' })).json().user.id as string;

async function list(cookie: string, params: Record<string, unknown> = {}) {
  const res = await h.call(cookie, { method: 'GET', url: `/api/audit-events${q({ range: [0, 499], ...params })}` });
  expect(res.statusCode, res.body).toBe(200);
  return { events: res.json() as Event[], range: res.headers['content-range'] as string };
}

beforeAll(async () => {
  h = await createTestApp();
  admin = await h.login('admin');
  office = await h.login('graduate.office');
  freeEd = await h.login('free.education');
  welfare = await h.login('welfare.office');
  auditor = await h.login('auditor');
  ids = {
    admin: await userIdOf(admin),
    office: await userIdOf(office),
    freeEd: await userIdOf(freeEd),
    auditor: await userIdOf(auditor),
  };
  const open = async (g: { cookie: string }) =>
    (await h.call(g.cookie, { method: 'POST', url: '/api/requests', payload: {} })).json().id as string;
  const a = await createGraduate(h, office, admin);
  const b = await createGraduate(h, office, admin);
  const r1 = await open(a);
  const r2 = await open(b);
  const version = (await h.call(office, { method: 'GET', url: `/api/requests/${r1}` })).json().version;
  await h.call(freeEd, {
    method: 'PUT',
    url: `/api/requests/${r1}/cancellation`,
    payload: { version, route: 'employment', saorgTrackingCode: null, amountOwed: 0, amountPaid: 0, paymentRef: null },
  });
  const doc = await h.call(a.cookie, {
    method: 'POST',
    url: `/api/requests/${r1}/documents`,
    ...uploadBody('national_id_card', pdfBytes()),
  });
  await h.call(office, { method: 'GET', url: `/api/documents/${doc.json().id}/file` });
  await h.call(a.cookie, {
    method: 'POST',
    url: `/api/graduates/${a.id}/corrections`,
    payload: { changes: { fatherName: 'رضا' } },
  });
  g1 = { ...a, userId: await userIdOf(a.cookie), requestId: r1, documentId: doc.json().id };
  g2 = { ...b, userId: await userIdOf(b.cookie), requestId: r2 };
});
afterAll(() => h.close());

describe('GET /api/audit-events: who sees what, filtered in SQL', () => {
  it('a graduate sees the events of their own request, record and account, and nothing of others', async () => {
    const { events } = await list(g1.cookie);
    expect(events.length).toBeGreaterThan(3);
    for (const e of events) {
      const mine =
        e.requestId === g1.requestId ||
        (e.subjectType === 'user' && e.subjectId === g1.userId) ||
        (e.subjectType === 'graduate' && e.subjectId === g1.id);
      expect(mine, `${e.action} ${e.subjectType} ${e.subjectId}`).toBe(true);
    }
    const actions = events.map((e) => e.action);
    for (const a of ['request.open', 'cancellation.update', 'document.upload', 'document.view', 'correction.request']) {
      expect(actions).toContain(a);
    }
    expect(actions).toContain('auth.login');
    expect(events.some((e) => e.requestId === g2.requestId || e.subjectId === g2.id)).toBe(false);
    // Who the officer was and when, yes; the officer's address and browser, no.
    const byOfficer = events.find((e) => e.action === 'cancellation.update')!;
    expect(byOfficer).toMatchObject({ actorId: ids.freeEd, role: 'free_education_officer', ip: null, userAgent: null });
    expect(byOfficer.actorName).toBeTruthy();
    expect(events.find((e) => e.action === 'request.open')?.ip).toBeTruthy();

    const hidden = (await auditEvents(h.t)).find((e) => e.requestId === g2.requestId)!;
    expect((await h.call(g1.cookie, { method: 'GET', url: `/api/audit-events/${hidden.id}` })).statusCode).toBe(404);
  });

  it('an office sees the events of the requests it can read; the welfare office not those of documents', async () => {
    const officeEvents = (await list(office)).events;
    for (const r of [g1.requestId, g2.requestId]) {
      expect(officeEvents.some((e) => e.requestId === r && e.action === 'request.open')).toBe(true);
    }
    expect(officeEvents.map((e) => e.action)).toContain('document.view');
    const welfareEvents = (await list(welfare)).events;
    expect(welfareEvents.some((e) => e.requestId === g1.requestId && e.action === 'cancellation.update')).toBe(true);
    expect(welfareEvents.some((e) => e.subjectType === 'document')).toBe(false);
    expect(welfareEvents.some((e) => e.action === 'graduate.create')).toBe(true);
    // Accounts are the admin's: of account events, an office sees those about itself only.
    const self = await userIdOf(welfare);
    expect(welfareEvents.filter((e) => e.subjectType === 'user').every((e) => e.subjectId === self)).toBe(true);
  });

  it('the admin sees the events of accounts, not of cases', async () => {
    const { events } = await list(admin);
    const actions = new Set(events.map((e) => e.action));
    expect(actions.has('user.create')).toBe(true);
    expect(events.some((e) => e.action === 'auth.login' && e.subjectId === g1.userId)).toBe(true);
    for (const a of ['request.open', 'cancellation.update', 'document.upload', 'graduate.create']) {
      expect(actions.has(a), a).toBe(false);
    }
  });

  it('the auditor sees every event, newest first, paged with Content-Range', async () => {
    const all = await auditEvents(h.t);
    const { events, range } = await list(auditor, { range: [0, 4] });
    expect(range).toBe(`audit-events 0-4/${all.length}`);
    expect(events.map((e) => e.id)).toEqual(
      all
        .slice(-5)
        .reverse()
        .map((e) => e.id),
    );
    const oldest = await list(auditor, { sort: ['at', 'ASC'], range: [0, 0] });
    expect(oldest.events[0]?.id).toBe('1');
  });

  it('filters by actor, role, action (exact or prefix), subject, request, time and text', async () => {
    const all = await auditEvents(h.t);
    const expectIds = async (filter: object, pick: (e: (typeof all)[number]) => boolean) => {
      const { events } = await list(auditor, { filter, sort: ['id', 'ASC'] });
      expect(
        events.map((e) => e.id),
        JSON.stringify(filter),
      ).toEqual(all.filter(pick).map((e) => e.id));
    };
    await expectIds({ actorId: ids.freeEd }, (e) => e.actorId === ids.freeEd);
    await expectIds({ role: 'graduate_officer' }, (e) => e.role === 'graduate_officer');
    await expectIds({ role: ['graduate', 'admin'] }, (e) => e.role === 'graduate' || e.role === 'admin');
    await expectIds({ action: 'request.open' }, (e) => e.action === 'request.open');
    await expectIds({ action: 'request.*' }, (e) => e.action.startsWith('request.'));
    await expectIds(
      { action: ['auth.*', 'document.view'] },
      (e) => e.action.startsWith('auth.') || e.action === 'document.view',
    );
    await expectIds({ subjectType: 'document', subjectId: g1.documentId }, (e) => e.subjectId === g1.documentId);
    await expectIds(
      { requestId: g1.requestId },
      (e) => e.requestId === g1.requestId || (e.subjectType === 'request' && e.subjectId === g1.requestId),
    );
    const middle = all[Math.floor(all.length / 2)]!;
    const later = all[all.length - 3]!;
    await expectIds(
      { from: middle.at.toISOString(), to: later.at.toISOString() },
      (e) => e.at >= middle.at && e.at <= later.at,
    );
    await expectIds({ q: 'CANCELLATION' }, (e) => e.action.includes('cancellation'));
    await expectIds({ q: g2.requestId.slice(0, 13) }, (e) => (e.requestId ?? '').includes(g2.requestId.slice(0, 13)));
    await expectIds({ q: 'free.educ' }, (e) => e.actorId === ids.freeEd);
    await expectIds({ id: [all[0]!.id, all[2]!.id] }, (e) => e.id === all[0]!.id || e.id === all[2]!.id);
  });

  it('refuses unknown filters, bad dates, bad actions and bad sorts with 400', async () => {
    for (const params of [
      { filter: { colour: 'red' } },
      { filter: { from: 'yesterday' } },
      { filter: { action: 'request.%' } },
      { sort: ['hash', 'ASC'] },
    ]) {
      const res = await h.call(auditor, { method: 'GET', url: `/api/audit-events${q(params)}` });
      expect(res.statusCode, JSON.stringify(params)).toBe(400);
    }
    expect((await h.call(undefined, { method: 'GET', url: '/api/audit-events' })).statusCode).toBe(401);
  });
});

describe('GET /api/audit-events/:id', () => {
  it('returns one event with its before and after', async () => {
    const row = (await auditEvents(h.t)).find((e) => e.action === 'cancellation.update')!;
    const res = await h.call(auditor, { method: 'GET', url: `/api/audit-events/${row.id}` });
    expect(res.statusCode).toBe(200);
    expect(res.json()).toMatchObject({
      id: row.id,
      action: 'cancellation.update',
      requestId: g1.requestId,
      hash: row.hash,
      prevHash: row.prevHash,
      before: { route: null },
      after: { route: 'employment' },
      ip: row.ip,
    });
    expect((await h.call(g1.cookie, { method: 'GET', url: `/api/audit-events/${row.id}` })).json().after).toMatchObject(
      {
        route: 'employment',
      },
    );
  });

  it('is 404 when missing or hidden, 400 when not an id', async () => {
    const adminEvent = (await auditEvents(h.t)).find((e) => e.action === 'user.create')!;
    expect((await h.call(office, { method: 'GET', url: `/api/audit-events/${adminEvent.id}` })).statusCode).toBe(404);
    expect((await h.call(auditor, { method: 'GET', url: '/api/audit-events/99999999' })).statusCode).toBe(404);
    expect((await h.call(auditor, { method: 'GET', url: '/api/audit-events/abc' })).statusCode).toBe(400);
  });

  it('refuses with 400 an id beyond what a bigint holds, in the path and in the filter', async () => {
    for (const url of [
      '/api/audit-events/9999999999999999999',
      '/api/audit-events/9223372036854775808',
      `/api/audit-events${q({ filter: { id: '9999999999999999999' } })}`,
      `/api/audit-events${q({ filter: { id: ['1', '9223372036854775808'] } })}`,
    ]) {
      const res = await h.call(auditor, { method: 'GET', url });
      expect(res.statusCode, `${url}: ${res.body}`).toBe(400);
      expect(res.headers['content-type']).toMatch(/^application\/problem\+json/);
    }
  });
});

describe('GET /api/audit-events/verify', () => {
  it('is the auditor’s alone', async () => {
    for (const cookie of [admin, office, freeEd, welfare, g1.cookie]) {
      expect((await h.call(cookie, { method: 'GET', url: '/api/audit-events/verify' })).statusCode).toBe(403);
    }
  });

  it('walks the chain, checks the exported heads, and names a changed event', async () => {
    const verify = async () => (await h.call(auditor, { method: 'GET', url: '/api/audit-events/verify' })).json();
    const count = (await auditEvents(h.t)).length;
    expect(await verify()).toEqual({ ok: true, checked: count, headsChecked: 0 });
    const head = await h.app.auditHeads.exportHead();
    expect(head).toMatchObject({ id: String(count) });
    expect(await h.app.auditHeads.exportHead()).toBeUndefined();
    expect(await verify()).toEqual({ ok: true, checked: count, headsChecked: 1 });

    const target = (await auditEvents(h.t)).find((e) => e.action === 'cancellation.update')!;
    const change = async (after: string) => {
      await sql`ALTER TABLE audit_events DISABLE TRIGGER USER`.execute(h.t.db);
      await sql`UPDATE audit_events SET after = ${after}::jsonb WHERE id = ${target.id}`.execute(h.t.db);
      await sql`ALTER TABLE audit_events ENABLE TRIGGER USER`.execute(h.t.db);
    };
    await change('{"route": "scholarship"}');
    expect(await verify()).toEqual({
      ok: false,
      checked: Number(target.id),
      firstBrokenId: target.id,
      headsChecked: 1,
    });
    await change(JSON.stringify(target.after));
    expect((await verify()).ok).toBe(true);
  });
});

/** RFC 4180, as a spreadsheet reads it. */
function parseCsv(text: string): string[][] {
  const rows: string[][] = [];
  let row: string[] = [];
  let cell = '';
  let quoted = false;
  for (let i = 0; i < text.length; i += 1) {
    const c = text[i]!;
    if (quoted) {
      if (c === '"' && text[i + 1] === '"') {
        cell += '"';
        i += 1;
      } else if (c === '"') quoted = false;
      else cell += c;
    } else if (c === '"') quoted = true;
    else if (c === ',') {
      row.push(cell);
      cell = '';
    } else if (c === '\r' && text[i + 1] === '\n') {
      row.push(cell);
      rows.push(row);
      row = [];
      cell = '';
      i += 1;
    } else cell += c;
  }
  expect(cell).toBe('');
  return rows;
}

describe('GET /api/audit-events/export.csv', () => {
  const exportCsv = (cookie: string, filter?: object) =>
    h.call(cookie, { method: 'GET', url: `/api/audit-events/export.csv${filter ? q({ filter }) : ''}` });

  it('is the auditor’s alone, and a refused export writes nothing', async () => {
    const before = (await auditEvents(h.t)).length;
    for (const cookie of [admin, office, freeEd, welfare, g1.cookie]) {
      expect((await exportCsv(cookie)).statusCode).toBe(403);
    }
    expect((await exportCsv(auditor, { colour: 'red' })).statusCode).toBe(400);
    expect((await auditEvents(h.t)).length).toBe(before);
  });

  it('streams UTF-8 with a BOM, RFC 4180 quoting of Persian, commas, quotes and line breaks, and audits itself', async () => {
    const tricky = 'نامهٔ «عدم اشتغال», "اصل" دیده شد\nخط دوم';
    await h.t.db.transaction().execute((trx) =>
      appendAuditEvent(trx, {
        actorId: ids.freeEd,
        role: 'free_education_officer',
        action: 'test.tricky',
        subjectType: 'request',
        subjectId: g1.requestId,
        requestId: g1.requestId,
        after: { note: tricky },
        ip: '10.0.0.1',
        userAgent: '=HYPERLINK("http://evil.example"), Mozilla',
      }),
    );
    const res = await exportCsv(auditor);
    expect(res.statusCode).toBe(200);
    expect(res.headers['content-type']).toBe('text/csv; charset=utf-8; header=present');
    expect(res.headers['content-disposition']).toMatch(/^attachment; filename="audit-events-.*\.csv"$/);
    expect(res.rawPayload.subarray(0, 3)).toEqual(Buffer.from([0xef, 0xbb, 0xbf]));
    const text = res.rawPayload.toString('utf8').slice(1);
    const [header, ...rows] = parseCsv(text);
    expect(header).toEqual([
      'id',
      'at',
      'actorId',
      'role',
      'action',
      'subjectType',
      'subjectId',
      'requestId',
      'ip',
      'userAgent',
      'before',
      'after',
      'prevHash',
      'hash',
    ]);
    const all = await auditEvents(h.t);
    // Everything up to and including the export's own event, in chain order.
    const exported = all.find((e) => e.action === 'audit.export')!;
    expect(exported).toMatchObject({ actorId: ids.auditor, role: 'auditor', after: { filter: {} } });
    expect(rows.map((r) => r[0])).toEqual(all.filter((e) => Number(e.id) <= Number(exported.id)).map((e) => e.id));
    expect(res.headers['x-total-count']).toBe(String(rows.length));
    const row = rows.find((r) => r[4] === 'test.tricky')!;
    expect(JSON.parse(row[11]!)).toEqual({ note: tricky });
    expect(row[9]).toBe(`'=HYPERLINK("http://evil.example"), Mozilla`);
    const stored = all.find((e) => e.action === 'test.tricky')!;
    expect(row.slice(0, 2)).toEqual([stored.id, stored.at.toISOString()]);
    expect(row.slice(12)).toEqual([stored.prevHash, stored.hash]);
    expect(text).toContain('"{""note"":""نامهٔ «عدم اشتغال», \\""اصل\\"" دیده شد\\nخط دوم""}"');
  });

  it('exports exactly the filtered view, and records the filter', async () => {
    const filter = { action: 'request.*', requestId: g1.requestId };
    const res = await exportCsv(auditor, filter);
    const rows = parseCsv(res.rawPayload.toString('utf8').slice(1)).slice(1);
    expect(rows.length).toBeGreaterThan(0);
    expect(rows.every((r) => r[4]!.startsWith('request.') && r[7] === g1.requestId)).toBe(true);
    expect(res.headers['x-total-count']).toBe(String(rows.length));
    const last = (await auditEvents(h.t)).at(-1)!;
    expect(last).toMatchObject({ action: 'audit.export', subjectType: 'audit', after: { filter } });
  });

  it('writes nothing for a HEAD request', async () => {
    const before = (await auditEvents(h.t)).length;
    const res = await h.call(auditor, { method: 'HEAD', url: '/api/audit-events/export.csv' });
    expect(res.statusCode).toBe(200);
    expect((await auditEvents(h.t)).length).toBe(before);
  });

  it('reads the table in keyset pages up to the export’s last event', async () => {
    const all = await auditEvents(h.t);
    const lastId = all[all.length - 2]!.id;
    const pages: string[][] = [];
    for await (const page of auditEventPages(h.t.db, [], lastId, 7)) pages.push(page.map((e) => e.id));
    expect(pages.slice(0, -1).every((p) => p.length === 7)).toBe(true);
    expect(pages.flat()).toEqual(all.slice(0, -1).map((e) => e.id));
  });
});

describe('the chain under load', () => {
  it('50 parallel mutations leave an intact chain with contiguous ids', async () => {
    const before = (await auditEvents(h.t)).length;
    const calls = Array.from({ length: 50 }, (_, i) => {
      if (i % 5 === 0) {
        return h.call(undefined, {
          method: 'POST',
          url: '/api/auth/login',
          payload: { username: `nobody.${i}`, password: 'wrong password' },
        });
      }
      if (i % 2 === 0) {
        return h.call(undefined, {
          method: 'POST',
          url: '/api/auth/login',
          payload: { username: 'graduate.office', password: DEMO_PASSWORD },
        });
      }
      return h.call(admin, {
        method: 'POST',
        url: '/api/users',
        payload: {
          username: `parallel.${i}`,
          password: 'a long enough passphrase',
          role: 'auditor',
          displayName: `حسابرس ${i}`,
        },
      });
    });
    const codes = (await Promise.all(calls)).map((r) => r.statusCode);
    expect(codes.filter((c) => c === 401)).toHaveLength(10);
    expect(codes.filter((c) => c === 200 || c === 201)).toHaveLength(40);
    const after = await auditEvents(h.t);
    expect(after).toHaveLength(before + 50);
    expect(after.map((e) => Number(e.id))).toEqual(after.map((_, i) => i + 1));
    expect(await verifyAuditChain(h.t.db)).toEqual({ ok: true, checked: before + 50 });
  });
});

describe('OpenAPI', () => {
  it('documents every audit route', async () => {
    const doc = (await h.call(undefined, { method: 'GET', url: '/api/openapi.json' })).json();
    for (const p of [
      '/api/audit-events',
      '/api/audit-events/{id}',
      '/api/audit-events/verify',
      '/api/audit-events/export.csv',
    ]) {
      expect(doc.paths[p]?.get, p).toBeDefined();
    }
    expect(Object.keys(doc.paths['/api/audit-events/export.csv'].get.responses['200'].content)).toEqual(['text/csv']);
  });
});
