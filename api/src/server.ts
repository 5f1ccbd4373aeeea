import path from 'node:path';
import {
  createDb,
  DEMO_ACCOUNTS,
  DEMO_GRADUATE_ACCOUNTS,
  DEMO_PASSWORD,
  LocalFileStorage,
  migrateToLatest,
  seedDemoData,
} from '@diploma-desk/db';
import { buildApp } from './app.ts';
import { loadConfig, loadDotEnv } from './config.ts';

loadDotEnv();
const config = loadConfig();

// Migrations run as the schema owner when one is configured; the app then connects as its own role.
if (config.databaseOwnerUrl) {
  const owner = await createDb({ databaseUrl: config.databaseOwnerUrl, dataDir: config.dataDir, poolSize: 1 });
  await migrateToLatest(owner.db, { appRole: config.databaseAppRole });
  await owner.close();
}
const handle = await createDb({
  databaseUrl: config.databaseUrl,
  dataDir: config.dataDir,
  poolSize: config.databasePoolSize,
});
if (!config.databaseOwnerUrl) await migrateToLatest(handle.db);
const storage = new LocalFileStorage(path.join(config.dataDir, 'files'));
const seeded = config.demoData ? await seedDemoData(handle.db, { storage }) : false;

const app = await buildApp({ config, db: handle.db, storage });

let closing = false;
async function shutdown(signal: string) {
  if (closing) return;
  closing = true;
  app.log.info({ signal }, 'shutting down');
  await app.close();
  await handle.close();
  process.exit(0);
}
process.on('SIGINT', () => void shutdown('SIGINT'));
process.on('SIGTERM', () => void shutdown('SIGTERM'));

await app.listen({ port: config.port, host: config.host });
const shownHost = config.host === '0.0.0.0' || config.host === '::' ? 'localhost' : config.host;
const lines = [
  '',
  `  Diploma Desk is running at http://${shownHost}:${config.port}/`,
  `  Database: ${handle.kind === 'pglite' ? `embedded (PGlite) in ${config.dataDir}` : 'PostgreSQL (DATABASE_URL)'}`,
  // performance.now() counts from the process's start, so this includes loading the code.
  `  Started in ${Math.round(performance.now())} ms${seeded ? ', demo data seeded' : ''}`,
];
if (config.demoData) {
  lines.push(`  Demo accounts (password ${DEMO_PASSWORD}):`);
  for (const a of DEMO_ACCOUNTS) lines.push(`    ${a.username.padEnd(20)} ${a.role}`);
  for (const a of DEMO_GRADUATE_ACCOUNTS) lines.push(`    ${a.username.padEnd(20)} graduate, request ${a.stage}`);
}
process.stdout.write(`${lines.join('\n')}\n\n`);
