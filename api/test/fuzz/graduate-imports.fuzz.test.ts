import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { graduateCsv, importBody, PORTAL_HEADER } from '../fixtures.ts';
import {
  announce,
  anyText,
  type Case,
  controlText,
  createWorld,
  expectRefused,
  footprint,
  fuzz,
  fuzzParameters,
  hostileValidText,
  MIXED_SCRIPT,
  report,
  SQL_AND_PATHS,
  send,
  type Who,
  type World,
} from './support.ts';
import { ROUTES } from './targets.ts';

/**
 * The graduate import's upload (`POST /api/graduate-imports`, multipart: one part `file`) with bodies and files
 * broken on purpose — multipart cut off, parts missing, extra or out of place; files that are no UTF-8 CSV,
 * workbooks, binary data, a header without the columns, no lines, an unclosed quote, too large — and callers who
 * may not import. Each must be refused with a 4xx problem that leaves nothing behind (no import row, no stored
 * file). Then whole files of hostile but well-formed cells: the dry run must report them (201), or refuse the
 * file, never fail with a 5xx, and never record a graduate.
 */
const MAX_BYTES = 16_000;
let w: World;
beforeAll(async () => {
  announce('graduate-imports');
  w = await createWorld({ IMPORT_MAX_BYTES: String(MAX_BYTES) });
});
afterAll(async () => {
  report('graduate-imports');
  await w?.h.close();
});

const URL = '/api/graduate-imports';
const GOOD = () => graduateCsv([{ studentNumber: '9170000001', nationalId: w.graduate.nationalId }]);

interface Part {
  name: string;
  filename?: string;
  data: Buffer;
}

function multipart(parts: Part[], options: { cutAt?: number; contentType?: string } = {}) {
  const boundary = '----ddimportfuzz';
  const chunks = parts.flatMap((p) => [
    Buffer.from(
      `--${boundary}\r\nContent-Disposition: form-data; name="${p.name}"${p.filename === undefined ? '' : `; filename="${p.filename}"`}\r\n${p.filename === undefined ? '' : 'Content-Type: text/csv\r\n'}\r\n`,
    ),
    p.data,
    Buffer.from('\r\n'),
  ]);
  let payload = Buffer.concat([...chunks, Buffer.from(`--${boundary}--\r\n`)]);
  if (options.cutAt !== undefined) payload = payload.subarray(0, Math.floor(payload.length * options.cutAt));
  return {
    payload,
    headers: { 'content-type': options.contentType ?? `multipart/form-data; boundary=${boundary}` },
  };
}

const file = (data: Buffer, filename = 'graduates.csv'): Part => ({ name: 'file', filename, data });

const call = (who: Who | undefined, body: Pick<Case, 'payload' | 'headers'>, why: string): Case => ({
  method: 'POST',
  url: URL,
  cookie: who === undefined ? undefined : w.cookie[who],
  ...body,
  why: `${why} (as ${who ?? 'nobody'})`,
});

/** Files that are not the portal's CSV, each refused as a whole. */
const badFiles: Array<[string, () => Buffer]> = [
  ['an empty file', () => Buffer.alloc(0)],
  ['Windows-1256 text', () => Buffer.from([0x6e, 0x61, 0x6d, 0x65, 0x0a, 0xda, 0xe1, 0xed, 0x0a])],
  ['UTF-16 text', () => Buffer.from(`\ufeff${PORTAL_HEADER.join(',')}\n`, 'utf16le')],
  ['an XLSX workbook', () => Buffer.from('PK\u0003\u0004\u0014\u0000[Content_Types].xml', 'latin1')],
  ['an XLS workbook', () => Buffer.from([0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1])],
  ['binary data', () => Buffer.concat([GOOD(), Buffer.from([0, 1, 2, 3])])],
  ['a PDF', () => Buffer.from('%PDF-1.4\n1 0 obj << >> endobj\n%%EOF\n')],
  ['a header only', () => Buffer.from(`${PORTAL_HEADER.join(',')}\r\n`)],
  ['a header without the required columns', () => Buffer.from('نام,نام خانوادگی\nسارا,کریمی\n')],
  ['a column named twice', () => Buffer.from(`${PORTAL_HEADER.join(',')},National ID\n`)],
  ['an unclosed quote', () => Buffer.from(`${PORTAL_HEADER.join(',')}\n1,"2\n`)],
  ['a file over the size limit', () => Buffer.concat([GOOD(), Buffer.alloc(MAX_BYTES, 0x20)])],
];

const structure: Array<[string, () => Pick<Case, 'payload' | 'headers'>]> = [
  ['no parts', () => multipart([])],
  ['a field instead of the file', () => multipart([{ name: 'file', data: GOOD() }])],
  ['a field before the file', () => multipart([{ name: 'kind', data: Buffer.from('x') }, file(GOOD())])],
  ['a field after the file', () => multipart([file(GOOD()), { name: 'note', data: Buffer.from('x') }])],
  ['two files', () => multipart([file(GOOD()), file(GOOD(), 'second.csv')])],
  ['the file under another name', () => multipart([{ ...file(GOOD()), name: 'csv' }])],
  ['a body cut off in the file', () => multipart([file(GOOD())], { cutAt: 0.6 })],
  ['a body cut off before its last boundary', () => multipart([file(GOOD())], { cutAt: 0.97 })],
  ['no boundary', () => multipart([file(GOOD())], { contentType: 'multipart/form-data' })],
  ['JSON instead of multipart', () => ({ payload: '{"file":"x"}', headers: { 'content-type': 'application/json' } })],
];

describe('POST /api/graduate-imports refuses hostile uploads with a 4xx problem, leaving nothing behind', () => {
  it('aims at the import route', () => {
    expect(ROUTES['POST /api/graduate-imports']?.surfaces).toContain('multipart');
  });

  it('each broken body and each file that is not the portal’s CSV, once', async () => {
    for (const [why, body] of structure) await expectRefused(w, call('office', body(), why));
    for (const [why, data] of badFiles) await expectRefused(w, call('office', importBody(data()), why));
  });

  it('callers who may not import, whatever they send', async () => {
    await fuzz(
      w,
      'import callers',
      fc
        .tuple(
          fc.constantFrom<Who | undefined>('freeEd', 'welfare', 'auditor', 'admin', 'graduate', undefined),
          fc.constantFrom(...badFiles.map(([, d]) => d), GOOD),
        )
        .map(([who, data]) => call(who, importBody(data()), 'a caller who may not import')),
    );
  });

  it('a file of hostile but well-formed cells is reported or refused, never a 5xx, and records no graduate', async () => {
    const cell = fc.oneof(
      { arbitrary: fc.constantFrom(...SQL_AND_PATHS, ...MIXED_SCRIPT), weight: 3 },
      { arbitrary: hostileValidText, weight: 2 },
      { arbitrary: controlText, weight: 1 },
      { arbitrary: anyText, weight: 1 },
      {
        arbitrary: fc.constantFrom('', '"', '""', ',', ';', '\r\n', '۱۳۷۵/۱۳/۴۰', '0000000000', w.graduate.nationalId),
        weight: 2,
      },
    );
    const quote = (v: string) => `"${v.replaceAll('"', '""')}"`;
    const files = fc
      .tuple(
        fc.array(fc.array(cell, { minLength: 0, maxLength: 13 }), { minLength: 1, maxLength: 12 }),
        fc.constantFrom(',', ';'),
        fc.boolean(),
      )
      .map(([lines, delimiter, bom]) => {
        const text = [PORTAL_HEADER.join(delimiter), ...lines.map((l) => l.map(quote).join(delimiter))].join('\r\n');
        return Buffer.from(`${bom ? '\ufeff' : ''}${text}\r\n`);
      });
    await fc.assert(
      fc.asyncProperty(files, async (data) => {
        const before = await footprint(w);
        const res = await send(w, call('office', importBody(data), 'a file of hostile cells'));
        const what = `${res.statusCode} ${res.body.slice(0, 300)}\n${data.toString('utf8').slice(0, 500)}`;
        expect(res.statusCode, what).toBeLessThan(500);
        expect([201, 400], what).toContain(res.statusCode);
        expect(String(res.headers['content-type']), what).toMatch(/json/);
        const after = await footprint(w);
        expect(after.rows.graduates, what).toBe(before.rows.graduates);
        if (res.statusCode === 400) expect(after, what).toEqual(before);
      }),
      fuzzParameters('import hostile cells'),
    );
  });
});
