import type { Database, FileStorage } from '@diploma-desk/db';
import type { Kysely } from 'kysely';
import { lockStorageKey, storageKeyInUse } from '../routes/documents/documents.repository.ts';

export interface StorageSweep {
  /** Temporary files of interrupted uploads that were removed. */
  temporary: number;
  /** Stored files that no document row referred to, removed. */
  orphans: string[];
  /** Stored files looked at (those older than the grace period). */
  checked: number;
}

export interface StorageSweepOptions {
  /** Only files not written for this long are touched: another process's upload may be in flight. */
  graceMs: number;
  now?: Date;
  batchSize?: number;
}

/**
 * Removes what a crash can leave in file storage: temporary files of uploads cut off mid-stream, and stored
 * files that neither a document nor a graduate import refers to (an upload's file is stored before its row is
 * committed, so a crash between the two leaves the file alone). Each removal takes the file's lock and checks
 * again that no row refers to it, as the upload route does before inserting a row: a file is never removed
 * under a new row, so it is safe beside other processes on the same storage as long as the grace period
 * outlasts an upload's commit.
 */
export async function sweepStorage(
  db: Kysely<Database>,
  storage: FileStorage,
  { graceMs, now = new Date(), batchSize = 500 }: StorageSweepOptions,
): Promise<StorageSweep> {
  const temporary = await storage.sweepTemporary({ olderThanMs: graceMs, now });
  const cutoff = now.getTime() - graceMs;
  const orphans: string[] = [];
  let checked = 0;
  let batch: string[] = [];

  const flush = async () => {
    if (batch.length === 0) return;
    const keys = batch;
    batch = [];
    const used = await db
      .selectFrom('documents')
      .select('storageKey')
      .where('storageKey', 'in', keys)
      .union(db.selectFrom('graduateImports').select('storageKey').where('storageKey', 'in', keys))
      .execute();
    const referenced = new Set(used.map((r) => r.storageKey));
    for (const key of keys) {
      if (referenced.has(key)) continue;
      const removed = await db.transaction().execute(async (trx) => {
        await lockStorageKey(trx, key);
        if (await storageKeyInUse(trx, key)) return false;
        await storage.remove(key);
        return true;
      });
      if (removed) orphans.push(key);
    }
  };

  for await (const entry of storage.list()) {
    if (entry.modifiedAt.getTime() > cutoff) continue;
    checked += 1;
    batch.push(entry.key);
    if (batch.length >= batchSize) await flush();
  }
  await flush();
  return { temporary, orphans, checked };
}
