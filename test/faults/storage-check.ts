import { createHash } from 'node:crypto';
import { createReadStream } from 'node:fs';
import { readdir, stat } from 'node:fs/promises';
import path from 'node:path';
import { createDb } from '@diploma-desk/db';

export interface DocumentFileRow {
  storageKey: string;
  sha256: string;
  sizeBytes: number;
}

/**
 * The documents' storage keys, read straight from the database while the server is down: the PostgreSQL
 * database, or the embedded one in the data directory (PGlite is one process's, so only while it is down).
 */
export async function readDocumentRows(server: { databaseUrl: string | undefined; dataDir: string }) {
  const handle = await createDb({ databaseUrl: server.databaseUrl, dataDir: server.dataDir, poolSize: 1 });
  try {
    const rows = await handle.db.selectFrom('documents').select(['storageKey', 'sha256', 'sizeBytes']).execute();
    return rows.map((r) => ({ ...r, sizeBytes: Number(r.sizeBytes) }));
  } finally {
    await handle.close();
  }
}

/** Every file under a folder, as paths relative to it (missing folder: none). */
export async function filesUnder(dir: string): Promise<string[]> {
  const entries = await readdir(dir, { recursive: true, withFileTypes: true }).catch((error: NodeJS.ErrnoException) => {
    if (error.code === 'ENOENT') return [];
    throw error;
  });
  return entries
    .filter((e) => !e.isDirectory())
    .map((e) => path.relative(dir, path.join(e.parentPath, e.name)))
    .sort();
}

export async function sha256Of(file: string): Promise<string> {
  const hash = createHash('sha256');
  for await (const chunk of createReadStream(file)) hash.update(chunk as Buffer);
  return hash.digest('hex');
}

/**
 * The storage invariants after a crash and a restart: every row's file is there with its size and hash,
 * every stored file belongs to a row, and no temporary file is left. Returns what is wrong, if anything.
 */
export async function storageProblems(filesRoot: string, rows: DocumentFileRow[]): Promise<string[]> {
  const problems: string[] = [];
  const tmp = await filesUnder(path.join(filesRoot, 'tmp'));
  if (tmp.length > 0) problems.push(`files/tmp holds ${tmp.length} file(s): ${tmp.slice(0, 5).join(', ')}`);
  const keys = new Set(rows.map((r) => r.storageKey));
  const stored = (await filesUnder(path.join(filesRoot, 'sha256'))).map((f) => `sha256/${f.split(path.sep).join('/')}`);
  for (const key of stored) if (!keys.has(key)) problems.push(`file without a document row: ${key}`);
  const checked = new Map<string, string>();
  for (const row of rows) {
    if (checked.has(row.storageKey)) continue;
    const file = path.join(filesRoot, row.storageKey);
    const info = await stat(file).catch(() => undefined);
    if (!info) {
      problems.push(`document row without its file: ${row.storageKey}`);
      checked.set(row.storageKey, 'missing');
      continue;
    }
    if (info.size !== row.sizeBytes)
      problems.push(`${row.storageKey}: ${info.size} bytes, the row says ${row.sizeBytes}`);
    const sha = await sha256Of(file);
    if (sha !== row.sha256) problems.push(`${row.storageKey}: content hashes to ${sha}, the row says ${row.sha256}`);
    checked.set(row.storageKey, sha);
  }
  return problems;
}
