import type { Database } from '@diploma-desk/db';
import fp from 'fastify-plugin';
import type { Kysely } from 'kysely';

/** The database handle is created (and closed) by whoever builds the app: server, CLI or test. */
export default fp<{ db: Kysely<Database> }>(async (app, { db }) => {
  app.decorate('db', db);
});
