import { existsSync } from 'node:fs';
import { readdir } from 'node:fs/promises';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createGraduate, pdfBytes, uploadBody } from '../fixtures.ts';
import { createTestApp, type TestApp } from '../helpers.ts';

/** ASVS 5.0 V5 File handling, Level 2: uploads (5.2), storage (5.3) and downloads (5.4). */
const MAX_BYTES = 64 * 1024;
let h: TestApp;
let admin: string;
let office: string;
beforeAll(async () => {
  h = await createTestApp({ UPLOAD_MAX_BYTES: String(MAX_BYTES) });
  admin = await h.login('admin');
  office = await h.login('graduate.office');
});
afterAll(() => h.close());

const PNG = Buffer.concat([
  Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]),
  Buffer.from('0000000d49484452000000010000000108060000001f15c489', 'hex'),
  Buffer.from(`${Math.random()}`),
]);
const filesDir = () => path.join(h.config.dataDir, 'files');

async function storedFiles(): Promise<string[]> {
  const dir = path.join(filesDir(), 'sha256');
  if (!existsSync(dir)) return [];
  const prefixes = await readdir(dir);
  return (await Promise.all(prefixes.map(async (p) => (await readdir(path.join(dir, p))).map((f) => `${p}/${f}`))))
    .flat()
    .sort();
}

async function draftRequest() {
  const g = await createGraduate(h, office, admin);
  const res = await h.call(g.cookie, { method: 'POST', url: '/api/requests', payload: {} });
  expect(res.statusCode).toBe(201);
  return { cookie: g.cookie, requestId: res.json().id as string };
}

const upload = (cookie: string, requestId: string, data: Buffer, filename = 'scan.pdf', type = 'application/pdf') =>
  h.call(cookie, {
    method: 'POST',
    url: `/api/requests/${requestId}/documents`,
    ...uploadBody('transcript', data, filename, type),
  });
const documentCount = async () =>
  Number(
    (
      await h.t.db
        .selectFrom('documents')
        .select((eb) => eb.fn.countAll().as('n'))
        .executeTakeFirstOrThrow()
    ).n,
  );

describe('V5.2 File upload and content', () => {
  it('ASVS 5.2.1 — a file over the size limit is refused with 413 while streaming, and nothing is kept', async () => {
    const r = await draftRequest();
    const before = { files: await storedFiles(), rows: await documentCount() };
    const big = Buffer.concat([pdfBytes(), Buffer.alloc(MAX_BYTES)]);
    const res = await upload(r.cookie, r.requestId, big);
    expect(res.statusCode).toBe(413);
    expect(res.json()).toMatchObject({ type: '/api/problems/payload-too-large', limitBytes: MAX_BYTES });
    expect(await storedFiles()).toEqual(before.files);
    expect(await documentCount()).toBe(before.rows);
    expect(await readdir(path.join(filesDir(), 'tmp')).catch(() => [])).toEqual([]);
    // Exactly at the limit is fine.
    const fits = Buffer.concat([pdfBytes(), Buffer.alloc(MAX_BYTES)]).subarray(0, MAX_BYTES);
    expect((await upload(r.cookie, r.requestId, fits)).statusCode).toBe(201);
    // JSON bodies have their own limit (1 MiB).
    const huge = await h.call(admin, {
      method: 'POST',
      url: '/api/users',
      payload: JSON.stringify({ username: 'x'.repeat(1_100_000) }),
      headers: { 'content-type': 'application/json' },
    });
    expect(huge.statusCode).toBe(413);
  });

  it('ASVS 5.2.2 — the type comes from the bytes (PDF, JPEG, PNG only), and the served name gets its extension', async () => {
    const r = await draftRequest();
    const before = { files: await storedFiles(), rows: await documentCount() };
    for (const [name, data] of [
      ['a GIF named like a PDF', Buffer.concat([Buffer.from('GIF89a'), Buffer.alloc(32)])],
      ['HTML named like a PDF', Buffer.from('<!doctype html><script>alert(document.cookie)</script>')],
      ['an SVG', Buffer.from('<svg xmlns="http://www.w3.org/2000/svg" onload="alert(1)"/>')],
      ['a Windows executable', Buffer.concat([Buffer.from('MZ'), Buffer.alloc(64)])],
      ['a ZIP (and so any Office file)', Buffer.concat([Buffer.from('PK\x03\x04'), Buffer.alloc(64)])],
    ] as const) {
      const res = await upload(r.cookie, r.requestId, data, 'scan.pdf', 'application/pdf');
      expect([name, res.statusCode]).toEqual([name, 415]);
    }
    expect(await storedFiles()).toEqual(before.files);
    expect(await documentCount()).toBe(before.rows);

    // Accepted content keeps the type of its bytes, whatever the name or the claimed type; the name a browser
    // would save it under is made to end in that type's extension.
    const cases = [
      { data: pdfBytes(), filename: 'report.exe', type: 'application/x-msdownload', served: 'report.exe.pdf' },
      { data: PNG, filename: 'scan.pdf', type: 'application/pdf', served: 'scan.pdf.png' },
      { data: pdfBytes(), filename: 'no extension', type: 'text/plain', served: 'no extension.pdf' },
      { data: pdfBytes(), filename: 'Transcript.PDF', type: 'application/pdf', served: 'Transcript.PDF' },
    ];
    for (const c of cases) {
      const res = await upload(r.cookie, r.requestId, c.data, c.filename, c.type);
      expect(res.statusCode, res.body).toBe(201);
      const file = await h.call(r.cookie, { method: 'GET', url: `/api/documents/${res.json().id}/file` });
      const detected = c.data === PNG ? 'image/png' : 'application/pdf';
      expect(file.headers['content-type']).toBe(detected);
      expect(file.headers['x-content-type-options']).toBe('nosniff');
      expect(file.headers['content-disposition']).toBe(
        `inline; filename="document.${detected === 'image/png' ? 'png' : 'pdf'}"; filename*=UTF-8''${encodeURIComponent(c.served)}`,
      );
    }
  });
});

describe('V5.3 File storage', () => {
  it('ASVS 5.3.1 — stored files live outside anything served, without extensions, and are never executed', async () => {
    const r = await draftRequest();
    const res = await upload(r.cookie, r.requestId, pdfBytes(), 'shell.php.pdf');
    expect(res.statusCode).toBe(201);
    const row = await h.t.db
      .selectFrom('documents')
      .select(['storageKey', 'sha256'])
      .where('id', '=', res.json().id)
      .executeTakeFirstOrThrow();
    const onDisk = path.join(filesDir(), row.storageKey);
    expect(existsSync(onDisk)).toBe(true);
    expect(path.extname(onDisk)).toBe('');
    // The data directory is not under the UI's static root, and no URL maps onto it.
    expect(path.relative(h.config.uiDir, onDisk).startsWith('..')).toBe(true);
    for (const url of [
      `/${row.storageKey}`,
      `/files/${row.storageKey}`,
      `/api/files/${row.storageKey}`,
      `/data/files/${row.storageKey}`,
    ]) {
      const probe = await h.call(r.cookie, { method: 'GET', url });
      expect([url, probe.statusCode]).toEqual([url, 404]);
    }
    // Served only through the API, as data: its detected type, nosniff, a sandbox, no caching.
    const file = await h.call(r.cookie, { method: 'GET', url: `/api/documents/${res.json().id}/file` });
    expect(file.headers['content-type']).toBe('application/pdf');
    expect(file.headers['x-content-type-options']).toBe('nosniff');
    expect(String(file.headers['content-security-policy'])).toContain('sandbox');
    expect(file.headers['cache-control']).toBe('private, no-store');
  });

  it('ASVS 5.3.2 — file paths come from the content hash, never from the client’s file name', async () => {
    const r = await draftRequest();
    for (const filename of ['../../../../../../tmp/asvs-escape.pdf', '..\\..\\..\\asvs-escape.pdf', '/etc/passwd']) {
      const res = await upload(r.cookie, r.requestId, pdfBytes(), filename);
      expect(res.statusCode).toBe(201);
      const row = await h.t.db
        .selectFrom('documents')
        .select(['storageKey', 'sha256', 'originalName'])
        .where('id', '=', res.json().id)
        .executeTakeFirstOrThrow();
      expect(row.storageKey).toBe(`sha256/${row.sha256.slice(0, 2)}/${row.sha256}`);
      // The name is kept as text for people, with the path taken off.
      expect(row.originalName).not.toMatch(/[\\/]|\.\./);
    }
    expect(existsSync('/tmp/asvs-escape.pdf')).toBe(false);
    expect(existsSync(path.join(h.config.dataDir, 'asvs-escape.pdf'))).toBe(false);
    expect((await storedFiles()).every((f) => /^[0-9a-f]{2}\/[0-9a-f]{64}$/.test(f))).toBe(true);
  });
});

describe('V5.4 File download', () => {
  it('ASVS 5.4.1 — the server names the download itself; a file name in the URL is ignored', async () => {
    const r = await draftRequest();
    const res = await upload(r.cookie, r.requestId, pdfBytes(), 'کارنامه.pdf');
    const id = res.json().id as string;
    const plain = await h.call(r.cookie, { method: 'GET', url: `/api/documents/${id}/file` });
    expect(plain.headers['content-disposition']).toMatch(/^inline; filename="document\.pdf"; filename\*=UTF-8''/);
    for (const query of ['?filename=evil.html', '?name=..%2F..%2Fx.exe', '?download=evil.svg']) {
      const res2 = await h.call(r.cookie, { method: 'GET', url: `/api/documents/${id}/file${query}` });
      expect(
        res2.statusCode === 400 || res2.headers['content-disposition'] === plain.headers['content-disposition'],
      ).toBe(true);
      expect(String(res2.headers['content-disposition'] ?? '')).not.toMatch(/evil|x\.exe/);
    }
  });

  it('ASVS 5.4.2 — served names are encoded (RFC 6266 / 8187): no header injection, no broken quoting', async () => {
    const r = await draftRequest();
    const hostile = [
      'a"; filename="evil.html.pdf',
      'line\r\nSet-Cookie: x=1.pdf',
      'semi;colon,comma.pdf',
      'bidi\u202Efdp.exe',
      'نام فارسی (نسخه ۲).pdf',
      '%0d%0aX-Injected: 1.pdf',
    ];
    for (const filename of hostile) {
      const res = await upload(r.cookie, r.requestId, pdfBytes(), filename);
      expect([filename, res.statusCode]).toEqual([filename, 201]);
      const file = await h.call(r.cookie, { method: 'GET', url: `/api/documents/${res.json().id}/file` });
      const header = String(file.headers['content-disposition']);
      expect(header).not.toMatch(/[\r\n]/);
      expect(file.headers['set-cookie']).toBeUndefined();
      expect(file.headers['x-injected']).toBeUndefined();
      // One quoted ASCII name chosen by the server, then one RFC 8187 extended value made only of attr-chars.
      const match = /^inline; filename="document\.pdf"; filename\*=UTF-8''([A-Za-z0-9!#$&+.^_`|~%-]+)$/.exec(header);
      expect(match, header).not.toBeNull();
      const decoded = decodeURIComponent(match![1]!);
      expect(decoded).not.toMatch(/["\\/\r\n\u202E]/);
      expect(decoded.endsWith('.pdf')).toBe(true);
    }
  });
});
