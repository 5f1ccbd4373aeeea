import type { Database } from '@diploma-desk/db';
import type { Transaction } from 'kysely';

export type NotificationTemplate = 'request_returned' | 'ready_for_pickup' | 'cancellation_completed';

/**
 * Writes a message for the graduate in the same transaction as the change that causes it; a sender
 * delivers it later, with retries, so a slow SMS gateway never holds up the request.
 */
export async function enqueueNotification(
  trx: Transaction<Database>,
  message: { graduateId: string; requestId: string; template: NotificationTemplate; payload: Record<string, unknown> },
): Promise<void> {
  await trx
    .insertInto('notificationOutbox')
    .values({ ...message, channel: 'sms', payload: JSON.stringify(message.payload) })
    .execute();
}
