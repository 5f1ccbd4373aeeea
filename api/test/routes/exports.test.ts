import path from 'node:path';
import { generateData, LocalFileStorage } from '@diploma-desk/db';
import ExcelJS from 'exceljs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { parseCsv } from '../csv.ts';
import { createGraduate } from '../fixtures.ts';
import { auditEvents, createTestApp, type TestApp } from '../helpers.ts';

/**
 * The office lists' exports (CSV and XLSX): the same rows in the same order as the list for the same filter
 * and sort, read back from the file; headers in the caller's language; refused for those who may not export,
 * and for a bad filter before any byte, writing nothing. Generated data (more than one 2,000-row page) so that
 * the keyset paging is crossed.
 */
let h: TestApp;
let office: string;
let freeEd: string;
let welfare: string;
let auditor: string;
let admin: string;
let graduate: { id: string; cookie: string };
const FORMULA = '=HYPERLINK("http://evil.example","x")';
const PERSIAN = 'تهرانی‌نژاد «آزمون»، ۱۴۰۵';

beforeAll(async () => {
  h = await createTestApp();
  await generateData(h.t.db, {
    requests: 2_100,
    light: true,
    seed: 1405,
    storage: new LocalFileStorage(path.join(h.config.dataDir, 'files')),
  });
  const users = ['graduate.office', 'free.education', 'welfare.office', 'auditor', 'admin'];
  [office, freeEd, welfare, auditor, admin] = (await Promise.all(users.map((u) => h.login(u)))) as [
    string,
    string,
    string,
    string,
    string,
  ];
  graduate = await createGraduate(h, office, admin, { firstName: FORMULA, lastName: PERSIAN, degreeLevel: 'phd' });
  const opened = await h.call(office, { method: 'POST', url: '/api/requests', payload: { graduateId: graduate.id } });
  expect(opened.statusCode, opened.body).toBe(201);
}, 180_000);
afterAll(() => h.close());

const qs = (params: Record<string, unknown>) =>
  `?${new URLSearchParams(
    Object.entries(params)
      .filter(([, v]) => v !== undefined)
      .map(([k, v]): [string, string] => [k, typeof v === 'string' ? v : JSON.stringify(v)]),
  ).toString()}`;

/** Every row of a list for a filter and sort, read as the UI reads it, 500 at a time. */
async function listIds(cookie: string, list: string, filter: object, sort: [string, string]) {
  return (await listRows(cookie, list, filter, sort)).map((r) => r.id);
}

async function listRows(cookie: string, list: string, filter: object, sort: [string, string]) {
  const ids: Array<Record<string, unknown> & { id: string }> = [];
  let total = 0;
  for (let start = 0; ; start += 500) {
    const res = await h.call(cookie, {
      method: 'GET',
      url: `/api/${list}${qs({ filter, sort, range: [start, start + 499] })}`,
    });
    expect(res.statusCode, res.body).toBe(200);
    total = Number(/\/(\d+)$/.exec(String(res.headers['content-range']))?.[1]);
    const rows = res.json() as Array<Record<string, unknown> & { id: string }>;
    ids.push(...rows);
    if (rows.length < 500) break;
  }
  expect(ids.length).toBe(total);
  return ids;
}

interface Exported {
  status: number;
  headers: Record<string, unknown>;
  raw: Buffer;
}

async function exportOf(
  cookie: string | undefined,
  list: string,
  format: string,
  params: Record<string, unknown>,
  headers: Record<string, string> = {},
): Promise<Exported> {
  const res = await h.call(cookie, { method: 'GET', url: `/api/${list}/export.${format}${qs(params)}`, headers });
  return { status: res.statusCode, headers: res.headers, raw: res.rawPayload };
}

function csvOf(file: Exported) {
  expect(file.status, file.raw.toString()).toBe(200);
  expect(file.headers['content-type']).toBe('text/csv; charset=utf-8; header=present');
  expect(file.raw.subarray(0, 3)).toEqual(Buffer.from([0xef, 0xbb, 0xbf]));
  // Valid UTF-8 throughout, and CRLF after every record.
  const text = new TextDecoder('utf-8', { fatal: true }).decode(file.raw.subarray(3));
  expect(text.endsWith('\r\n')).toBe(true);
  expect(text.replaceAll('\r\n', '').includes('\n')).toBe(false);
  const [header = [], ...rows] = parseCsv(text);
  return { header, rows };
}

async function xlsxOf(file: Exported) {
  expect(file.status, file.raw.toString()).toBe(200);
  expect(file.headers['content-type']).toBe('application/vnd.openxmlformats-officedocument.spreadsheetml.sheet');
  const book = new ExcelJS.Workbook();
  await book.xlsx.load(file.raw as unknown as ArrayBuffer);
  expect(book.worksheets.length).toBe(1);
  const sheet = book.worksheets[0]!;
  const rows: ExcelJS.CellValue[][] = [];
  sheet.eachRow((row) => {
    rows.push((row.values as ExcelJS.CellValue[]).slice(1));
  });
  return { sheet, header: rows[0] ?? [], rows: rows.slice(1) };
}

const lastExport = async () => (await auditEvents(h.t)).at(-1)!;

describe('GET /api/graduates/export.csv and .xlsx', () => {
  const filter = { degreeLevel: 'phd' };
  const sort: [string, string] = ['lastName', 'ASC'];

  it('writes the list’s rows in its order as CSV: BOM, Persian headers, Persian text intact, formulas neutralised, audited first', async () => {
    const ids = await listIds(office, 'graduates', filter, sort);
    expect(ids.length).toBeGreaterThan(100);
    const file = await exportOf(office, 'graduates', 'csv', { filter, sort });
    const { header, rows } = csvOf(file);
    expect(file.headers['x-total-count']).toBe(String(ids.length));
    expect(file.headers['content-disposition']).toMatch(/^attachment; filename="graduates-.*\.csv"$/);
    expect(header).toEqual([
      'نام خانوادگی',
      'نام',
      'شمارهٔ دانشجویی',
      'کد ملی',
      'جنسیت',
      'مقطع',
      'دانشکده',
      'رشته',
      'تاریخ ثبت',
      'شناسه',
    ]);
    expect(rows.map((r) => r[9])).toEqual(ids);
    const ours = rows.find((r) => r[9] === graduate.id)!;
    expect(ours[0]).toBe(PERSIAN);
    expect(ours[1]).toBe(`'${FORMULA}`);
    expect(ours[5]).toBe('دکتری');
    expect(ours[8]).toMatch(/^14\d\d\/\d\d\/\d\d \d\d:\d\d$/);
    const event = await lastExport();
    expect(event).toMatchObject({ action: 'graduate.export', subjectType: 'graduate', role: 'graduate_officer' });
    expect(event.after).toEqual({
      format: 'csv',
      lang: 'fa',
      filter,
      sort: { field: 'lastName', order: 'asc' },
      rows: ids.length,
    });
  });

  it('crosses keyset pages without repeating or losing a row, ties (one insert’s createdAt) broken by id', async () => {
    const order: [string, string] = ['createdAt', 'DESC'];
    const ids = await listIds(welfare, 'graduates', {}, order);
    expect(ids.length).toBeGreaterThan(2_000);
    const { rows } = csvOf(await exportOf(welfare, 'graduates', 'csv', { sort: order }));
    expect(rows.map((r) => r[9])).toEqual(ids);
  });

  it('speaks English when asked (lang, or Accept-Language) and writes Gregorian dates', async () => {
    const byParam = csvOf(await exportOf(auditor, 'graduates', 'csv', { filter, lang: 'en' }));
    const byHeader = csvOf(
      await exportOf(auditor, 'graduates', 'csv', { filter }, { 'accept-language': 'de;q=1, en-GB;q=0.8, fa;q=0.5' }),
    );
    for (const { header, rows } of [byParam, byHeader]) {
      expect(header.slice(0, 2)).toEqual(['Last name', 'First name']);
      const ours = rows.find((r) => r[9] === graduate.id)!;
      expect(ours[5]).toBe('PhD');
      expect(ours[8]).toMatch(/^20\d\d-\d\d-\d\d \d\d:\d\d$/);
    }
    expect(
      csvOf(await exportOf(auditor, 'graduates', 'csv', { filter }, { 'accept-language': 'fa-IR, en' })).header[0],
    ).toBe('نام خانوادگی');
  });

  it('writes a real workbook: right-to-left in Persian, the header row bold and frozen, the same rows', async () => {
    const ids = await listIds(freeEd, 'graduates', filter, ['createdAt', 'DESC']);
    const file = await exportOf(freeEd, 'graduates', 'xlsx', { filter, sort: ['createdAt', 'DESC'] });
    expect(file.headers['x-total-count']).toBe(String(ids.length));
    const { sheet, header, rows } = await xlsxOf(file);
    expect(sheet.views[0]).toMatchObject({ state: 'frozen', ySplit: 1, rightToLeft: true });
    expect(sheet.getRow(1).font?.bold).toBe(true);
    expect(header[0]).toBe('نام خانوادگی');
    expect(rows.map((r) => r[9])).toEqual(ids);
    const ours = rows.find((r) => r[9] === graduate.id)!;
    // A string cell, never a formula: a spreadsheet shows it as text.
    expect(ours[1]).toBe(FORMULA);
    expect(ours[0]).toBe(PERSIAN);
    expect(ours[8]).toMatch(/^14\d\d\/\d\d\/\d\d \d\d:\d\d$/);
    expect((await lastExport()).after).toMatchObject({ format: 'xlsx', rows: ids.length });
  });

  it('writes dates as date cells in English, left to right', async () => {
    const { sheet, header, rows } = await xlsxOf(await exportOf(welfare, 'graduates', 'xlsx', { filter, lang: 'en' }));
    expect(sheet.views[0]).toMatchObject({ state: 'frozen', ySplit: 1, rightToLeft: false });
    expect(header[8]).toBe('Recorded');
    const ours = rows.find((r) => r[9] === graduate.id)!;
    expect(ours[8]).toBeInstanceOf(Date);
    expect(sheet.getRow(rows.indexOf(ours) + 2).getCell(9).numFmt).toBe('yyyy-mm-dd hh:mm');
  });

  it('is refused to graduates and the admin, and for a bad filter, sort or parameter before any byte, writing nothing', async () => {
    const before = (await auditEvents(h.t)).length;
    for (const format of ['csv', 'xlsx']) {
      expect((await exportOf(undefined, 'graduates', format, {})).status).toBe(401);
      for (const cookie of [graduate.cookie, admin]) {
        const res = await exportOf(cookie, 'graduates', format, {});
        expect(res.status).toBe(403);
        expect(res.headers['content-type']).toMatch(/^application\/problem\+json/);
      }
      const bad = await exportOf(office, 'graduates', format, { filter: { colour: 'red' } });
      expect(bad.status).toBe(400);
      expect(bad.headers['content-type']).toMatch(/^application\/problem\+json/);
      expect(JSON.parse(bad.raw.toString()).errors[0].field).toBe('filter.colour');
      const badSort = await exportOf(office, 'graduates', format, { sort: ['nationalId', 'ASC'] });
      expect(JSON.parse(badSort.raw.toString()).errors[0].field).toBe('sort');
      expect((await exportOf(office, 'graduates', format, { range: [0, 9] })).status).toBe(400);
      expect((await exportOf(office, 'graduates', format, { lang: 'de' })).status).toBe(400);
    }
    expect((await exportOf(office, 'graduates', 'pdf', {})).status).toBe(400);
    expect((await auditEvents(h.t)).length).toBe(before);
  });
});

describe('GET /api/requests/export.csv and .xlsx', () => {
  const ID = 15;

  it('writes an office’s queue as its list shows it: the same rows, order, working days and overdue flags', async () => {
    for (const [cookie, queue] of [
      [office, 'graduate_officer'],
      [welfare, 'welfare_officer'],
    ] as const) {
      const filter = { queue };
      const sort: [string, string] = ['stageEnteredAt', 'ASC'];
      const listed = await listRows(cookie, 'requests', filter, sort);
      expect(listed.length).toBeGreaterThan(100);
      const file = await exportOf(cookie, 'requests', 'csv', { filter, sort });
      expect(file.headers['x-total-count']).toBe(String(listed.length));
      const { header, rows } = csvOf(file);
      expect(header[0]).toBe('نام خانوادگی');
      expect(header[ID]).toBe('شناسهٔ درخواست');
      expect(rows.map((r) => r[ID])).toEqual(listed.map((r) => r.id));
      expect(rows.map((r) => Number(r[9]))).toEqual(listed.map((r) => r.daysInStage));
      expect(rows.map((r) => r[10] === 'بله')).toEqual(listed.map((r) => r.overdue));
      expect(new Set(rows.map((r) => r[9])).size).toBeGreaterThan(1);
      expect(rows.every((r) => r[10] === 'بله' || r[10] === 'خیر')).toBe(true);
    }
    expect((await lastExport()).after).toMatchObject({ format: 'csv', filter: { queue: 'welfare_officer' } });
  });

  it('crosses keyset pages on a sort with many ties (stage), as the list orders them', async () => {
    const sort: [string, string] = ['stage', 'DESC'];
    const ids = await listIds(auditor, 'requests', {}, sort);
    expect(ids.length).toBeGreaterThan(2_000);
    const { rows } = csvOf(await exportOf(auditor, 'requests', 'csv', { sort }));
    expect(rows.map((r) => r[ID])).toEqual(ids);
  });

  it('keeps Persian text, neutralises a formula, and audits the export with its row count', async () => {
    const filter = { graduateId: graduate.id };
    const csv = csvOf(await exportOf(freeEd, 'requests', 'csv', { filter }));
    expect(csv.rows).toHaveLength(1);
    expect(csv.rows[0]!.slice(0, 2)).toEqual([PERSIAN, `'${FORMULA}`]);
    expect(csv.rows[0]![7]).toBe('پیش‌نویس');
    expect(csv.rows[0]![8]).toMatch(/^14\d\d\/\d\d\/\d\d \d\d:\d\d$/);
    const event = await lastExport();
    expect(event).toMatchObject({ action: 'request.export', subjectType: 'request', role: 'free_education_officer' });
    expect(event.after).toEqual({
      format: 'csv',
      lang: 'fa',
      filter,
      sort: { field: 'stageEnteredAt', order: 'asc' },
      rows: 1,
    });
    const book = await xlsxOf(await exportOf(freeEd, 'requests', 'xlsx', { filter, lang: 'en' }));
    expect(book.sheet.views[0]).toMatchObject({ state: 'frozen', ySplit: 1, rightToLeft: false });
    expect(book.sheet.getRow(1).font?.bold).toBe(true);
    expect(book.header[7]).toBe('Stage');
    expect(book.rows[0]!.slice(0, 2)).toEqual([PERSIAN, FORMULA]);
    expect(book.rows[0]![7]).toBe('Draft');
    expect(book.rows[0]![8]).toBeInstanceOf(Date);
  });

  it('writes the whole queue as a workbook, row for row', async () => {
    const filter = { queue: 'free_education_officer' };
    const ids = await listIds(freeEd, 'requests', filter, ['lastName', 'ASC']);
    const book = await xlsxOf(await exportOf(freeEd, 'requests', 'xlsx', { filter, sort: ['lastName', 'ASC'] }));
    expect(book.sheet.views[0]).toMatchObject({ state: 'frozen', ySplit: 1, rightToLeft: true });
    expect(book.rows.map((r) => r[ID])).toEqual(ids);
  });

  it('is refused to graduates (even their own rows) and the admin, and for a bad filter or sort, writing nothing', async () => {
    const before = (await auditEvents(h.t)).length;
    for (const format of ['csv', 'xlsx']) {
      expect((await exportOf(undefined, 'requests', format, {})).status).toBe(401);
      for (const cookie of [graduate.cookie, admin]) {
        const res = await exportOf(cookie, 'requests', format, { filter: { graduateId: graduate.id } });
        expect(res.status).toBe(403);
        expect(res.headers['content-type']).toMatch(/^application\/problem\+json/);
      }
      const bad = await exportOf(office, 'requests', format, { filter: { stage: 'lost' } });
      expect(bad.status).toBe(400);
      expect(bad.headers['content-type']).toMatch(/^application\/problem\+json/);
      expect(JSON.parse(bad.raw.toString()).errors[0].field).toMatch(/^filter\.stage/);
      const badSort = await exportOf(office, 'requests', format, { sort: ['id', 'ASC'] });
      expect(badSort.status).toBe(400);
      expect(JSON.parse(badSort.raw.toString()).errors[0].field).toBe('sort');
      expect((await exportOf(office, 'requests', format, { filter: '{not json' })).status).toBe(400);
    }
    expect((await auditEvents(h.t)).length).toBe(before);
  });
});
