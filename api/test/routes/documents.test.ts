import { createHash, randomBytes } from 'node:crypto';
import { readdir, readFile } from 'node:fs/promises';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import path from 'node:path';
import { type DocumentKind, graduateSearchText, type Stage } from '@diploma-desk/db';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { auditEvents, createTestApp, type TestApp } from '../helpers.ts';

const MAX_BYTES = 64 * 1024;
const PASSWORD = 'a long enough passphrase';

let h: TestApp;
let admin: string;
let officer: string;
let freeEducation: string;
let welfare: string;
let auditor: string;

// Files made here, by their magic bytes: the server looks at nothing else.
const PDF = Buffer.from('%PDF-1.4\n1 0 obj << /Type /Catalog >> endobj\ntrailer << /Root 1 0 R >>\n%%EOF\n');
const PNG = Buffer.from(
  'iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNkYPhfDwAChwGA60e6kgAAAABJRU5ErkJggg==',
  'base64',
);
const JPEG = Buffer.concat([
  Buffer.from([0xff, 0xd8, 0xff, 0xe0, 0x00, 0x10]),
  Buffer.from('JFIF\0'),
  randomBytes(200),
  Buffer.from([0xff, 0xd9]),
]);
const GIF = Buffer.concat([Buffer.from('GIF89a'), randomBytes(64)]);
const sha256 = (b: Buffer) => createHash('sha256').update(b).digest('hex');
/** A fresh PDF each time, so that content-addressed storage does not share it with an earlier test. */
const pdf = (label = randomBytes(8).toString('hex')) => Buffer.concat([PDF, Buffer.from(`% ${label}\n`)]);

/** A valid Iranian national ID: nine digits and their check digit. */
function nationalId(): string {
  const digits = Array.from({ length: 9 }, () => Math.floor(Math.random() * 10));
  digits[0] = 1 + (digits[0]! % 9);
  const r = digits.reduce((sum, d, i) => sum + d * (10 - i), 0) % 11;
  return `${digits.join('')}${r < 2 ? r : 11 - r}`;
}

const quoted = (s: string) => s.replace(/[\\"]/g, (c) => `\\${c}`);
type Part = { name: string; value: string } | { name: string; filename: string; type?: string; data: Buffer };

/** A multipart/form-data body built by hand, so that tests control part order and can cut it short. */
function multipart(parts: Part[]) {
  const boundary = `----dd${randomBytes(12).toString('hex')}`;
  const chunks: Buffer[] = [];
  for (const part of parts) {
    if ('value' in part) {
      chunks.push(
        Buffer.from(`--${boundary}\r\nContent-Disposition: form-data; name="${part.name}"\r\n\r\n${part.value}\r\n`),
      );
    } else {
      chunks.push(
        Buffer.from(
          `--${boundary}\r\nContent-Disposition: form-data; name="${part.name}"; filename="${quoted(part.filename)}"\r\nContent-Type: ${part.type ?? 'application/octet-stream'}\r\n\r\n`,
        ),
        part.data,
        Buffer.from('\r\n'),
      );
    }
  }
  chunks.push(Buffer.from(`--${boundary}--\r\n`));
  return { payload: Buffer.concat(chunks), headers: { 'content-type': `multipart/form-data; boundary=${boundary}` } };
}

interface Case {
  graduateId: string;
  requestId: string;
  cookie: string;
}

let counter = 0;
/** A graduate with their own account and a diploma request in the given stage. */
async function graduateWithRequest(stage: Stage = 'draft'): Promise<Case> {
  counter += 1;
  const person = {
    studentNumber: `40${String(counter).padStart(6, '0')}`,
    nationalId: nationalId(),
    firstName: 'زهرا',
    lastName: `احمدی${counter}`,
  };
  const graduate = await h.t.db
    .insertInto('graduates')
    .values({
      ...person,
      fatherName: 'علی',
      birthDate: '1995-03-21',
      gender: 'female',
      degreeLevel: 'masters',
      faculty: 'مهندسی کامپیوتر',
      program: 'هوش مصنوعی',
      searchText: graduateSearchText(person),
    })
    .returning('id')
    .executeTakeFirstOrThrow();
  const username = `graduate.${counter}`;
  const res = await h.call(admin, {
    method: 'POST',
    url: '/api/users',
    payload: { username, password: PASSWORD, role: 'graduate', displayName: 'زهرا احمدی', graduateId: graduate.id },
  });
  expect(res.statusCode).toBe(201);
  const request = await h.t.db
    .insertInto('diplomaRequests')
    .values({ graduateId: graduate.id, stage })
    .returning('id')
    .executeTakeFirstOrThrow();
  return { graduateId: graduate.id, requestId: request.id, cookie: await h.login(username, PASSWORD) };
}

function upload(
  cookie: string,
  requestId: string,
  kind: string,
  data: Buffer,
  options: { filename?: string; type?: string } = {},
) {
  return h.call(cookie, {
    method: 'POST',
    url: `/api/requests/${requestId}/documents`,
    ...multipart([
      { name: 'kind', value: kind },
      { name: 'file', filename: options.filename ?? 'scan.pdf', type: options.type ?? 'application/pdf', data },
    ]),
  });
}

async function uploaded(c: Case, kind: DocumentKind, data = pdf(), cookie = c.cookie) {
  const res = await upload(cookie, c.requestId, kind, data);
  expect(res.statusCode, res.body).toBe(201);
  return res.json();
}

async function storedFiles(): Promise<string[]> {
  const root = path.join(h.config.dataDir, 'files');
  const entries = await readdir(root, { recursive: true, withFileTypes: true }).catch(() => []);
  return entries.filter((e) => e.isFile()).map((e) => path.join(e.parentPath, e.name));
}

/** Everything an upload could leave behind: rows, files (stored or temporary) and audit events. */
async function footprint() {
  const [docs, files, events] = await Promise.all([
    h.t.db.selectFrom('documents').select('id').execute(),
    storedFiles(),
    auditEvents(h.t),
  ]);
  return {
    documents: docs.length,
    files: files.sort(),
    events: events.filter((e) => e.action !== 'auth.login').length,
  };
}

async function requestVersion(id: string) {
  const row = await h.t.db
    .selectFrom('diplomaRequests')
    .select('version')
    .where('id', '=', id)
    .executeTakeFirstOrThrow();
  return row.version;
}

const q = (params: Record<string, unknown>) =>
  `?${new URLSearchParams(Object.entries(params).map(([k, v]): [string, string] => [k, JSON.stringify(v)])).toString()}`;

beforeAll(async () => {
  h = await createTestApp({ UPLOAD_MAX_BYTES: String(MAX_BYTES) });
  admin = await h.login('admin');
  officer = await h.login('graduate.office');
  freeEducation = await h.login('free.education');
  welfare = await h.login('welfare.office');
  auditor = await h.login('auditor');
});
afterAll(() => h.close());

describe('POST /api/requests/:id/documents', () => {
  it.each([
    ['PDF', pdf(), 'application/pdf', 'cancellation_sheet'],
    ['JPEG', JPEG, 'image/jpeg', 'lower_degree_diploma'],
    ['PNG', PNG, 'image/png', 'national_id_card'],
  ] as const)('stores a %s, detected by its bytes, with its row and one audit event', async (_, data, type, kind) => {
    const c = await graduateWithRequest();
    const version = await requestVersion(c.requestId);
    const before = (await auditEvents(h.t)).length;
    // The client's claimed type is ignored: the bytes decide.
    const res = await upload(c.cookie, c.requestId, kind, data, { filename: 'photo.bin', type: 'text/plain' });
    expect(res.statusCode, res.body).toBe(201);
    const body = res.json();
    expect(body).toMatchObject({
      requestId: c.requestId,
      graduateId: c.graduateId,
      kind,
      contentType: type,
      sizeBytes: data.length,
      sha256: sha256(data),
      originalName: 'photo.bin',
      reviewStatus: 'pending',
      supersededAt: null,
      requestVersion: version + 1,
    });
    expect(body).not.toHaveProperty('storageKey');
    const row = await h.t.db.selectFrom('documents').selectAll().where('id', '=', body.id).executeTakeFirstOrThrow();
    expect(row.storageKey).toBe(`sha256/${row.sha256.slice(0, 2)}/${row.sha256}`);
    const onDisk = await readFile(path.join(h.config.dataDir, 'files', row.storageKey));
    expect(sha256(onDisk)).toBe(sha256(data));
    const events = (await auditEvents(h.t)).slice(before).filter((e) => e.action !== 'auth.login');
    expect(events).toHaveLength(1);
    expect(events[0]).toMatchObject({
      action: 'document.upload',
      subjectType: 'document',
      subjectId: body.id,
      requestId: c.requestId,
      role: 'graduate',
    });
    expect(JSON.stringify(events[0]!.after)).not.toContain('storageKey');
    expect(await requestVersion(c.requestId)).toBe(version + 1);
  });

  it('accepts a body serialised by FormData, as browsers send it', async () => {
    const c = await graduateWithRequest();
    const form = new FormData();
    form.append('kind', 'provisional_certificate');
    form.append('file', new Blob([PNG], { type: 'image/png' }), 'گواهی موقت.png');
    const body = new Response(form);
    const res = await h.call(c.cookie, {
      method: 'POST',
      url: `/api/requests/${c.requestId}/documents`,
      headers: { 'content-type': body.headers.get('content-type')! },
      payload: Buffer.from(await body.arrayBuffer()),
    });
    expect(res.statusCode, res.body).toBe(201);
    expect(res.json()).toMatchObject({ contentType: 'image/png', originalName: 'گواهی موقت.png', sha256: sha256(PNG) });
  });

  it('lets the Graduate Office upload on a graduate’s behalf, also after submission', async () => {
    const c = await graduateWithRequest('under_review');
    const doc = await uploaded(c, 'military_status', pdf(), officer);
    const row = await h.t.db
      .selectFrom('users')
      .select('id')
      .where('username', '=', 'graduate.office')
      .executeTakeFirst();
    expect(doc.uploadedBy).toBe(row?.id);
    expect(doc.office).toBe('graduate_officer');
  });

  it.each([
    ['a GIF', GIF, 'picture.gif', 'image/gif'],
    ['text renamed .pdf', Buffer.from('hello, this is not a PDF at all\n'), 'letter.pdf', 'application/pdf'],
  ])('refuses %s with 415 and leaves nothing behind', async (_, data, filename, type) => {
    const c = await graduateWithRequest();
    const before = await footprint();
    const res = await upload(c.cookie, c.requestId, 'transcript', data, { filename, type });
    expect(res.statusCode).toBe(415);
    expect(res.headers['content-type']).toMatch(/^application\/problem\+json/);
    expect(res.json().type).toBe('/api/problems/unsupported-media-type');
    expect(await footprint()).toEqual(before);
  });

  it('refuses a file over UPLOAD_MAX_BYTES with 413 and leaves nothing behind', async () => {
    const c = await graduateWithRequest();
    const before = await footprint();
    const big = Buffer.concat([PDF, randomBytes(MAX_BYTES)]);
    const res = await upload(c.cookie, c.requestId, 'transcript', big);
    expect(res.statusCode).toBe(413);
    expect(res.json()).toMatchObject({ type: '/api/problems/payload-too-large', limitBytes: MAX_BYTES });
    expect(await footprint()).toEqual(before);
    // Exactly at the limit is accepted.
    const exact = Buffer.concat([PDF, randomBytes(MAX_BYTES - PDF.length)]);
    expect((await upload(c.cookie, c.requestId, 'transcript', exact)).statusCode).toBe(201);
  });

  it('refuses a body cut off in the middle of the file, leaving nothing behind', async () => {
    const c = await graduateWithRequest();
    const before = await footprint();
    const { payload, headers } = multipart([
      { name: 'kind', value: 'transcript' },
      { name: 'file', filename: 'scan.pdf', data: Buffer.concat([PDF, randomBytes(20_000)]) },
    ]);
    const res = await h.call(c.cookie, {
      method: 'POST',
      url: `/api/requests/${c.requestId}/documents`,
      headers,
      payload: payload.subarray(0, 10_000),
    });
    expect(res.statusCode).toBe(400);
    expect(res.headers['content-type']).toMatch(/^application\/problem\+json/);
    expect(await footprint()).toEqual(before);
  });

  it('leaves no temporary file when the body ends just before its closing boundary', async () => {
    const c = await graduateWithRequest();
    const before = await footprint();
    const { payload, headers } = multipart([
      { name: 'kind', value: 'transcript' },
      { name: 'file', filename: 'scan.pdf', data: pdf() },
    ]);
    // Every byte of the file is there, the closing boundary is not: the file part fails at once, while
    // storage is still opening its temporary file.
    const cut = payload.subarray(0, payload.lastIndexOf('\r\n--'));
    for (let i = 0; i < 10; i += 1) {
      const res = await h.call(c.cookie, {
        method: 'POST',
        url: `/api/requests/${c.requestId}/documents`,
        headers,
        payload: cut,
      });
      expect(res.statusCode).toBe(400);
    }
    // A file created after the answer is still a leftover: give a late one the time to appear.
    await new Promise((resolve) => setTimeout(resolve, 200));
    expect(await footprint()).toEqual(before);
  });

  it('removes what it stored when the client hangs up mid-upload', async () => {
    const c = await graduateWithRequest();
    const before = await footprint();
    await h.app.listen({ port: 0, host: '127.0.0.1' });
    const { port } = h.app.server.address() as AddressInfo;
    const { payload, headers } = multipart([
      { name: 'kind', value: 'transcript' },
      { name: 'file', filename: 'scan.pdf', data: Buffer.concat([PDF, randomBytes(40_000)]) },
    ]);
    const req = http.request({
      host: '127.0.0.1',
      port,
      method: 'POST',
      path: `/api/requests/${c.requestId}/documents`,
      headers: { ...headers, origin: `http://127.0.0.1:${port}`, cookie: c.cookie, 'content-length': payload.length },
    });
    req.on('error', () => {});
    req.write(payload.subarray(0, 30_000));
    const tmp = path.join(h.config.dataDir, 'files', 'tmp');
    const pending = () =>
      readdir(tmp).then(
        (names) => names.length,
        () => 0,
      );
    try {
      await expect.poll(pending, { timeout: 5_000 }).toBe(1);
    } finally {
      req.destroy();
    }
    await expect.poll(pending, { timeout: 5_000 }).toBe(0);
    expect(await footprint()).toEqual(before);
  });

  it('refuses a second file, removing the first', async () => {
    const c = await graduateWithRequest();
    const before = await footprint();
    const res = await h.call(c.cookie, {
      method: 'POST',
      url: `/api/requests/${c.requestId}/documents`,
      ...multipart([
        { name: 'kind', value: 'transcript' },
        { name: 'file', filename: 'a.pdf', data: pdf() },
        { name: 'file', filename: 'b.pdf', data: pdf() },
      ]),
    });
    expect(res.statusCode).toBe(400);
    expect(await footprint()).toEqual(before);
  });

  it('never removes, on refusing an upload, a file that a document already uses', async () => {
    const c = await graduateWithRequest();
    const data = pdf();
    const kept = await uploaded(c, 'transcript', data);
    const res = await h.call(c.cookie, {
      method: 'POST',
      url: `/api/requests/${c.requestId}/documents`,
      ...multipart([
        { name: 'kind', value: 'birth_certificate' },
        { name: 'file', filename: 'a.pdf', data },
        { name: 'extra', value: 'x' },
      ]),
    });
    expect(res.statusCode).toBe(400);
    const download = await h.call(c.cookie, { method: 'GET', url: `/api/documents/${kept.id}/file` });
    expect(download.rawPayload.equals(data)).toBe(true);
  });

  it('refuses an empty file with 400', async () => {
    const c = await graduateWithRequest();
    const before = await footprint();
    const res = await upload(c.cookie, c.requestId, 'transcript', Buffer.alloc(0));
    expect(res.statusCode).toBe(400);
    expect(res.json().errors).toEqual([{ field: 'file', message: 'is empty', code: 'empty' }]);
    expect(await footprint()).toEqual(before);
  });

  it.each([
    [
      'an unknown kind',
      [
        { name: 'kind', value: 'passport' },
        { name: 'file', filename: 'a.pdf', data: PDF },
      ],
      'kind',
    ],
    [
      'kind after file',
      [
        { name: 'file', filename: 'a.pdf', data: PDF },
        { name: 'kind', value: 'transcript' },
      ],
      'kind',
    ],
    ['no kind', [{ name: 'file', filename: 'a.pdf', data: PDF }], 'kind'],
    ['no file', [{ name: 'kind', value: 'transcript' }], 'file'],
    [
      'another field',
      [
        { name: 'owner', value: 'x' },
        { name: 'file', filename: 'a.pdf', data: PDF },
      ],
      'owner',
    ],
    [
      'the file under another name',
      [
        { name: 'kind', value: 'transcript' },
        { name: 'doc', filename: 'a.pdf', data: PDF },
      ],
      'doc',
    ],
  ] as [string, Part[], string][])('refuses %s with 400 naming the field', async (_, parts, field) => {
    const c = await graduateWithRequest();
    const before = await footprint();
    const res = await h.call(c.cookie, {
      method: 'POST',
      url: `/api/requests/${c.requestId}/documents`,
      ...multipart(parts),
    });
    expect(res.statusCode).toBe(400);
    expect(res.json().errors.map((e: { field: string }) => e.field)).toContain(field);
    expect(await footprint()).toEqual(before);
  });

  it('refuses a body that is not multipart with 415', async () => {
    const c = await graduateWithRequest();
    const res = await h.call(c.cookie, {
      method: 'POST',
      url: `/api/requests/${c.requestId}/documents`,
      payload: { kind: 'transcript', file: 'JVBERi0=' },
    });
    expect(res.statusCode).toBe(415);
  });

  it('answers 404 for another graduate’s request or a missing one, 400 for a malformed id', async () => {
    const mine = await graduateWithRequest();
    const theirs = await graduateWithRequest();
    const before = await footprint();
    const res = await upload(mine.cookie, theirs.requestId, 'transcript', pdf());
    expect(res.statusCode).toBe(404);
    expect(res.json().type).toBe('/api/problems/not-found');
    const missing = await upload(officer, '00000000-0000-4000-8000-000000000000', 'transcript', pdf());
    expect(missing.statusCode).toBe(404);
    const malformed = await upload(officer, 'not-a-uuid', 'transcript', pdf());
    expect(malformed.statusCode).toBe(400);
    expect(malformed.json().errors).toEqual([{ field: 'id', message: expect.any(String), code: 'format' }]);
    expect(await footprint()).toEqual(before);
  });

  it('answers 403 to offices that may see the request but not upload', async () => {
    const c = await graduateWithRequest();
    const before = await footprint();
    for (const cookie of [freeEducation, welfare, auditor]) {
      const res = await upload(cookie, c.requestId, 'national_id_card', pdf());
      expect(res.statusCode).toBe(403);
      expect(res.json().type).toBe('/api/problems/forbidden');
    }
    expect(await footprint()).toEqual(before);
  });

  it.each([
    ['graduate', 'submitted'],
    ['graduate', 'under_review'],
    ['graduate', 'approved'],
    ['officer', 'approved'],
    ['officer', 'delivered'],
    ['officer', 'withdrawn'],
  ] as const)('refuses a %s’s upload to a request %s with 409', async (who, stage) => {
    const c = await graduateWithRequest(stage);
    const before = await footprint();
    const res = await upload(who === 'graduate' ? c.cookie : officer, c.requestId, 'transcript', pdf());
    expect(res.statusCode).toBe(409);
    expect(res.json()).toMatchObject({ type: '/api/problems/workflow-blocked', unmet: [{ code: 'upload_closed' }] });
    expect(await footprint()).toEqual(before);
  });

  it('lets the graduate upload again once the request is returned to them', async () => {
    const c = await graduateWithRequest('returned');
    await uploaded(c, 'transcript');
  });

  it('checks the request version named in If-Match: a stale one is refused with 409 and leaves nothing behind', async () => {
    const c = await graduateWithRequest();
    const version = await requestVersion(c.requestId);
    const send = (ifMatch: string) => {
      const body = multipart([
        { name: 'kind', value: 'transcript' },
        { name: 'file', filename: 'scan.pdf', data: pdf() },
      ]);
      return h.call(c.cookie, {
        method: 'POST',
        url: `/api/requests/${c.requestId}/documents`,
        payload: body.payload,
        headers: { ...body.headers, 'if-match': ifMatch },
      });
    };
    const before = await footprint();
    for (const stale of [`"${version + 1}"`, String(version - 1 || version + 2)]) {
      const res = await send(stale);
      expect(res.statusCode, res.body).toBe(409);
      expect(res.json()).toMatchObject({ type: '/api/problems/stale-version', currentVersion: version });
    }
    expect(await footprint()).toEqual(before);
    expect((await send('seven')).statusCode).toBe(400);
    const current = await send(`"${version}"`);
    expect(current.statusCode, current.body).toBe(201);
    expect(current.json().requestVersion).toBe(version + 1);
    expect((await send(`W/"${version + 1}"`)).statusCode).toBe(201);
    expect((await send('*')).statusCode).toBe(201);
  });

  it('supersedes the current document of the same kind, keeping the old one as history', async () => {
    const c = await graduateWithRequest();
    const first = await uploaded(c, 'cancellation_sheet');
    const other = await uploaded(c, 'lower_degree_diploma');
    const second = await uploaded(c, 'cancellation_sheet');
    const old = await h.call(c.cookie, { method: 'GET', url: `/api/documents/${first.id}` });
    expect(old.json().supersededAt).toEqual(expect.any(String));
    const event = (await auditEvents(h.t)).at(-1)!;
    expect(event.after).toMatchObject({ id: second.id, supersedes: [first.id] });

    const current = await h.call(c.cookie, {
      method: 'GET',
      url: `/api/documents${q({ filter: { requestId: c.requestId } })}`,
    });
    expect(current.statusCode).toBe(200);
    expect(current.headers['content-range']).toBe('documents 0-1/2');
    expect(
      current
        .json()
        .map((d: { id: string }) => d.id)
        .sort(),
    ).toEqual([second.id, other.id].sort());
    const all = await h.call(c.cookie, {
      method: 'GET',
      url: `/api/documents${q({ filter: { requestId: c.requestId, includeSuperseded: true } })}`,
    });
    expect(all.json()).toHaveLength(3);
    const byId = await h.call(c.cookie, { method: 'GET', url: `/api/documents${q({ filter: { id: [first.id] } })}` });
    expect(byId.json().map((d: { id: string }) => d.id)).toEqual([first.id]);
  });

  it('stores identical bytes once, shared by both rows', async () => {
    const c = await graduateWithRequest();
    const data = pdf();
    const a = await uploaded(c, 'transcript', data);
    const b = await uploaded(c, 'birth_certificate', data);
    const rows = await h.t.db.selectFrom('documents').select('storageKey').where('id', 'in', [a.id, b.id]).execute();
    expect(new Set(rows.map((r) => r.storageKey)).size).toBe(1);
    expect((await storedFiles()).filter((f) => f.endsWith(sha256(data)))).toHaveLength(1);
  });

  it('keeps the client’s file name only as sanitised text', async () => {
    const c = await graduateWithRequest();
    const res = await upload(c.cookie, c.requestId, 'transcript', pdf(), { filename: ' .کارنامه\t\u202Efdp"x.exe' });
    expect(res.statusCode).toBe(201);
    expect(res.json().originalName).toBe('کارنامه_fdp_x.exe');
    const long = await upload(c.cookie, c.requestId, 'transcript', pdf(), { filename: `${'ن'.repeat(400)}.pdf` });
    expect(Array.from(long.json().originalName as string)).toHaveLength(255);
  });
});

describe('GET /api/documents', () => {
  it('shows each caller only the documents they may see, filtered in SQL', async () => {
    const a = await graduateWithRequest();
    const b = await graduateWithRequest();
    const docA = await uploaded(a, 'transcript');
    await uploaded(b, 'transcript');
    const seen = await h.call(b.cookie, {
      method: 'GET',
      url: `/api/documents${q({ filter: { requestId: a.requestId } })}`,
    });
    expect(seen.statusCode).toBe(200);
    expect(seen.json()).toEqual([]);
    expect(seen.headers['content-range']).toBe('documents 0-0/0');
    const byId = await h.call(b.cookie, { method: 'GET', url: `/api/documents${q({ filter: { id: [docA.id] } })}` });
    expect(byId.json()).toEqual([]);
    for (const cookie of [officer, freeEducation, auditor]) {
      const res = await h.call(cookie, {
        method: 'GET',
        url: `/api/documents${q({ filter: { requestId: a.requestId } })}`,
      });
      expect(res.json().map((d: { id: string }) => d.id)).toEqual([docA.id]);
    }
    expect((await h.call(welfare, { method: 'GET', url: '/api/documents' })).statusCode).toBe(403);
    expect((await h.call(admin, { method: 'GET', url: '/api/documents' })).statusCode).toBe(403);
  });

  it('filters by kind and review status, and sorts', async () => {
    const c = await graduateWithRequest();
    await uploaded(c, 'transcript');
    await uploaded(c, 'cancellation_sheet');
    const res = await h.call(officer, {
      method: 'GET',
      url: `/api/documents${q({ filter: { requestId: c.requestId, kind: ['transcript', 'cancellation_sheet'], reviewStatus: 'pending' }, sort: ['kind', 'ASC'] })}`,
    });
    expect(res.json().map((d: { kind: string }) => d.kind)).toEqual(['cancellation_sheet', 'transcript']);
  });

  it.each([
    ['filter', { requestId: 'not-a-uuid' }],
    ['filter', { storageKey: 'x' }],
    ['sort', ['storageKey', 'ASC']],
  ])('rejects a bad %s (%j) with 400', async (name, value) => {
    const res = await h.call(officer, { method: 'GET', url: `/api/documents${q({ [name]: value })}` });
    expect(res.statusCode).toBe(400);
    expect(res.json().errors[0].field).toMatch(new RegExp(`^${name}`));
  });
});

describe('GET /api/documents/:id and /file', () => {
  it('streams the identical bytes with their type and safe headers', async () => {
    const c = await graduateWithRequest();
    const data = pdf();
    const doc = (await upload(c.cookie, c.requestId, 'transcript', data, { filename: 'کارنامه "نهایی".pdf' })).json();
    const res = await h.call(c.cookie, { method: 'GET', url: `/api/documents/${doc.id}/file` });
    expect(res.statusCode).toBe(200);
    expect(res.rawPayload.equals(data)).toBe(true);
    expect(res.headers['content-type']).toBe('application/pdf');
    expect(res.headers['content-length']).toBe(String(data.length));
    expect(res.headers['x-content-type-options']).toBe('nosniff');
    expect(res.headers['cache-control']).toBe('private, no-store');
    expect(res.headers['content-security-policy']).toBe(
      "default-src 'none'; base-uri 'none'; form-action 'none'; frame-ancestors 'none'; sandbox",
    );
    const disposition = res.headers['content-disposition'] as string;
    expect(disposition).toBe(
      `inline; filename="document.pdf"; filename*=UTF-8''${encodeURIComponent('کارنامه _نهایی_.pdf')}`,
    );
    expect(disposition).not.toMatch(/[\r\n]/);
    // Viewing a transcript is not an identity document: no audit event.
    expect((await auditEvents(h.t)).at(-1)?.action).toBe('document.upload');
  });

  it('serves images as images, sandboxed like every file', async () => {
    const c = await graduateWithRequest();
    const doc = await uploaded(c, 'lower_degree_diploma', PNG);
    const res = await h.call(officer, { method: 'GET', url: `/api/documents/${doc.id}/file` });
    expect(res.headers['content-type']).toBe('image/png');
    expect(res.headers['content-disposition']).toMatch(/^inline; filename="document\.png"/);
    expect(res.headers['content-security-policy']).toMatch(/; sandbox$/);
    expect(res.rawPayload.equals(PNG)).toBe(true);
  });

  it('answers 404 to another graduate, for the record and its file', async () => {
    const a = await graduateWithRequest();
    const b = await graduateWithRequest();
    const doc = await uploaded(a, 'transcript');
    const before = await footprint();
    expect((await h.call(b.cookie, { method: 'GET', url: `/api/documents/${doc.id}` })).statusCode).toBe(404);
    expect((await h.call(b.cookie, { method: 'GET', url: `/api/documents/${doc.id}/file` })).statusCode).toBe(404);
    expect((await h.call(welfare, { method: 'GET', url: `/api/documents/${doc.id}/file` })).statusCode).toBe(404);
    expect((await h.call(a.cookie, { method: 'GET', url: `/api/documents/${doc.id}` })).json().id).toBe(doc.id);
    expect(await footprint()).toEqual(before);
  });

  it('writes who viewed an identity document to the audit log', async () => {
    const c = await graduateWithRequest();
    const doc = await uploaded(c, 'national_id_card', JPEG);
    const head = await h.call(freeEducation, { method: 'HEAD', url: `/api/documents/${doc.id}/file` });
    expect(head.statusCode).toBe(200);
    expect((await auditEvents(h.t)).at(-1)?.action).toBe('document.upload');
    const res = await h.call(freeEducation, { method: 'GET', url: `/api/documents/${doc.id}/file` });
    expect(res.statusCode).toBe(200);
    const event = (await auditEvents(h.t)).at(-1)!;
    expect(event).toMatchObject({
      action: 'document.view',
      subjectType: 'document',
      subjectId: doc.id,
      requestId: c.requestId,
      role: 'free_education_officer',
    });
    expect(event.after).toMatchObject({ kind: 'national_id_card', graduateId: c.graduateId });
  });
});

describe('POST /api/documents/:id/review', () => {
  const review = (cookie: string, id: string, payload: Record<string, unknown>) =>
    h.call(cookie, { method: 'POST', url: `/api/documents/${id}/review`, payload });

  it('records the owning office’s review, raises the request’s version and audits before and after', async () => {
    const c = await graduateWithRequest('under_review');
    const doc = await uploaded(c, 'cancellation_sheet', pdf(), officer);
    const version = await requestVersion(c.requestId);
    const res = await review(officer, doc.id, { decision: 'accepted', version });
    expect(res.statusCode, res.body).toBe(200);
    expect(res.json()).toMatchObject({
      id: doc.id,
      reviewStatus: 'accepted',
      reviewedAt: expect.any(String),
      requestVersion: version + 1,
    });
    expect(await requestVersion(c.requestId)).toBe(version + 1);
    const event = (await auditEvents(h.t)).at(-1)!;
    expect(event).toMatchObject({
      action: 'document.review',
      subjectId: doc.id,
      requestId: c.requestId,
      role: 'graduate_officer',
    });
    expect(event.before).toMatchObject({ reviewStatus: 'pending' });
    expect(event.after).toMatchObject({ reviewStatus: 'accepted' });
  });

  it('is refused to the office that does not own the kind (403) and to graduates (403 own, 404 other)', async () => {
    const c = await graduateWithRequest();
    const other = await graduateWithRequest();
    const sheet = await uploaded(c, 'cancellation_sheet');
    const idCard = await uploaded(c, 'national_id_card');
    const before = await footprint();
    expect((await review(freeEducation, sheet.id, { decision: 'accepted' })).statusCode).toBe(403);
    expect((await review(officer, idCard.id, { decision: 'accepted' })).statusCode).toBe(403);
    expect((await review(auditor, sheet.id, { decision: 'accepted' })).statusCode).toBe(403);
    expect((await review(c.cookie, sheet.id, { decision: 'accepted' })).statusCode).toBe(403);
    expect((await review(other.cookie, sheet.id, { decision: 'accepted' })).statusCode).toBe(404);
    expect((await review(welfare, sheet.id, { decision: 'accepted' })).statusCode).toBe(404);
    expect(await footprint()).toEqual(before);
    expect((await review(freeEducation, idCard.id, { decision: 'accepted' })).statusCode).toBe(200);
  });

  it('needs a note to reject, and keeps it', async () => {
    const c = await graduateWithRequest();
    const doc = await uploaded(c, 'lower_degree_diploma');
    for (const payload of [{ decision: 'rejected' }, { decision: 'rejected', note: '   ' }]) {
      const res = await review(officer, doc.id, payload);
      expect(res.statusCode).toBe(400);
      expect(res.json().errors.map((e: { field: string }) => e.field)).toContain('note');
    }
    const ok = await review(officer, doc.id, { decision: 'rejected', note: 'تصویر ناخواناست؛ دوباره بارگذاری کنید.' });
    expect(ok.statusCode).toBe(200);
    expect(ok.json()).toMatchObject({ reviewStatus: 'rejected', reviewNote: 'تصویر ناخواناست؛ دوباره بارگذاری کنید.' });
  });

  it('records the in-person check of a non-employment letter, and only of that kind', async () => {
    const c = await graduateWithRequest();
    const letter = await uploaded(c, 'non_employment_letter');
    const transcript = await uploaded(c, 'transcript');
    const inPerson = { presentedByGraduate: true, originalNationalIdChecked: true, originalSeen: true };
    const res = await review(freeEducation, letter.id, { decision: 'accepted', inPerson });
    expect(res.statusCode).toBe(200);
    expect(res.json().inPerson).toEqual(inPerson);
    const row = await h.t.db.selectFrom('documents').select('inPerson').where('id', '=', letter.id).executeTakeFirst();
    expect(row?.inPerson).toEqual(inPerson);
    const refused = await review(freeEducation, transcript.id, { decision: 'accepted', inPerson });
    expect(refused.statusCode).toBe(400);
    expect(refused.json().errors[0].field).toBe('inPerson');
    const partial = await review(freeEducation, letter.id, {
      decision: 'accepted',
      inPerson: { presentedByGraduate: true },
    });
    expect(partial.statusCode).toBe(400);
  });

  it('refuses a stale version with 409, and reviews after approval or of a superseded document', async () => {
    const c = await graduateWithRequest();
    const first = await uploaded(c, 'cancellation_sheet');
    const version = await requestVersion(c.requestId);
    const second = await uploaded(c, 'cancellation_sheet');
    const stale = await review(officer, second.id, { decision: 'accepted', version });
    expect(stale.statusCode).toBe(409);
    expect(stale.json()).toMatchObject({ type: '/api/problems/stale-version', currentVersion: version + 1 });
    const superseded = await review(officer, first.id, { decision: 'accepted' });
    expect(superseded.statusCode).toBe(409);
    expect(superseded.json().type).toBe('/api/problems/document-superseded');

    await h.t.db.updateTable('diplomaRequests').set({ stage: 'approved' }).where('id', '=', c.requestId).execute();
    const before = await footprint();
    const late = await review(officer, second.id, { decision: 'rejected', note: 'too late' });
    expect(late.statusCode).toBe(409);
    expect(late.json()).toMatchObject({ type: '/api/problems/workflow-blocked', unmet: [{ code: 'review_closed' }] });
    expect(await footprint()).toEqual(before);
    expect((await h.call(officer, { method: 'GET', url: `/api/documents/${second.id}` })).json().reviewStatus).toBe(
      'pending',
    );
  });

  it('leaves a set cancellation tick its ground: the letter it rests on is neither replaced nor rejected until it is revoked', async () => {
    const c = await graduateWithRequest();
    const letter = await uploaded(c, 'non_employment_letter');
    const inPerson = { presentedByGraduate: true, originalNationalIdChecked: true, originalSeen: true };
    expect((await review(freeEducation, letter.id, { decision: 'accepted', inPerson })).statusCode).toBe(200);
    const caseRes = await h.call(freeEducation, {
      method: 'PUT',
      url: `/api/requests/${c.requestId}/cancellation`,
      payload: {
        version: await requestVersion(c.requestId),
        route: 'non_employment',
        saorgTrackingCode: null,
        amountOwed: 0,
        amountPaid: 0,
        paymentRef: null,
      },
    });
    expect(caseRes.statusCode, caseRes.body).toBe(200);
    const tick = (set: boolean) =>
      h.call(freeEducation, {
        method: 'POST',
        url: `/api/requests/${c.requestId}/ticks/cancellation`,
        payload: { set, ...(set ? {} : { reason: 'نامه باید دوباره دیده شود.' }) },
      });
    expect((await tick(true)).statusCode).toBe(200);

    const before = await footprint();
    const codes = (res: { json(): { unmet: Array<{ code: string }> } }) => res.json().unmet.map((u) => u.code);
    const replaced = await upload(c.cookie, c.requestId, 'non_employment_letter', pdf());
    expect(replaced.statusCode, replaced.body).toBe(409);
    expect(codes(replaced)).toEqual(['tick_set', 'document_not_accepted']);
    expect(replaced.json().unmet[0].params).toEqual({ tick: 'cancellation' });
    const rejected = await review(freeEducation, letter.id, { decision: 'rejected', note: 'جعلی است.' });
    expect(codes(rejected)).toEqual(['tick_set', 'document_not_accepted']);
    const unseen = await review(freeEducation, letter.id, {
      decision: 'accepted',
      inPerson: { ...inPerson, originalSeen: false },
    });
    expect(codes(unseen)).toEqual(['tick_set', 'in_person_check_missing']);
    expect(await footprint()).toEqual(before);
    // What the tick does not rest on stays open; once revoked, the letter may go.
    expect((await upload(c.cookie, c.requestId, 'transcript', pdf())).statusCode).toBe(201);
    expect((await tick(false)).statusCode).toBe(200);
    expect((await review(freeEducation, letter.id, { decision: 'rejected', note: 'جعلی است.' })).statusCode).toBe(200);
  });

  it('validates the body', async () => {
    const c = await graduateWithRequest();
    const doc = await uploaded(c, 'transcript');
    for (const payload of [
      { decision: 'maybe' },
      { decision: 'accepted', extra: 1 },
      { decision: 'accepted', version: 0 },
    ]) {
      expect((await review(freeEducation, doc.id, payload)).statusCode).toBe(400);
    }
  });
});

describe('OpenAPI', () => {
  it('documents every documents route with its statuses', async () => {
    const spec = (await h.call(undefined, { method: 'GET', url: '/api/openapi.json' })).json();
    const upload = spec.paths['/api/requests/{id}/documents'].post;
    expect(upload.tags).toEqual(['documents']);
    expect(Object.keys(upload.requestBody.content)).toEqual(['multipart/form-data']);
    expect(Object.keys(upload.responses)).toEqual(expect.arrayContaining(['201', '413', '415']));
    const file = spec.paths['/api/documents/{id}/file'].get;
    expect(Object.keys(file.responses['200'].content)).toEqual(['application/pdf', 'image/jpeg', 'image/png']);
    expect(spec.paths['/api/documents'].get.tags).toEqual(['documents']);
    expect(spec.paths['/api/documents/{id}/review'].post.responses).toHaveProperty('409');
  });
});
