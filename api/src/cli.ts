import path from 'node:path';
import { createInterface } from 'node:readline/promises';
import { parseArgs } from 'node:util';
import {
  AUDIT_HEADS_FILE,
  appendAuditEvent,
  checkPasswordPolicy,
  createDb,
  exportAuditHead,
  generateData,
  hashPassword,
  LocalFileStorage,
  loadAuditHeadKey,
  migrateToLatest,
  verifyAudit,
} from '@diploma-desk/db';
import { sql } from 'kysely';
import { loadConfig, loadDotEnv } from './config.ts';
import { auditedUser, findUserByUsername, insertUser } from './routes/users/users.repository.ts';

const USAGE = `usage:
  cli migrate                                      run database migrations
  cli create-admin --username NAME --display-name "FULL NAME"
                                                   create an admin; the password is read from standard input
  cli verify-audit [--heads FILE]                  walk the audit hash chain and check the exported heads
                                                   (default: DATA_DIR/audit-heads.jsonl; FILE: e.g. a copy
                                                   kept elsewhere); exit code 1 when anything is off
  cli export-audit-head                            sign the chain's head now and append it to the heads file
  cli generate --requests N [--light] [--seed S]   add N generated requests (graduates, documents, history,
                                                   audit events) for load tests; --light points documents at
                                                   shared sample files instead of a small file each`;

async function readPassword(): Promise<string> {
  const rl = createInterface({ input: process.stdin, output: process.stderr, terminal: process.stdin.isTTY });
  try {
    if (!process.stdin.isTTY) return ((await rl[Symbol.asyncIterator]().next()).value ?? '').trim();
    const first = await rl.question('Password: ');
    const second = await rl.question('Again: ');
    if (first !== second) throw new Error('the two passwords differ');
    return first;
  } finally {
    rl.close();
  }
}

async function main(): Promise<number> {
  const [command, ...rest] = process.argv.slice(2);
  loadDotEnv();
  const config = loadConfig();
  const handle = await createDb({
    databaseUrl: command === 'migrate' ? (config.databaseOwnerUrl ?? config.databaseUrl) : config.databaseUrl,
    dataDir: config.dataDir,
    poolSize: 2,
  });
  try {
    switch (command) {
      case 'migrate': {
        const steps = await migrateToLatest(handle.db, { appRole: config.databaseAppRole });
        process.stdout.write(steps.length ? `${steps.join('\n')}\n` : 'already up to date\n');
        return 0;
      }
      case 'create-admin': {
        const { values } = parseArgs({
          args: rest,
          options: { username: { type: 'string' }, 'display-name': { type: 'string' } },
        });
        const username = values.username?.trim().toLowerCase();
        const displayName = values['display-name']?.trim();
        if (!username || !/^[a-z0-9][a-z0-9._-]{2,63}$/.test(username) || !displayName) {
          process.stderr.write(`${USAGE}\n`);
          return 2;
        }
        await migrateToLatest(handle.db);
        if (await findUserByUsername(handle.db, username)) throw new Error(`user ${username} already exists`);
        const password = await readPassword();
        const problem = checkPasswordPolicy(password, username);
        if (problem) throw new Error(`password refused: ${problem.replaceAll('_', ' ')}`);
        const passwordHash = await hashPassword(password);
        const user = await handle.db.transaction().execute(async (trx) => {
          const created = await insertUser(trx, {
            username,
            displayName,
            role: 'admin',
            passwordHash,
            graduateId: null,
          });
          await appendAuditEvent(trx, {
            actorId: null,
            role: 'system',
            action: 'user.create',
            subjectType: 'user',
            subjectId: created.id,
            after: { ...auditedUser(created), via: 'cli' },
          });
          return created;
        });
        process.stdout.write(`created admin ${user.username} (${user.id})\n`);
        return 0;
      }
      case 'verify-audit': {
        const { values } = parseArgs({ args: rest, options: { heads: { type: 'string' } } });
        const file = values.heads ? path.resolve(values.heads) : path.join(config.dataDir, AUDIT_HEADS_FILE);
        const key = await loadAuditHeadKey(config.dataDir, config.audit.headKey, false);
        const result = await verifyAudit(handle.db, { file, key });
        process.stdout.write(`${JSON.stringify(result)}\n`);
        return result.ok ? 0 : 1;
      }
      case 'export-audit-head': {
        const key = await loadAuditHeadKey(config.dataDir, config.audit.headKey, true);
        const head = await exportAuditHead(handle.db, { file: path.join(config.dataDir, AUDIT_HEADS_FILE), key });
        process.stdout.write(head ? `${JSON.stringify(head)}\n` : 'the audit log is empty: nothing to export\n');
        return 0;
      }
      case 'generate': {
        const { values } = parseArgs({
          args: rest,
          options: {
            requests: { type: 'string' },
            light: { type: 'boolean', default: false },
            seed: { type: 'string' },
          },
        });
        const requests = Number(values.requests);
        const seed = values.seed === undefined ? undefined : Number(values.seed);
        if (!Number.isInteger(requests) || requests < 1 || (seed !== undefined && !Number.isInteger(seed))) {
          process.stderr.write(`${USAGE}\n`);
          return 2;
        }
        await migrateToLatest(handle.db, { appRole: config.databaseAppRole });
        const where = config.databaseUrl ? 'PostgreSQL (DATABASE_URL)' : `the embedded database in ${config.dataDir}`;
        process.stderr.write(`generating ${requests} requests${values.light ? ' (light)' : ''} into ${where}\n`);
        const summary = await generateData(handle.db, {
          requests,
          light: values.light,
          seed,
          storage: new LocalFileStorage(path.join(config.dataDir, 'files')),
          onProgress: (p) => {
            const rate = Math.round((p.requests / Math.max(p.elapsedMs, 1)) * 1000);
            process.stderr.write(`  ${p.requests}/${p.total} requests, ${p.documents} documents, ${rate} requests/s\n`);
          },
        });
        await sql`ANALYZE`.execute(handle.db);
        process.stdout.write(`${JSON.stringify(summary)}\n`);
        return 0;
      }
      default:
        process.stderr.write(`${USAGE}\n`);
        return 2;
    }
  } finally {
    await handle.close();
  }
}

main().then(
  (code) => process.exit(code),
  (error: unknown) => {
    process.stderr.write(`error: ${error instanceof Error ? error.message : String(error)}\n`);
    process.exit(1);
  },
);
