import { afterAll, beforeAll, expect, it } from 'vitest';
import { backoffMs, deliverDue } from '../../src/notifications/outbox-worker.ts';
import type { NotificationSender, OutgoingMessage } from '../../src/notifications/sender.ts';
import { createGraduate } from '../fixtures.ts';
import { createTestApp, type TestApp } from '../helpers.ts';

let h: TestApp;
let graduateId = '';
beforeAll(async () => {
  h = await createTestApp();
  graduateId = (await createGraduate(h, await h.login('graduate.office'), await h.login('admin'))).id;
});
afterAll(() => h.close());

async function enqueue(template: string) {
  await h.t.db
    .insertInto('notificationOutbox')
    .values({ graduateId, requestId: null, channel: 'sms', template, payload: JSON.stringify({ n: template }) })
    .execute();
}

it('delivers due messages once, retries a failure with backoff, and never sends twice', async () => {
  await enqueue('a');
  await enqueue('b');
  const seen: string[] = [];
  let failB = true;
  const sender: NotificationSender = {
    async send(m: OutgoingMessage) {
      if (m.template === 'b' && failB) throw new Error('gateway down');
      seen.push(m.template);
    },
  };
  expect(await deliverDue(h.t.db, sender)).toEqual({ sent: 1, failed: 1 });
  const b = await h.t.db
    .selectFrom('notificationOutbox')
    .selectAll()
    .where('template', '=', 'b')
    .executeTakeFirstOrThrow();
  expect(b).toMatchObject({ sentAt: null, attempts: 1, lastError: 'gateway down' });
  expect(b.nextAttemptAt.getTime()).toBeGreaterThan(Date.now() + 20_000);

  failB = false;
  expect(await deliverDue(h.t.db, sender)).toEqual({ sent: 0, failed: 0 });
  expect(await deliverDue(h.t.db, sender, { now: new Date(Date.now() + 60_000) })).toEqual({ sent: 1, failed: 0 });
  expect(await deliverDue(h.t.db, sender, { now: new Date(Date.now() + 86_400_000) })).toEqual({ sent: 0, failed: 0 });
  expect(seen).toEqual(['a', 'b']);
});

it('backs off exponentially up to six hours', () => {
  expect([1, 2, 3, 20].map(backoffMs)).toEqual([30_000, 60_000, 120_000, 6 * 3_600_000]);
});
