import { readFileSync } from 'node:fs';
import { mkdtemp, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { Readable } from 'node:stream';
import { setTimeout as sleep } from 'node:timers/promises';
import { DEMO_PASSWORD, generateData, LocalFileStorage } from '@diploma-desk/db';
import { createTestDb, type TestDb } from '@diploma-desk/db/testing';
import ExcelJS from 'exceljs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type RunningServer, startServer } from '../support/server.ts';

/**
 * A large export through the real server process on PostgreSQL: EXPORT_ROWS generated requests (default
 * 20,000, ten of the export's 2,000-row pages; the 100,000 with EXPORT_ROWS=100000, about three
 * minutes of generation here), exported as CSV and as XLSX. The files are read back whole (row count against
 * the list's total, UTF-8 with its BOM, Persian text), and the server's resident memory is sampled from
 * /proc while each export streams: its peak must stay within EXPORT_RSS_MARGIN_MB (default 96) of its peak
 * during a small export of the same shape, however many rows the large one holds. The server runs with an old
 * space of EXPORT_HEAP_MB (default 256): V8 otherwise lets garbage pile up far past what is live before it
 * collects (at 100,000 rows the CSV export's RSS rose 123 MB with the default heap, 54 MB at 20,000), which
 * measures the collector's patience rather than what the export holds; a server that did hold the rows would
 * run out of memory here instead. The XLSX is read slowly, so that a writer that did not wait for its reader
 * would pile the sheet up in the server.
 */
const ROWS = Number(process.env.EXPORT_ROWS ?? 20_000);
const MARGIN_MB = Number(process.env.EXPORT_RSS_MARGIN_MB ?? 96);
const HEAP_MB = Number(process.env.EXPORT_HEAP_MB ?? 256);
const pg = process.env.TEST_DATABASE_URL;

let db: TestDb;
let server: RunningServer;
let dataDir: string;
let cookie: string;

/** The server's resident set size, in MB, sampled until stopped; the peak is what the test looks at. */
function sampleRss(pid: number) {
  const read = () => Number(/VmRSS:\s+(\d+) kB/.exec(readFileSync(`/proc/${pid}/status`, 'utf8'))?.[1] ?? 0) / 1024;
  let peak = read();
  const timer = setInterval(() => {
    peak = Math.max(peak, read());
  }, 10);
  return {
    stop: () => {
      clearInterval(timer);
      return Math.max(peak, read());
    },
  };
}

async function call(url: string) {
  return fetch(`${server.url}${url}`, { headers: { cookie, origin: server.url } });
}

const qs = (params: Record<string, unknown>) =>
  `?${new URLSearchParams(Object.entries(params).map(([k, v]): [string, string] => [k, JSON.stringify(v)]))}`;

async function listTotal(filter: object): Promise<number> {
  const res = await call(`/api/requests${qs({ filter, range: [0, 0] })}`);
  expect(res.status).toBe(200);
  return Number(/\/(\d+)$/.exec(res.headers.get('content-range') ?? '')?.[1]);
}

/** Reads an export to the end, a chunk at a time (slowly when asked), sampling the server's memory meanwhile. */
async function exportOf(format: 'csv' | 'xlsx', filter: object, pauseMs = 0) {
  const rss = sampleRss(server.pid()!);
  const res = await call(`/api/requests/export.${format}${qs({ filter })}`);
  expect(res.status).toBe(200);
  const chunks: Buffer[] = [];
  for await (const chunk of Readable.fromWeb(res.body as never)) {
    chunks.push(chunk as Buffer);
    if (pauseMs > 0) await sleep(pauseMs);
  }
  return { body: Buffer.concat(chunks), total: Number(res.headers.get('x-total-count')), peakMb: rss.stop() };
}

function csvRows(body: Buffer): string[] {
  expect([...body.subarray(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
  const text = new TextDecoder('utf-8', { fatal: true }).decode(body.subarray(3));
  const lines = text.split('\r\n');
  expect(lines.at(-1)).toBe('');
  return lines.slice(0, -1);
}

async function xlsxRowCount(body: Buffer): Promise<{ rows: number; rtl: boolean }> {
  const book = new ExcelJS.Workbook();
  await book.xlsx.load(body as unknown as ArrayBuffer);
  const sheet = book.worksheets[0]!;
  return { rows: sheet.actualRowCount, rtl: Boolean(sheet.views[0]?.rightToLeft) };
}

describe.skipIf(!pg)(`a large export (${ROWS} requests) through the real server, on PostgreSQL`, () => {
  beforeAll(async () => {
    db = await createTestDb(pg);
    dataDir = await mkdtemp(path.join(os.tmpdir(), 'dd-export-'));
    await generateData(db.db, {
      requests: ROWS,
      light: true,
      seed: 1405,
      storage: new LocalFileStorage(path.join(dataDir, 'files')),
    });
    server = await startServer(
      { DATABASE_URL: db.databaseUrl!, DEMO_DATA: 'false', NODE_OPTIONS: `--max-old-space-size=${HEAP_MB}` },
      { dataDir },
    );
    const login = await fetch(`${server.url}/api/auth/login`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', origin: server.url },
      body: JSON.stringify({ username: 'auditor', password: DEMO_PASSWORD }),
    });
    expect(login.status).toBe(200);
    cookie = (login.headers.get('set-cookie') ?? '').split(';')[0]!;
  }, 900_000);

  afterAll(async () => {
    await server?.stop();
    await db?.close();
    if (dataDir) await rm(dataDir, { recursive: true, force: true });
  });

  it('writes every row as CSV, UTF-8 with its BOM, within a bounded memory', { timeout: 600_000 }, async () => {
    // A small export first: the server's memory as an export of this shape needs it, whatever its size.
    const few = { stage: 'signing' };
    const small = await exportOf('csv', few);
    expect(csvRows(small.body).length - 1).toBe(await listTotal(few));
    const large = await exportOf('csv', {});
    const lines = csvRows(large.body);
    const total = await listTotal({});
    expect(total).toBeGreaterThanOrEqual(ROWS);
    expect(large.total).toBe(total);
    expect(lines.length - 1).toBe(total);
    expect(lines[0]?.startsWith('نام خانوادگی,نام,')).toBe(true);
    expect(lines.filter((l) => l.includes(',پیش‌نویس,')).length).toBeGreaterThan(0);
    console.info(
      `CSV: ${total} rows, ${(large.body.length / 1_048_576).toFixed(1)} MB; server peak RSS ${large.peakMb.toFixed(0)} MB (small export: ${small.peakMb.toFixed(0)} MB)`,
    );
    expect(large.peakMb - small.peakMb).toBeLessThan(MARGIN_MB);
  });

  it('writes every row as a workbook to a slow reader, within a bounded memory', { timeout: 600_000 }, async () => {
    const few = { stage: 'signing' };
    const small = await exportOf('xlsx', few);
    expect((await xlsxRowCount(small.body)).rows - 1).toBe(await listTotal(few));
    const large = await exportOf('xlsx', {}, 5);
    const { rows, rtl } = await xlsxRowCount(large.body);
    expect(rows - 1).toBe(await listTotal({}));
    expect(rtl).toBe(true);
    console.info(
      `XLSX: ${rows - 1} rows, ${(large.body.length / 1_048_576).toFixed(1)} MB; server peak RSS ${large.peakMb.toFixed(0)} MB (small export: ${small.peakMb.toFixed(0)} MB)`,
    );
    expect(large.peakMb - small.peakMb).toBeLessThan(MARGIN_MB);
  });
});
