import { execFile, spawnSync } from 'node:child_process';
import { chmod, chown, mkdtemp, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import pg from 'pg';
import { freePort } from '../support/server.ts';

const run = promisify(execFile);

/** Where Debian puts PostgreSQL 15's server binaries; PG_BIN overrides it. */
export const PG_BIN = process.env.PG_BIN ?? '/usr/lib/postgresql/15/bin';

export interface PrivateCluster {
  port: number;
  dir: string;
  /** A superuser URL for the database `name` (default postgres). */
  url(name?: string): string;
  start(): Promise<void>;
  /** `pg_ctl stop -m <mode>`: immediate is a crash (no checkpoint, crash recovery at the next start). */
  stop(mode: 'immediate' | 'fast'): Promise<void>;
  running(): boolean;
  /** Stops the cluster and removes its folder; safe to call twice and after a failure. */
  destroy(): Promise<void>;
}

/**
 * A PostgreSQL cluster of our own (initdb in a temporary folder, a free port, trust authentication on
 * 127.0.0.1 only), so that a test may stop and start it without touching the machine's shared server.
 * initdb and postgres refuse to run as root: as root they run as the `postgres` user, through runuser.
 */
export async function createPrivateCluster(): Promise<PrivateCluster> {
  const asRoot = process.getuid?.() === 0;
  const dir = await mkdtemp(path.join(os.tmpdir(), 'dd-pgcluster-'));
  const data = path.join(dir, 'data');
  const log = path.join(dir, 'postgres.log');
  const port = await freePort();
  if (asRoot) {
    const ids = spawnSync('id', ['-u', 'postgres'], { encoding: 'utf8' });
    const gids = spawnSync('id', ['-g', 'postgres'], { encoding: 'utf8' });
    if (ids.status !== 0) throw new Error('running as root, but there is no postgres user to run the cluster as');
    await chown(dir, Number(ids.stdout.trim()), Number(gids.stdout.trim()));
    await chmod(dir, 0o700);
  }
  const cmd = (bin: string, args: string[]): [string, string[]] =>
    asRoot ? ['runuser', ['-u', 'postgres', '--', path.join(PG_BIN, bin), ...args]] : [path.join(PG_BIN, bin), args];
  const exec = async (bin: string, args: string[], timeout = 60_000) => {
    const [file, argv] = cmd(bin, args);
    try {
      return await run(file, argv, { timeout, cwd: dir });
    } catch (error) {
      const e = error as { stderr?: string; stdout?: string; message: string };
      throw new Error(`${bin} ${args.join(' ')} failed: ${e.message}\n${e.stdout ?? ''}\n${e.stderr ?? ''}`);
    }
  };
  let up = false;
  let destroyed = false;

  await exec('initdb', ['-D', data, '-U', 'postgres', '-A', 'trust', '--no-sync', '-E', 'UTF8', '--locale=C.UTF-8']);
  const options = [
    `-p ${port}`,
    "-c listen_addresses='127.0.0.1'",
    `-c unix_socket_directories='${dir}'`,
    '-c max_connections=60',
  ].join(' ');
  const cluster: PrivateCluster = {
    port,
    dir,
    url: (name = 'postgres') => `postgres://postgres@127.0.0.1:${port}/${name}`,
    async start() {
      await exec('pg_ctl', ['start', '-D', data, '-l', log, '-w', '-t', '60', '-o', options]);
      up = true;
    },
    async stop(mode) {
      await exec('pg_ctl', ['stop', '-D', data, '-m', mode, '-w', '-t', '60']);
      up = false;
    },
    running: () => up,
    async destroy() {
      if (destroyed) return;
      destroyed = true;
      process.off('exit', onExit);
      if (up) await cluster.stop('immediate').catch(() => {});
      await rm(dir, { recursive: true, force: true });
    },
  };
  // Should the test runner itself die, do not leave a postmaster behind.
  const onExit = () => {
    if (destroyed) return;
    const [file, argv] = cmd('pg_ctl', ['stop', '-D', data, '-m', 'immediate']);
    spawnSync(file, argv, { timeout: 10_000 });
  };
  process.on('exit', onExit);
  try {
    await cluster.start();
  } catch (error) {
    await cluster.destroy();
    throw error;
  }
  return cluster;
}

/** Creates a database on the cluster and returns its URL. */
export async function createDatabase(cluster: PrivateCluster, name: string): Promise<string> {
  const admin = new pg.Client({ connectionString: cluster.url() });
  await admin.connect();
  try {
    await admin.query(`CREATE DATABASE ${name}`);
  } finally {
    await admin.end();
  }
  return cluster.url(name);
}
