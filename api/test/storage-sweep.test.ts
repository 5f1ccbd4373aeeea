import { mkdir, readdir, stat, utimes, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { Readable, Writable } from 'node:stream';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildApp } from '../src/app.ts';
import { loadConfig } from '../src/config.ts';
import { sweepStorage } from '../src/lib/storage-sweep.ts';
import { createGraduate, pdfBytes, uploadBody } from './fixtures.ts';
import { createTestApp, type TestApp } from './helpers.ts';

// The start-up sweep: what a crash leaves in file storage (temporary files of cut-off uploads, stored
// files whose row was never committed) goes; files with rows stay; within the grace period nothing is
// touched, because another process may be mid-upload. The crash itself: test/faults/kill.test.ts.
const HOUR = 3_600_000;
let h: TestApp;
let office = '';
let requestId = '';
let files = '';
beforeAll(async () => {
  h = await createTestApp();
  office = await h.login('graduate.office');
  const g = await createGraduate(h, office, await h.login('admin'));
  requestId = (await h.call(g.cookie, { method: 'POST', url: '/api/requests', payload: {} })).json().id;
  files = path.join(h.config.dataDir, 'files');
});
afterAll(() => h.close());

const exists = (key: string) =>
  stat(path.join(files, key)).then(
    () => true,
    () => false,
  );
const age = (file: string, ms: number) => utimes(file, new Date(Date.now() - ms), new Date(Date.now() - ms));

async function upload(data: Buffer) {
  const res = await h.call(office, {
    method: 'POST',
    url: `/api/requests/${requestId}/documents`,
    ...uploadBody('transcript', data),
  });
  return res;
}

/** A file in storage without a row: what a crash between storing and committing leaves. */
async function orphan(data = pdfBytes(), ageMs = 0) {
  const stored = await h.app.storage.put(Readable.from([data]), { maxBytes: 1_000_000 });
  if (ageMs > 0) await age(path.join(files, stored.key), ageMs);
  return stored.key;
}

async function tmpFile(name: string, ageMs = 0) {
  await mkdir(path.join(files, 'tmp'), { recursive: true });
  await writeFile(path.join(files, 'tmp', name), 'half an upload');
  if (ageMs > 0) await age(path.join(files, 'tmp', name), ageMs);
}

describe('sweepStorage', () => {
  it('removes old temporary files and old files without a row; keeps files with rows and anything recent', async () => {
    const uploaded = await upload(pdfBytes());
    expect(uploaded.statusCode).toBe(201);
    const keptKey = `sha256/${uploaded.json().sha256.slice(0, 2)}/${uploaded.json().sha256}`;
    await age(path.join(files, keptKey), 2 * HOUR);
    const oldOrphan = await orphan(pdfBytes(), 2 * HOUR);
    const newOrphan = await orphan();
    await tmpFile('old', 2 * HOUR);
    await tmpFile('new');

    const graced = await sweepStorage(h.t.db, h.app.storage, { graceMs: HOUR });
    expect(graced).toMatchObject({ temporary: 1, orphans: [oldOrphan] });
    expect(await exists(keptKey)).toBe(true);
    expect(await exists(oldOrphan)).toBe(false);
    expect(await exists(newOrphan)).toBe(true);
    expect(await readdir(path.join(files, 'tmp'))).toEqual(['new']);

    const all = await sweepStorage(h.t.db, h.app.storage, { graceMs: 0, batchSize: 2 });
    expect(all).toMatchObject({ temporary: 1, orphans: [newOrphan] });
    expect(await exists(keptKey)).toBe(true);
    expect(await exists(newOrphan)).toBe(false);
    expect(await readdir(path.join(files, 'tmp'))).toEqual([]);
    // The document still downloads.
    const file = await h.call(office, { method: 'GET', url: `/api/documents/${uploaded.json().id}/file` });
    expect(file.statusCode).toBe(200);
  });

  it('racing uploads of the same bytes: never a document row without its file', async () => {
    const outcomes: Record<number, number> = {};
    for (let i = 0; i < 12; i += 1) {
      const data = pdfBytes();
      const key = await orphan(data, 2 * HOUR);
      const [res] = await Promise.all([upload(data), sweepStorage(h.t.db, h.app.storage, { graceMs: 0 })]);
      outcomes[res.statusCode] = (outcomes[res.statusCode] ?? 0) + 1;
      if (res.statusCode === 201) expect(await exists(key)).toBe(true);
      else expect(res.json()).toMatchObject({ status: 409, type: '/api/problems/upload-interrupted' });
      const rows = await h.t.db.selectFrom('documents').select('storageKey').where('storageKey', '=', key).execute();
      expect(rows.length > 0).toBe(await exists(key));
    }
    expect(Object.keys(outcomes).every((s) => s === '201' || s === '409')).toBe(true);
  });
});

describe('at start-up', () => {
  it('sweeps before the app answers, and logs what it removed; FILE_SWEEP_GRACE_SECONDS sets the grace', async () => {
    const uploaded = await upload(pdfBytes());
    const keptKey = `sha256/${uploaded.json().sha256.slice(0, 2)}/${uploaded.json().sha256}`;
    const fresh = await orphan();
    const old = await orphan(pdfBytes(), 2 * HOUR);
    await tmpFile('cut-off-upload', 2 * HOUR);
    const start = async (env: Record<string, string>) => {
      const lines: Array<Record<string, unknown>> = [];
      const stream = new Writable({
        write(chunk, _enc, done) {
          for (const line of String(chunk).split('\n').filter(Boolean)) lines.push(JSON.parse(line));
          done();
        },
      });
      const config = loadConfig({
        UI_DIR: '/nonexistent',
        DATA_DIR: h.config.dataDir,
        NOTIFICATION_INTERVAL_SECONDS: '0',
        AUDIT_HEAD_INTERVAL_SECONDS: '0',
        ...env,
      });
      const app = await buildApp({ config, db: h.t.db, logger: { level: 'info', stream } });
      await app.ready();
      await app.close();
      return lines.filter((l) => String(l.msg).startsWith('file storage'));
    };

    // Default grace (10 minutes): the old orphan and the old temporary file go, the fresh orphan stays.
    expect(loadConfig({}).fileSweepGraceMs).toBe(600_000);
    const first = await start({});
    expect(first[0]).toMatchObject({
      level: 40,
      msg: 'file storage: removed files left by interrupted uploads',
      sweptTemporaryFiles: 1,
      sweptOrphanFiles: [old],
    });
    expect(await exists(fresh)).toBe(true);
    const second = await start({ FILE_SWEEP_GRACE_SECONDS: '0' });
    expect(second[0]).toMatchObject({ sweptTemporaryFiles: 0, sweptOrphanFiles: [fresh] });
    expect(await exists(fresh)).toBe(false);
    expect(await exists(keptKey)).toBe(true);
    // Nothing left to remove: no warning, only the info line.
    const third = await start({ FILE_SWEEP_GRACE_SECONDS: '0' });
    expect(third.map((l) => l.level)).toEqual([30]);
    expect(() => loadConfig({ FILE_SWEEP_GRACE_SECONDS: 'soon' })).toThrow(/FILE_SWEEP_GRACE_SECONDS/);
  });
});
