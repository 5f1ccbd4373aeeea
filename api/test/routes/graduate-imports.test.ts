import { createHash } from 'node:crypto';
import { readdir, readFile } from 'node:fs/promises';
import path from 'node:path';
import { generateNationalId, verifyAuditChain } from '@diploma-desk/db';
import type { LightMyRequestResponse } from 'fastify';
import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sweepStorage } from '../../src/lib/storage-sweep.ts';
import { type CsvGraduate, createGraduate, graduateCsv, importBody } from '../fixtures.ts';
import { createTestApp, type TestApp } from '../helpers.ts';

/**
 * The graduate import through the API on a real database: upload and dry run, the report, the commit in
 * batches with its audit events, a second import of the same file changing nothing, a commit cut off and
 * resumed, graduates recorded between dry run and commit, refused callers, and files that are not the CSV.
 */

const BATCH = 3;
const MAX_BYTES = 64 * 1024;
let h: TestApp;
let office: string;
let admin: string;
let freeEd: string;
let welfare: string;
let auditor: string;

beforeAll(async () => {
  h = await createTestApp({ IMPORT_BATCH_ROWS: String(BATCH), IMPORT_MAX_BYTES: String(MAX_BYTES) });
  office = await h.login('graduate.office');
  admin = await h.login('admin');
  freeEd = await h.login('free.education');
  welfare = await h.login('welfare.office');
  auditor = await h.login('auditor');
});
afterAll(() => h.close());

let seq = 0;
/** A graduate of the portal's file, unique in this test file. */
function person(over: Partial<CsvGraduate> = {}): CsvGraduate {
  seq += 1;
  return { studentNumber: `4031${String(seq).padStart(4, '0')}`, nationalId: generateNationalId(), ...over };
}
const toPersianDigits = (s: string) => s.replace(/[0-9]/g, (d) => '۰۱۲۳۴۵۶۷۸۹'[Number(d)]!);

const upload = (cookie: string | undefined, data: Buffer, filename?: string) =>
  h.call(cookie, { method: 'POST', url: '/api/graduate-imports', ...importBody(data, filename) });
const commit = (cookie: string | undefined, id: string) =>
  h.call(cookie, { method: 'POST', url: `/api/graduate-imports/${id}/commit` });
const get = (cookie: string | undefined, url: string) => h.call(cookie, { method: 'GET', url });

function ok(res: LightMyRequestResponse, status = 200) {
  expect(res.statusCode, res.body.slice(0, 500)).toBe(status);
  return res.json();
}

async function rows(id: string, filter: object = {}) {
  const query = `filter=${encodeURIComponent(JSON.stringify(filter))}&range=${encodeURIComponent('[0,499]')}`;
  return ok(await get(office, `/api/graduate-imports/${id}/rows?${query}`)) as Array<{
    line: number;
    status: string;
    fields: Record<string, unknown>;
    issues: Array<{ code: string; severity: string; field?: string; params?: Record<string, unknown> }>;
    warned: boolean;
    graduateId: string | null;
    importedAt: string | null;
  }>;
}

const lastEventId = async () =>
  (
    await h.t.db
      .selectFrom('auditEvents')
      .select((eb) => eb.fn.max('id').as('id'))
      .executeTakeFirstOrThrow()
  ).id ?? '0';

/** Every table's row count and the audit log's newest id: what a change would move. */
async function footprint() {
  const { rows: tables } = await sql<{ name: string }>`
    SELECT table_name AS name FROM information_schema.tables
    WHERE table_schema = current_schema() AND table_type = 'BASE TABLE' AND table_name NOT LIKE 'kysely_%'
      AND table_name <> 'sessions'
    ORDER BY table_name`.execute(h.t.db);
  const counts: Record<string, number> = {};
  for (const { name } of tables) {
    const { rows: r } = await sql<{ n: string }>`SELECT count(*) AS n FROM ${sql.table(name)}`.execute(h.t.db);
    counts[name] = Number(r[0]?.n);
  }
  return { counts, lastEventId: await lastEventId(), files: await storedFiles() };
}

/** Stored files (a refused upload may leave its empty shard directory behind, which holds nothing). */
async function storedFiles(): Promise<string[]> {
  const root = path.join(h.config.dataDir, 'files');
  const entries = await readdir(root, { recursive: true, withFileTypes: true }).catch(() => []);
  return entries
    .filter((e) => e.isFile())
    .map((e) => path.relative(root, path.join(e.parentPath, e.name)))
    .sort();
}

const graduateCount = async () =>
  Number(
    (
      await h.t.db
        .selectFrom('graduates')
        .select((eb) => eb.fn.countAll<string>().as('n'))
        .executeTakeFirstOrThrow()
    ).n,
  );

describe('dry run', () => {
  it('reports each line as new, unchanged, conflict or invalid with reasons and warnings, and changes no graduate', async () => {
    const same = await createGraduate(h, office, admin, {
      firstName: 'علی',
      lastName: 'محمدی',
      fatherName: 'رضا',
      birthDate: '1996-03-20',
      gender: 'male',
      degreeLevel: 'phd',
      faculty: 'دانشکده فیزیک',
      program: 'فیزیک ذرات',
    });
    const sameRow = await h.t.db
      .selectFrom('graduates')
      .selectAll()
      .where('id', '=', same.id)
      .executeTakeFirstOrThrow();
    const other = await createGraduate(h, office, admin, { fatherName: 'حسین', birthDate: '1996-03-20' });
    const otherRow = await h.t.db
      .selectFrom('graduates')
      .selectAll()
      .where('id', '=', other.id)
      .executeTakeFirstOrThrow();
    const holder = await createGraduate(h, office, admin);
    const holderRow = await h.t.db
      .selectFrom('graduates')
      .selectAll()
      .where('id', '=', holder.id)
      .executeTakeFirstOrThrow();
    const fresh = person();
    const file = graduateCsv([
      // 2: new, in Persian digits with Arabic letters and stray spaces.
      {
        ...fresh,
        studentNumber: toPersianDigits(fresh.studentNumber),
        nationalId: toPersianDigits(fresh.nationalId),
        firstName: ' زينب ',
        lastName: 'كاظمی',
        birthDate: '۱۳۷۵/۰۶/۳۱',
      },
      // 3: recorded just so (the recorded name written with an Arabic ي here).
      {
        studentNumber: sameRow.studentNumber,
        nationalId: sameRow.nationalId,
        firstName: 'علي',
        lastName: 'محمدی',
        fatherName: 'رضا',
        birthDate: '1375/01/01',
        gender: 'مرد',
        degreeLevel: 'دکتری',
        faculty: 'دانشکده فیزیک',
        program: 'فیزیک ذرات',
      },
      // 4: recorded with another father's name (and another program).
      {
        studentNumber: otherRow.studentNumber,
        nationalId: otherRow.nationalId,
        lastName: otherRow.lastName,
        fatherName: 'علی',
        birthDate: '1375/01/01',
        program: 'علوم داده',
      },
      // 5: a new national ID with a student number recorded for someone else.
      person({ studentNumber: holderRow.studentNumber }),
      // 6: a wrong check digit; 7: no first name; 8: a day that does not exist; 9: line 2 again.
      person({ nationalId: `${fresh.nationalId.slice(0, 9)}${(Number(fresh.nationalId[9]) + 1) % 10}` }),
      person({ firstName: '' }),
      person({ birthDate: '1375/07/31' }),
      { ...fresh, studentNumber: '40319999' },
    ]);
    const before = await footprint();
    const created = ok(await upload(office, file, 'فارغ‌التحصیلان ۱۴۰۵.csv'), 201);
    expect(created).toMatchObject({
      fileName: 'فارغ‌التحصیلان ۱۴۰۵.csv',
      sha256: createHash('sha256').update(file).digest('hex'),
      sizeBytes: file.length,
      delimiter: ',',
      status: 'ready',
      rows: { total: 8, new: 1, unchanged: 1, conflict: 2, invalid: 4, imported: 0 },
      progress: { done: 0, total: 1 },
      createdByName: 'کارشناس دفتر تحصیلات تکمیلی',
    });
    expect(created.columns.map((c: { field: string }) => c.field)).toContain('birthDate');

    const report = await rows(created.id);
    const byLine = new Map(report.map((r) => [r.line, r]));
    expect(report.map((r) => [r.line, r.status])).toEqual([
      [2, 'new'],
      [3, 'unchanged'],
      [4, 'conflict'],
      [5, 'conflict'],
      [6, 'invalid'],
      [7, 'invalid'],
      [8, 'invalid'],
      [9, 'invalid'],
    ]);
    expect(byLine.get(2)?.fields).toMatchObject({
      studentNumber: fresh.studentNumber,
      nationalId: fresh.nationalId,
      firstName: 'زینب',
      lastName: 'کاظمی',
      birthDate: '1996-09-21',
    });
    expect(
      byLine
        .get(2)
        ?.issues.map((i) => `${i.code}:${i.field}`)
        .sort(),
    ).toEqual(
      [
        'arabic_letters:firstName',
        'arabic_letters:lastName',
        'digits:birthDate',
        'digits:nationalId',
        'digits:studentNumber',
        'whitespace:firstName',
      ].sort(),
    );
    expect(byLine.get(3)).toMatchObject({ graduateId: same.id, warned: true });
    expect(byLine.get(4)?.issues.filter((i) => i.severity === 'difference')).toEqual([
      { code: 'differs', severity: 'difference', field: 'fatherName', params: { recorded: 'حسین' } },
      { code: 'differs', severity: 'difference', field: 'program', params: { recorded: 'هوش مصنوعی' } },
    ]);
    expect(byLine.get(4)?.graduateId).toBe(other.id);
    expect(byLine.get(5)).toMatchObject({
      graduateId: holder.id,
      issues: [{ code: 'student_number_taken', severity: 'difference', field: 'studentNumber' }],
    });
    expect(byLine.get(6)?.issues.map((i) => i.code)).toEqual(['national_id_checksum']);
    expect(byLine.get(7)?.issues.map((i) => `${i.code}:${i.field}`)).toEqual(['required:firstName']);
    expect(byLine.get(8)?.issues.map((i) => i.code)).toEqual(['bad_date']);
    expect(byLine.get(9)?.issues[0]).toEqual({
      code: 'duplicate_in_file',
      severity: 'error',
      field: 'nationalId',
      params: { line: 2 },
    });

    expect((await rows(created.id, { status: 'invalid' })).map((r) => r.line)).toEqual([6, 7, 8, 9]);
    expect((await rows(created.id, { status: ['new', 'unchanged'] })).map((r) => r.line)).toEqual([2, 3]);
    expect((await rows(created.id, { warned: true })).map((r) => r.line)).toEqual([2, 3]);

    const after = await footprint();
    expect(after.counts.graduates).toBe(before.counts.graduates);
    expect(after.counts.graduate_imports).toBe((before.counts.graduate_imports ?? 0) + 1);
    expect(after.counts.graduate_import_rows).toBe((before.counts.graduate_import_rows ?? 0) + 8);
    const events = await h.t.db.selectFrom('auditEvents').selectAll().where('id', '>', before.lastEventId).execute();
    expect(events.map((e) => [e.action, e.subjectType, e.subjectId])).toEqual([
      ['graduate_import.upload', 'graduate_import', created.id],
    ]);
    // The file is kept, content-addressed like documents.
    expect(after.files.filter((f) => !before.files.includes(f))).toContain(
      path.join('sha256', created.sha256.slice(0, 2), created.sha256),
    );
  });

  it('reads a semicolon-separated file with English headers and Gregorian dates', async () => {
    const g = person();
    const csv = [
      'National ID;Student number;Last name;First name;Father name;Date of birth;Gender;Degree;Faculty;Program;Email',
      `${g.nationalId};${g.studentNumber};Karimi;Sara;Ali;1996-03-20;female;PhD;Mathematics;Statistics;s@example.org`,
    ].join('\n');
    const created = ok(await upload(office, Buffer.from(csv)), 201);
    expect(created).toMatchObject({ delimiter: ';', rows: { total: 1, new: 1 } });
    expect(created.columns.at(-1)).toEqual({ header: 'Email', field: null });
    const [row] = await rows(created.id);
    expect(row?.fields).toMatchObject({ birthDate: '1996-03-20', degreeLevel: 'phd', scholarship: false });
    expect(row?.issues.map((i) => i.code)).toEqual(['gregorian_date']);
  });
  it('reads the documented example files (docs/) as they are: every line new, with only the warnings they mean', async () => {
    for (const [name, delimiter, lines] of [
      ['graduate-import-example.csv', ',', 5],
      ['graduate-import-example.en.csv', ';', 2],
    ] as const) {
      const file = await readFile(path.join(import.meta.dirname, '../../../docs', name));
      const created = ok(await upload(office, file, name), 201);
      expect(created).toMatchObject({ delimiter, rows: { total: lines, new: lines, invalid: 0, conflict: 0 } });
      const codes = new Set((await rows(created.id)).flatMap((r) => r.issues.map((i) => i.code)));
      expect([...codes].every((c) => c === 'digits')).toBe(true);
    }
  });
});

describe('commit', () => {
  it('creates the new graduates in batches, one audit event each, and they are listed and searchable', async () => {
    const ordinals = ['یکم', 'دوم', 'سوم', 'چهارم', 'پنجم', 'ششم', 'هفتم'];
    const people = ordinals.map((o) => person({ lastName: `واردشده ${o}` }));
    const invalid = person({ nationalId: '1234567890' });
    const created = ok(await upload(office, graduateCsv([...people, invalid])), 201);
    const before = await footprint();
    const graduatesBefore = await graduateCount();
    const done = ok(await commit(office, created.id));
    expect(done).toMatchObject({
      status: 'committed',
      rows: { total: 8, new: 7, invalid: 1, imported: 7 },
      progress: { done: 7, total: 7 },
    });
    expect(done.committedAt).not.toBeNull();
    expect(await graduateCount()).toBe(graduatesBefore + 7);

    const events = await h.t.db
      .selectFrom('auditEvents')
      .selectAll()
      .where('id', '>', before.lastEventId)
      .orderBy('id')
      .execute();
    expect(events).toHaveLength(7);
    expect(new Set(events.map((e) => e.action))).toEqual(new Set(['graduate.import']));
    const lines = await rows(created.id, { status: 'new' });
    expect(lines.every((l) => l.importedAt !== null && l.graduateId !== null)).toBe(true);
    expect(events.map((e) => e.subjectId).sort()).toEqual(lines.map((l) => l.graduateId).sort());
    expect(events[0]?.after).toMatchObject({ importId: created.id, line: 2, nationalId: people[0]!.nationalId });

    const search = encodeURIComponent(JSON.stringify({ q: 'واردشده چهارم' }));
    const found = ok(await get(office, `/api/graduates?filter=${search}`));
    expect(found.map((g: { nationalId: string }) => g.nationalId)).toEqual([people[3]!.nationalId]);
    expect(found[0]).toMatchObject({ birthDate: '1996-03-20', degreeLevel: 'masters', gender: 'female' });
    expect((await verifyAuditChain(h.t.db)).ok).toBe(true);
  });

  it('importing the same file twice creates nothing the second time: everything unchanged, the commit a no-op', async () => {
    const file = graduateCsv([person(), person(), person(), person()]);
    const first = ok(await upload(office, file), 201);
    ok(await commit(office, first.id));

    const again = ok(await upload(office, file), 201);
    expect(again.rows).toMatchObject({ total: 4, new: 0, unchanged: 4, conflict: 0, invalid: 0 });
    expect((await rows(again.id)).every((r) => r.status === 'unchanged' && r.graduateId !== null)).toBe(true);

    const before = await footprint();
    const second = ok(await commit(office, again.id));
    expect(second).toMatchObject({ status: 'ready', progress: { done: 0, total: 0 } });
    // The first import committed again: nothing left to do.
    ok(await commit(office, first.id));
    expect(await footprint()).toEqual(before);
  });

  it('a commit cut off mid-way (a batch rolled back, as in a crash) resumes where it stopped, without duplicates', async () => {
    const people = Array.from({ length: 8 }, () => person());
    const created = ok(await upload(office, graduateCsv(people)), 201);
    const doomed = people[4]!.nationalId;
    // The second batch (lines 5–7) fails inside its transaction, as a crash would leave it.
    await sql`
      CREATE FUNCTION fail_import() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN
        IF NEW.national_id = ${sql.lit(doomed)} THEN RAISE EXCEPTION 'simulated crash'; END IF;
        RETURN NEW;
      END $$`.execute(h.t.db);
    await sql`CREATE TRIGGER fail_import BEFORE INSERT ON graduates FOR EACH ROW EXECUTE FUNCTION fail_import()`.execute(
      h.t.db,
    );
    const graduatesBefore = await graduateCount();
    const cut = await commit(office, created.id);
    expect(cut.statusCode).toBe(500);
    const halfway = ok(await get(office, `/api/graduate-imports/${created.id}`));
    expect(halfway).toMatchObject({ status: 'committing', progress: { done: BATCH, total: 8 } });
    expect(await graduateCount()).toBe(graduatesBefore + BATCH);

    await sql`DROP TRIGGER fail_import ON graduates`.execute(h.t.db);
    await sql`DROP FUNCTION fail_import()`.execute(h.t.db);
    const eventsBefore = await lastEventId();
    const resumed = ok(await commit(office, created.id));
    expect(resumed).toMatchObject({ status: 'committed', progress: { done: 8, total: 8 } });
    expect(await graduateCount()).toBe(graduatesBefore + 8);
    const ids = people.map((p) => p.nationalId);
    const recorded = await h.t.db.selectFrom('graduates').select('nationalId').where('nationalId', 'in', ids).execute();
    expect(recorded).toHaveLength(8);
    const events = await h.t.db
      .selectFrom('auditEvents')
      .select('subjectId')
      .where('id', '>', eventsBefore)
      .where('action', '=', 'graduate.import')
      .execute();
    expect(events).toHaveLength(8 - BATCH);
  });

  it('two commits of one import at once create each graduate once', async () => {
    const people = Array.from({ length: 10 }, () => person());
    const created = ok(await upload(office, graduateCsv(people)), 201);
    const eventsBefore = await lastEventId();
    const [a, b] = await Promise.all([commit(office, created.id), commit(office, created.id)]);
    expect([a.statusCode, b.statusCode]).toEqual([200, 200]);
    expect(b.json()).toMatchObject({ status: 'committed', progress: { done: 10, total: 10 } });
    const events = await h.t.db.selectFrom('auditEvents').select('subjectId').where('id', '>', eventsBefore).execute();
    expect(events).toHaveLength(10);
    expect(new Set(events.map((e) => e.subjectId)).size).toBe(10);
  });

  it('a graduate recorded between the dry run and the commit is not duplicated: the line becomes unchanged or conflict', async () => {
    const people = [person(), person(), person(), person()];
    const created = ok(await upload(office, graduateCsv(people)), 201);
    const body = (p: CsvGraduate, over: object = {}) => ({
      studentNumber: p.studentNumber,
      nationalId: p.nationalId,
      firstName: 'سارا',
      lastName: 'کریمی',
      fatherName: 'علی',
      birthDate: '1996-03-20',
      gender: 'female',
      degreeLevel: 'masters',
      faculty: 'دانشکده مهندسی کامپیوتر',
      program: 'هوش مصنوعی',
      ...over,
    });
    ok(await h.call(office, { method: 'POST', url: '/api/graduates', payload: body(people[1]!) }), 201);
    ok(
      await h.call(office, {
        method: 'POST',
        url: '/api/graduates',
        payload: body(people[2]!, { fatherName: 'محمود' }),
      }),
      201,
    );
    const graduatesBefore = await graduateCount();
    const done = ok(await commit(office, created.id));
    expect(done).toMatchObject({
      status: 'committed',
      rows: { total: 4, new: 2, unchanged: 1, conflict: 1, imported: 2 },
      progress: { done: 2, total: 2 },
    });
    expect(await graduateCount()).toBe(graduatesBefore + 2);
    const report = await rows(created.id);
    expect(report.map((r) => r.status)).toEqual(['new', 'unchanged', 'conflict', 'new']);
    expect(report[1]?.issues.map((i) => i.code)).toEqual(['recorded_meanwhile']);
    expect(report[2]?.issues.map((i) => i.code)).toEqual(['differs', 'recorded_meanwhile']);
  });
});

describe('who may import', () => {
  it('only the Graduate Office uploads and commits; auditors read; others see no import at all; refusals change nothing', async () => {
    const file = graduateCsv([person(), person()]);
    const g = await createGraduate(h, office, admin);
    const created = ok(await upload(office, file), 201);
    const before = await footprint();
    for (const cookie of [admin, freeEd, welfare, auditor, g.cookie]) {
      const res = await upload(cookie, graduateCsv([person()]));
      expect(res.statusCode, res.body).toBe(403);
      expect(res.headers['content-type']).toMatch(/^application\/problem\+json/);
    }
    expect((await upload(undefined, file)).statusCode).toBe(401);
    for (const cookie of [admin, freeEd, welfare, g.cookie]) {
      expect((await get(cookie, '/api/graduate-imports')).statusCode).toBe(403);
      expect((await get(cookie, `/api/graduate-imports/${created.id}`)).statusCode).toBe(404);
      expect((await get(cookie, `/api/graduate-imports/${created.id}/rows`)).statusCode).toBe(404);
      expect((await commit(cookie, created.id)).statusCode).toBe(404);
    }
    expect((await commit(auditor, created.id)).statusCode).toBe(403);
    expect((await commit(undefined, created.id)).statusCode).toBe(401);
    expect((await commit(office, '00000000-0000-4000-8000-000000000000')).statusCode).toBe(404);
    expect(await footprint()).toEqual(before);

    const listed = ok(await get(auditor, '/api/graduate-imports'));
    expect(listed.map((i: { id: string }) => i.id)).toContain(created.id);
    expect(ok(await get(auditor, `/api/graduate-imports/${created.id}/rows`))).toHaveLength(2);
  });
});

describe('files that cannot be imported', () => {
  const refused = async (res: LightMyRequestResponse, status: number, code?: string) => {
    expect(res.statusCode, res.body).toBe(status);
    expect(res.headers['content-type']).toMatch(/^application\/problem\+json/);
    if (code) expect(res.json().errors).toEqual([expect.objectContaining({ field: 'file', code })]);
    return res.json();
  };

  it('refuses each with a problem naming the reason, keeps nothing and writes nothing', async () => {
    const before = await footprint();
    const header = 'شماره دانشجویی,کد ملی,نام,نام خانوادگی,نام پدر,تاریخ تولد,جنسیت,مقطع,دانشکده,رشته';
    await refused(await upload(office, Buffer.from([0x6e, 0x0a, 0xda, 0xe1, 0xed, 0x0a])), 400, 'not_utf8');
    await refused(await upload(office, Buffer.from('PK\u0003\u0004 workbook', 'latin1')), 400, 'spreadsheet_not_csv');
    const missing = await refused(
      await upload(office, Buffer.from('نام,نام خانوادگی\nعلی,رضایی\n')),
      400,
      'missing_columns',
    );
    expect(missing.params.fields).toBe(
      'studentNumber, nationalId, fatherName, birthDate, gender, degreeLevel, faculty, program',
    );
    expect(missing.type).toBe('/api/problems/import-file-invalid');
    await refused(await upload(office, Buffer.from(`${header}\r\n`)), 400, 'no_rows');
    await refused(await upload(office, Buffer.from(`${header}\n1,"2\n`)), 400, 'unclosed_quote');
    await refused(await upload(office, Buffer.alloc(0)), 400, 'empty');
    await refused(await upload(office, Buffer.alloc(MAX_BYTES + 1, 0x41)), 413);
    await refused(await h.call(office, { method: 'POST', url: '/api/graduate-imports', payload: { file: 'x' } }), 415);
    const twoParts = importBody(graduateCsv([person()]));
    const withField = Buffer.concat([
      Buffer.from(
        `--${twoParts.headers['content-type'].split('boundary=')[1]}\r\nContent-Disposition: form-data; name="note"\r\n\r\nx\r\n`,
      ),
      twoParts.payload,
    ]);
    await refused(
      await h.call(office, {
        method: 'POST',
        url: '/api/graduate-imports',
        payload: withField,
        headers: twoParts.headers,
      }),
      400,
    );
    expect(await footprint()).toEqual(before);
  });
});

describe('the kept file and the API document', () => {
  it('the start-up sweep keeps an import’s file (it is referred to, like a document’s)', async () => {
    const created = ok(await upload(office, graduateCsv([person()])), 201);
    const key = path.join('sha256', created.sha256.slice(0, 2), created.sha256);
    await sweepStorage(h.t.db, h.app.storage, { graceMs: 0 });
    expect(await storedFiles()).toContain(key);
  });

  it('the OpenAPI document describes every import route with its responses', async () => {
    const doc = ok(await get(undefined, '/api/openapi.json'));
    expect(Object.keys(doc.paths['/api/graduate-imports'])).toEqual(['post', 'get']);
    expect(Object.keys(doc.paths['/api/graduate-imports/{id}/commit'].post.responses)).toEqual(
      expect.arrayContaining(['200', '401', '403', '404']),
    );
    expect(doc.paths['/api/graduate-imports/{id}/rows'].get.responses['200']).toBeDefined();
    expect(doc.paths['/api/graduate-imports'].post.requestBody.content['multipart/form-data']).toBeDefined();
  });
});
