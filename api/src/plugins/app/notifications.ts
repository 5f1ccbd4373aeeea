import fp from 'fastify-plugin';
import { deliverDue } from '../../notifications/outbox-worker.ts';
import { LogSender, type NotificationSender } from '../../notifications/sender.ts';

/** Delivers the outbox every few seconds in the background; never on a request's path. */
export default fp<{ sender?: NotificationSender | undefined }>(async (app, options) => {
  const intervalMs = app.config.notificationIntervalMs;
  if (intervalMs <= 0) return;
  const sender = options.sender ?? new LogSender(app.log);
  let running = false;
  const timer = setInterval(() => {
    if (running) return;
    running = true;
    deliverDue(app.db, sender)
      .then(({ failed }) => {
        if (failed > 0) app.log.warn({ failed }, 'notifications will be retried');
      })
      .catch((err: unknown) => app.log.error({ err }, 'notification delivery failed'))
      .finally(() => {
        running = false;
      });
  }, intervalMs);
  timer.unref();
  app.addHook('onClose', async () => clearInterval(timer));
});
