import { execFile } from 'node:child_process';
import { createHash, randomUUID } from 'node:crypto';
import { createReadStream, createWriteStream } from 'node:fs';
import { link, mkdir, open, readdir, rm, stat, unlink, utimes } from 'node:fs/promises';
import path from 'node:path';
import { type Readable, Transform } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import { promisify } from 'node:util';
import {
  type FileStorage,
  FileTooLargeError,
  type PutOptions,
  type StoredEntry,
  type StoredFile,
  type SweepOptions,
} from './storage.ts';

const execFileAsync = promisify(execFile);
const HEAD_BYTES = 16;
const KEY_PATTERN = /^sha256\/[0-9a-f]{2}\/[0-9a-f]{64}$/;
const PREFIX_PATTERN = /^[0-9a-f]{2}$/;

const missingAsEmpty = (error: NodeJS.ErrnoException): string[] => {
  if (error.code === 'ENOENT') return [];
  throw error;
};

/** Files under `<root>/sha256/..`, written to `<root>/tmp` first and linked into place once complete. */
export class LocalFileStorage implements FileStorage {
  constructor(private readonly root: string) {}

  private pathOf(key: string): string {
    if (!KEY_PATTERN.test(key)) throw new Error('invalid storage key');
    return path.join(this.root, key);
  }

  async put(input: Readable, { maxBytes, durable = true }: PutOptions): Promise<StoredFile> {
    const tmpDir = path.join(this.root, 'tmp');
    await mkdir(tmpDir, { recursive: true });
    const tmp = path.join(tmpDir, randomUUID());
    const hash = createHash('sha256');
    let size = 0;
    let head = Buffer.alloc(0);
    const meter = new Transform({
      transform(chunk: Buffer, _enc, done) {
        size += chunk.length;
        if (size > maxBytes) return done(new FileTooLargeError(maxBytes));
        if (head.length < HEAD_BYTES) head = Buffer.concat([head, chunk.subarray(0, HEAD_BYTES - head.length)]);
        hash.update(chunk);
        done(null, chunk);
      },
    });
    const out = createWriteStream(tmp, { flags: 'wx' });
    try {
      await pipeline(input, meter, out);
      if (durable) {
        const fh = await open(tmp, 'r+');
        try {
          await fh.sync();
        } finally {
          await fh.close();
        }
      }
      const sha256 = hash.digest('hex');
      const key = `sha256/${sha256.slice(0, 2)}/${sha256}`;
      const target = this.pathOf(key);
      await mkdir(path.dirname(target), { recursive: true });
      let created = true;
      try {
        // link() fails if the target exists: identical content is stored once and never overwritten.
        await link(tmp, target);
        if (durable) await syncDir(path.dirname(target));
      } catch (error) {
        if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error;
        created = false;
        // Stored again: a sweep's grace period counts from now, not from the first upload of these bytes.
        const now = new Date();
        await utimes(target, now, now).catch(() => {});
      }
      return { key, sha256, size, head, created };
    } finally {
      // An input that failed at once (a body cut off) fails the pipeline while the file is still being opened:
      // removed before the open completes, it would be created afterwards and left behind.
      if (!out.closed) await new Promise<void>((resolve) => out.once('close', () => resolve()));
      await rm(tmp, { force: true });
    }
  }

  async flush(): Promise<void> {
    // syncfs(2) on the file system that holds the root: every file put with `durable: false` is on disk after.
    await execFileAsync('sync', ['--file-system', this.root]);
  }

  async open(key: string): Promise<Readable> {
    const file = this.pathOf(key);
    await stat(file);
    return createReadStream(file);
  }

  async exists(key: string): Promise<boolean> {
    try {
      await stat(this.pathOf(key));
      return true;
    } catch {
      return false;
    }
  }

  async remove(key: string): Promise<void> {
    await unlink(this.pathOf(key)).catch((error: NodeJS.ErrnoException) => {
      if (error.code !== 'ENOENT') throw error;
    });
  }

  async *list(): AsyncIterable<StoredEntry> {
    const base = path.join(this.root, 'sha256');
    const prefixes = await readdir(base).catch(missingAsEmpty);
    for (const prefix of prefixes.sort()) {
      if (!PREFIX_PATTERN.test(prefix)) continue;
      const names = await readdir(path.join(base, prefix)).catch(missingAsEmpty);
      for (const name of names.sort()) {
        const key = `sha256/${prefix}/${name}`;
        // Only names this storage writes; anything else in the folder is not ours to judge.
        if (!KEY_PATTERN.test(key) || !name.startsWith(prefix)) continue;
        const info = await stat(path.join(base, prefix, name)).catch(() => undefined);
        if (!info?.isFile()) continue;
        yield { key, size: info.size, modifiedAt: info.mtime };
      }
    }
  }

  async sweepTemporary({ olderThanMs = 0, now = new Date() }: SweepOptions = {}): Promise<number> {
    const tmpDir = path.join(this.root, 'tmp');
    const names = await readdir(tmpDir).catch(missingAsEmpty);
    const cutoff = now.getTime() - olderThanMs;
    let removed = 0;
    for (const name of names) {
      const file = path.join(tmpDir, name);
      if (olderThanMs > 0) {
        // A file still being written has a fresh mtime: an upload in flight (in another process) keeps it.
        const info = await stat(file).catch(() => undefined);
        if (!info || info.mtimeMs > cutoff) continue;
      }
      await rm(file, { force: true, recursive: true });
      removed += 1;
    }
    return removed;
  }
}

async function syncDir(dir: string): Promise<void> {
  const fh = await open(dir, 'r');
  try {
    await fh.sync();
  } finally {
    await fh.close();
  }
}
