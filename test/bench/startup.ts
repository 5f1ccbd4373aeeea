/**
 * Start-up benchmark: start-up time of the start command's server on an existing data directory,
 * resident memory when idle, and one login's latency. Run with `pnpm bench:startup`; results are
 * printed as Markdown and written to docs/benchmarks/startup.json.
 */
import { spawn } from 'node:child_process';
import { mkdir, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { freePort, repoRoot } from '../support/server.ts';

const RUNS = Number(process.env.BENCH_RUNS ?? 5);
const LOGINS = Number(process.env.BENCH_LOGINS ?? 20);

async function startOnce(dataDir: string) {
  const port = await freePort();
  const t0 = performance.now();
  const child = spawn(process.execPath, ['--import', 'tsx', 'src/server.ts'], {
    cwd: path.join(repoRoot, 'api'),
    env: {
      PATH: process.env.PATH ?? '',
      PORT: String(port),
      DATA_DIR: dataDir,
      LOG_LEVEL: 'warn',
      UI_DIR: '/nonexistent',
    },
    stdio: 'ignore',
  });
  const url = `http://127.0.0.1:${port}`;
  for (;;) {
    try {
      if ((await fetch(`${url}/api/health`)).ok) break;
    } catch {}
    if (child.exitCode !== null) throw new Error('server exited');
    await new Promise((r) => setTimeout(r, 20));
  }
  return { child, url, startupMs: performance.now() - t0 };
}

async function rssMiB(pid: number): Promise<number> {
  const status = await readFile(`/proc/${pid}/status`, 'utf8');
  const kb = Number(/VmRSS:\s+(\d+)/.exec(status)?.[1] ?? Number.NaN);
  return kb / 1024;
}

const pct = (xs: number[], p: number) =>
  [...xs].sort((a, b) => a - b)[Math.min(xs.length - 1, Math.floor((p / 100) * xs.length))] ?? Number.NaN;

const dataDir = await mkdtemp(path.join(os.tmpdir(), 'dd-bench-'));
try {
  const first = await startOnce(dataDir);
  first.child.kill('SIGTERM');
  await new Promise((r) => first.child.once('exit', r));

  const startups: number[] = [];
  let idleRss = 0;
  const logins: number[] = [];
  for (let i = 0; i < RUNS; i++) {
    const run = await startOnce(dataDir);
    startups.push(run.startupMs);
    if (i === RUNS - 1) {
      await new Promise((r) => setTimeout(r, 3_000));
      idleRss = await rssMiB(run.child.pid!);
      for (let j = 0; j < LOGINS; j++) {
        const t = performance.now();
        const res = await fetch(`${run.url}/api/auth/login`, {
          method: 'POST',
          headers: { 'content-type': 'application/json' },
          body: JSON.stringify({ username: 'auditor', password: 'demo-pass-1405' }),
        });
        if (!res.ok) throw new Error(`login failed: ${res.status}`);
        logins.push(performance.now() - t);
      }
    }
    run.child.kill('SIGTERM');
    await new Promise((r) => run.child.once('exit', r));
  }
  const result = {
    measuredAt: new Date().toISOString(),
    machine: {
      cpus: os.cpus().length,
      cpuModel: os.cpus()[0]?.model,
      memGiB: Math.round(os.totalmem() / 2 ** 30),
      node: process.version,
    },
    database: 'embedded PGlite, existing data directory',
    startupMs: { runs: startups.map(Math.round), median: Math.round(pct(startups, 50)) },
    idleRssMiB: Math.round(idleRss),
    loginMs: { n: logins.length, p50: Math.round(pct(logins, 50)), p95: Math.round(pct(logins, 95)) },
  };
  await mkdir(path.join(repoRoot, 'docs', 'benchmarks'), { recursive: true });
  await writeFile(path.join(repoRoot, 'docs', 'benchmarks', 'startup.json'), `${JSON.stringify(result, null, 2)}\n`);
  process.stdout.write(
    [
      '| measure | value |',
      '|---|---|',
      `| start-up on an existing data dir (median of ${RUNS}) | ${result.startupMs.median} ms |`,
      `| resident memory, idle | ${result.idleRssMiB} MiB |`,
      `| one login (argon2id 19 MiB, t=2), p50 / p95 of ${LOGINS} | ${result.loginMs.p50} / ${result.loginMs.p95} ms |`,
      '',
    ].join('\n'),
  );
} finally {
  await rm(dataDir, { recursive: true, force: true });
}
