import type { Database, FileStorage } from '@diploma-desk/db';
import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import Fastify, { type FastifyServerOptions } from 'fastify';
import type { Kysely } from 'kysely';
import type { Config } from './config.ts';
import { loggerOptions } from './lib/logger.ts';
import type { NotificationSender } from './notifications/sender.ts';
import appAuditHeads from './plugins/app/audit-heads.ts';
import appAuth from './plugins/app/auth.ts';
import appCountCache from './plugins/app/count-cache.ts';
import appCsrf from './plugins/app/csrf.ts';
import appDb from './plugins/app/db.ts';
import appErrors, { frameworkErrors } from './plugins/app/error-handler.ts';
import appNotifications from './plugins/app/notifications.ts';
import appSecurityHeaders from './plugins/app/security-headers.ts';
import appStageClock from './plugins/app/stage-clock.ts';
import appStorage from './plugins/app/storage.ts';
import cookie from './plugins/external/cookie.ts';
import multipart from './plugins/external/multipart.ts';
import staticUi from './plugins/external/static-ui.ts';
import swagger from './plugins/external/swagger.ts';
import auditEventRoutes from './routes/audit-events/index.ts';
import authRoutes from './routes/auth/index.ts';
import dashboardRoutes from './routes/dashboard/index.ts';
import documentRoutes from './routes/documents/index.ts';
import graduateImportRoutes from './routes/graduate-imports/index.ts';
import graduateRoutes from './routes/graduates/index.ts';
import healthRoutes from './routes/health/index.ts';
import assignmentRoutes from './routes/requests/assignment.ts';
import requestBulkRoutes from './routes/requests/bulk.ts';
import requestRoutes from './routes/requests/index.ts';
import savedViewRoutes from './routes/saved-views/index.ts';
import userRoutes from './routes/users/index.ts';
import workingCalendarRoutes from './routes/working-calendar/index.ts';
import { UUID_FORMAT } from './schemas/common.ts';

export interface AppOptions {
  config: Config;
  db: Kysely<Database>;
  logger?: FastifyServerOptions['logger'];
  /** Where uploaded files go; default: `<dataDir>/files` on local disk. */
  storage?: FileStorage;
  notificationSender?: NotificationSender;
}

/**
 * Builds the app without listening. Plugins are registered explicitly in fastify/demo's order
 * (external, then the app's own, then routes): explicit imports behave the same under tsx, vitest
 * and a bundler, where autoload's directory scanning does not.
 */
export async function buildApp({ config, db, logger, storage, notificationSender }: AppOptions) {
  const app = Fastify({
    logger: logger ?? loggerOptions(config),
    trustProxy: config.trustProxy,
    bodyLimit: 1_048_576,
    frameworkErrors,
    ajv: {
      customOptions: { removeAdditional: false, coerceTypes: false, useDefaults: true, allErrors: true },
      onCreate: (ajv) => ajv.addFormat('uuid', UUID_FORMAT),
    },
  }).withTypeProvider<TypeBoxTypeProvider>();

  app.decorate('config', config);
  const routeList: Array<{ method: string; url: string }> = [];
  app.addHook('onRoute', (route) => {
    for (const method of [route.method].flat()) routeList.push({ method, url: route.url });
  });
  app.decorate('routeList', routeList);
  await app.register(appSecurityHeaders);
  await app.register(appErrors);
  await app.register(cookie);
  await app.register(multipart);
  await app.register(swagger);
  await app.register(appDb, { db });
  await app.register(appStageClock);
  await app.register(appCountCache);
  await app.register(appStorage, { storage });
  await app.register(appNotifications, { sender: notificationSender });
  await app.register(appAuditHeads);
  await app.register(appCsrf);
  await app.register(appAuth);
  await app.register(healthRoutes);
  await app.register(authRoutes);
  await app.register(userRoutes);
  await app.register(graduateRoutes);
  await app.register(graduateImportRoutes);
  await app.register(requestRoutes);
  await app.register(requestBulkRoutes);
  await app.register(assignmentRoutes);
  await app.register(documentRoutes);
  await app.register(auditEventRoutes);
  await app.register(dashboardRoutes);
  await app.register(savedViewRoutes);
  await app.register(workingCalendarRoutes);
  await app.register(staticUi);
  return app;
}

export type App = Awaited<ReturnType<typeof buildApp>>;
