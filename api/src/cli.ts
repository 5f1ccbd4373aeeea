import { createInterface } from 'node:readline/promises';
import { parseArgs } from 'node:util';
import {
  appendAuditEvent,
  checkPasswordPolicy,
  createDb,
  hashPassword,
  migrateToLatest,
  verifyAuditChain,
} from '@diploma-desk/db';
import { loadConfig, loadDotEnv } from './config.ts';
import { auditedUser, findUserByUsername, insertUser } from './routes/users/users.repository.ts';

const USAGE = `usage:
  cli migrate                                      run database migrations
  cli create-admin --username NAME --display-name "FULL NAME"
                                                   create an admin; the password is read from standard input
  cli verify-audit                                 walk the audit hash chain`;

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
        const steps = await migrateToLatest(handle.db);
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
        const result = await verifyAuditChain(handle.db);
        process.stdout.write(`${JSON.stringify(result)}\n`);
        return result.ok ? 0 : 1;
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
