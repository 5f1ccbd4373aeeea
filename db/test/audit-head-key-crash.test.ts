import { mkdtemp, readdir, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, expect, it, vi } from 'vitest';

// The audit-head key is made once, at the first export. A write that fails half-way (a full disk; a crash
// between creating the file and filling it) must not leave a key file that no later start can use: every
// export and every verification after it would fail until someone removed the file by hand.
const failWrites = vi.hoisted(() => ({ remaining: 0 }));
vi.mock('node:fs/promises', async (importOriginal) => {
  const real = await importOriginal<typeof import('node:fs/promises')>();
  const open: typeof real.open = async (...args) => {
    const handle = await real.open(...args);
    const writeFile = handle.writeFile.bind(handle);
    handle.writeFile = async (...w: Parameters<typeof handle.writeFile>) => {
      if (failWrites.remaining > 0) {
        failWrites.remaining -= 1;
        throw Object.assign(new Error('ENOSPC: no space left on device, write'), { code: 'ENOSPC' });
      }
      return writeFile(...w);
    };
    return handle;
  };
  return { ...real, default: { ...real, open }, open };
});

const { AUDIT_HEAD_KEY_FILE, loadAuditHeadKey } = await import('../src/audit-heads.ts');

let dir = '';
beforeEach(async () => {
  dir = await mkdtemp(path.join(tmpdir(), 'dd-key-'));
});
afterEach(() => rm(dir, { recursive: true, force: true }));

it('a key write that fails leaves no unusable key file: the next start makes a good one', async () => {
  failWrites.remaining = 1;
  await expect(loadAuditHeadKey(dir, undefined, true)).rejects.toThrow(/ENOSPC/);
  expect(await loadAuditHeadKey(dir, undefined, false)).toBeUndefined();
  const key = await loadAuditHeadKey(dir, undefined, true);
  expect(key).toMatch(/^[0-9a-f]{64}$/);
  expect((await readFile(path.join(dir, AUDIT_HEAD_KEY_FILE), 'utf8')).trim()).toBe(key);
  // Nothing else left beside it.
  expect(await readdir(dir)).toEqual([AUDIT_HEAD_KEY_FILE]);
});

it('processes making the key at once all end up with the same one', async () => {
  const keys = await Promise.all(Array.from({ length: 8 }, () => loadAuditHeadKey(dir, undefined, true)));
  expect(new Set(keys).size).toBe(1);
  expect(await readdir(dir)).toEqual([AUDIT_HEAD_KEY_FILE]);
});
