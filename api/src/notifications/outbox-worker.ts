import type { Database } from '@diploma-desk/db';
import { type Kysely, sql } from 'kysely';
import type { NotificationSender } from './sender.ts';

/** How long a claimed message is held before another worker may try it (a crashed sender's lease). */
const LEASE_MS = 5 * 60_000;
const MAX_BACKOFF_MS = 6 * 3_600_000;

export function backoffMs(attempts: number): number {
  return Math.min(MAX_BACKOFF_MS, 30_000 * 2 ** Math.max(0, attempts - 1));
}

/**
 * Claims the messages that are due (in a short transaction, skipping rows another worker holds),
 * then sends each outside any transaction: a slow gateway never holds a lock or a request. Delivery is
 * at least once; a failure is retried with exponential backoff.
 */
export async function deliverDue(
  db: Kysely<Database>,
  sender: NotificationSender,
  { batch = 50, now }: { batch?: number; now?: Date } = {},
): Promise<{ sent: number; failed: number }> {
  const claimed = await db.transaction().execute(async (trx) => {
    const due = await trx
      .selectFrom('notificationOutbox')
      .selectAll()
      .where('sentAt', 'is', null)
      // The database's clock by default: rows are stamped by it, to the microsecond.
      .where('nextAttemptAt', '<=', now ?? sql<Date>`now()`)
      .orderBy('id')
      .limit(batch)
      .forUpdate()
      .skipLocked()
      .execute();
    if (due.length > 0) {
      await trx
        .updateTable('notificationOutbox')
        .set({ nextAttemptAt: new Date((now ?? new Date()).getTime() + LEASE_MS), attempts: sql`attempts + 1` })
        .where(
          'id',
          'in',
          due.map((d) => d.id),
        )
        .execute();
    }
    return due;
  });
  let sent = 0;
  let failed = 0;
  for (const message of claimed) {
    try {
      await sender.send(message);
      await db
        .updateTable('notificationOutbox')
        .set({ sentAt: new Date(), lastError: null })
        .where('id', '=', message.id)
        .execute();
      sent += 1;
    } catch (error) {
      failed += 1;
      await db
        .updateTable('notificationOutbox')
        .set({
          nextAttemptAt: new Date(Date.now() + backoffMs(message.attempts + 1)),
          lastError: String(error instanceof Error ? error.message : error).slice(0, 500),
        })
        .where('id', '=', message.id)
        .execute();
    }
  }
  return { sent, failed };
}
