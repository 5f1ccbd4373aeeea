import { mkdir, mkdtemp, readdir, readFile, rm, utimes, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { Readable } from 'node:stream';
import { afterEach, beforeEach, expect, it } from 'vitest';
import { LocalFileStorage } from '../src/storage/local-storage.ts';

let root = '';
let storage: LocalFileStorage;
beforeEach(async () => {
  root = await mkdtemp(path.join(tmpdir(), 'dd-storage-'));
  storage = new LocalFileStorage(root);
});
afterEach(() => rm(root, { recursive: true, force: true }));

const put = (text: string) => storage.put(Readable.from([Buffer.from(text)]), { maxBytes: 1_000 });
const HOUR = 3_600_000;
const age = (file: string, ms: number) => utimes(file, new Date(Date.now() - ms), new Date(Date.now() - ms));
async function listAll() {
  const out = [];
  for await (const entry of storage.list()) out.push(entry);
  return out.sort((a, b) => a.key.localeCompare(b.key));
}

it('lists every stored file with its size and time, and nothing else in the folder', async () => {
  expect(await listAll()).toEqual([]);
  const a = await put('first file');
  const b = await put('second, longer file');
  // Not written by the storage: a stray name, a file in the wrong prefix folder, a folder.
  await mkdir(path.join(root, 'sha256', 'zz'), { recursive: true });
  await writeFile(path.join(root, 'sha256', 'zz', 'notes.txt'), 'x');
  const wrongPrefix = a.key.replace(/^sha256\/../, a.key.startsWith('sha256/00') ? 'sha256/01' : 'sha256/00');
  await mkdir(path.dirname(path.join(root, wrongPrefix)), { recursive: true });
  await writeFile(path.join(root, wrongPrefix), 'x');
  const listed = await listAll();
  expect(listed.map((e) => [e.key, e.size])).toEqual(
    [
      [a.key, a.size],
      [b.key, b.size],
    ].sort((x, y) => String(x[0]).localeCompare(String(y[0]))),
  );
  for (const e of listed) expect(Date.now() - e.modifiedAt.getTime()).toBeLessThan(60_000);
});

it('sweeps temporary files: all of them by default, only those idle past the grace period when given one', async () => {
  const tmp = path.join(root, 'tmp');
  await mkdir(tmp, { recursive: true });
  for (const name of ['old-1', 'old-2', 'fresh']) await writeFile(path.join(tmp, name), 'partial upload');
  await age(path.join(tmp, 'old-1'), 2 * HOUR);
  await age(path.join(tmp, 'old-2'), 2 * HOUR);
  expect(await storage.sweepTemporary({ olderThanMs: HOUR })).toBe(2);
  expect(await readdir(tmp)).toEqual(['fresh']);
  expect(await storage.sweepTemporary()).toBe(1);
  expect(await readdir(tmp)).toEqual([]);
  // No tmp folder yet (nothing ever uploaded): nothing to do.
  await rm(tmp, { recursive: true });
  expect(await storage.sweepTemporary({ olderThanMs: HOUR })).toBe(0);
});

it('storing identical bytes again restarts the grace period of the shared file', async () => {
  const first = await put('the same bytes');
  await age(path.join(root, first.key), 2 * HOUR);
  expect(Date.now() - (await listAll())[0]!.modifiedAt.getTime()).toBeGreaterThan(HOUR);
  const again = await put('the same bytes');
  expect(again).toMatchObject({ key: first.key, created: false });
  expect(Date.now() - (await listAll())[0]!.modifiedAt.getTime()).toBeLessThan(60_000);
  // Nothing left in tmp either way.
  expect(await readdir(path.join(root, 'tmp'))).toEqual([]);
});

it('stores without an fsync per file when not durable, and flush() syncs them all at once', async () => {
  const bytes = Buffer.from(`%PDF-1.4 bulk ${Math.random()}`);
  const file = await storage.put(Readable.from([bytes]), { maxBytes: 1024, durable: false });
  await storage.flush();
  expect(await readFile(path.join(root, file.key))).toEqual(bytes);
  expect(await storage.exists(file.key)).toBe(true);
});
