import { type ChildProcess, spawn } from 'node:child_process';
import { readFile } from 'node:fs/promises';
import { createServer } from 'node:net';
import path from 'node:path';
import { Worker } from 'node:worker_threads';
import { repoRoot } from './config.ts';

export const DEMO_PASSWORD = 'demo-pass-1405';

export async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const srv = createServer();
    srv.once('error', reject);
    srv.listen(0, '127.0.0.1', () => {
      const address = srv.address();
      srv.close(() => (typeof address === 'object' && address ? resolve(address.port) : reject(new Error('no port'))));
    });
  });
}

export interface ApiServer {
  url: string;
  origin: string;
  /** The server's own node process: spawned directly, no pnpm or shell in between. */
  pid: number;
  output(): string;
  stop(): Promise<void>;
}

/**
 * Starts the real API (`node --import tsx api/src/server.ts`, the api package's start command without the
 * pnpm wrapper) on its own port, and waits for /api/health.
 */
export async function startApi(env: Record<string, string>): Promise<ApiServer> {
  const port = await freePort();
  const child: ChildProcess = spawn(process.execPath, ['--import', 'tsx', 'src/server.ts'], {
    cwd: path.join(repoRoot, 'api'),
    env: {
      PATH: process.env.PATH ?? '',
      HOME: process.env.HOME ?? '/tmp',
      PORT: String(port),
      HOST: '127.0.0.1',
      LOG_LEVEL: 'warn',
      UI_DIR: '/nonexistent',
      ...env,
    },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let output = '';
  const keep = (chunk: Buffer) => {
    output = (output + chunk.toString()).slice(-20_000);
  };
  child.stdout?.on('data', keep);
  child.stderr?.on('data', keep);
  const url = `http://127.0.0.1:${port}`;
  const deadline = Date.now() + 120_000;
  for (;;) {
    try {
      if ((await fetch(`${url}/api/health`)).ok) break;
    } catch {}
    if (child.exitCode !== null) throw new Error(`the API exited with ${child.exitCode}:\n${output}`);
    if (Date.now() > deadline) {
      child.kill('SIGKILL');
      throw new Error(`the API did not answer /api/health within 120 s:\n${output}`);
    }
    await new Promise((r) => setTimeout(r, 50));
  }
  return {
    url,
    origin: url,
    pid: child.pid!,
    output: () => output,
    async stop() {
      if (child.exitCode !== null || child.signalCode !== null) return;
      const exited = new Promise((r) => child.once('exit', r));
      child.kill('SIGTERM');
      const timer = setTimeout(() => child.kill('SIGKILL'), 10_000);
      await exited;
      clearTimeout(timer);
    },
  };
}

/** Logs in and returns the `Cookie` header value. */
export async function login(server: ApiServer, username: string, password = DEMO_PASSWORD): Promise<string> {
  const res = await fetch(`${server.url}/api/auth/login`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', origin: server.origin },
    body: JSON.stringify({ username, password }),
  });
  if (res.status !== 200) throw new Error(`login ${username}: ${res.status} ${await res.text()}`);
  const cookie = res.headers
    .getSetCookie()
    .map((c) => c.split(';')[0]!)
    .find((c) => c.startsWith('dd_session='));
  if (!cookie) throw new Error(`login ${username}: no session cookie`);
  return cookie;
}

/** Resident memory of a process in MiB, from /proc/<pid>/status. */
export async function rssMiB(pid: number): Promise<number> {
  const status = await readFile(`/proc/${pid}/status`, 'utf8');
  const kb = Number(/VmRSS:\s+(\d+)/.exec(status)?.[1] ?? Number.NaN);
  return kb / 1024;
}

/** Checks that the pid is a node process running the API (not a shell or pnpm wrapper). */
export async function describeProcess(pid: number): Promise<string> {
  const cmdline = (await readFile(`/proc/${pid}/cmdline`, 'utf8')).split('\0').filter(Boolean);
  if (!/node$/.test(cmdline[0] ?? '') || !cmdline.includes('src/server.ts')) {
    throw new Error(`pid ${pid} is not the API's node process: ${cmdline.join(' ')}`);
  }
  return cmdline.join(' ');
}

/** The sampler's own thread: a busy event loop in the bench (uploads being sent) must not delay it. */
const SAMPLER = `
const { readFileSync } = require('node:fs');
const { workerData } = require('node:worker_threads');
const { pid, intervalMs, shared } = workerData;
const state = new Int32Array(shared); // [stop, peak kB, samples]
const sleeper = new Int32Array(new SharedArrayBuffer(4));
while (Atomics.load(state, 0) === 0) {
  try {
    const kb = Number(/VmRSS:\\s+(\\d+)/.exec(readFileSync('/proc/' + pid + '/status', 'utf8'))[1]);
    if (kb > Atomics.load(state, 1)) Atomics.store(state, 1, kb);
    Atomics.add(state, 2, 1);
  } catch {}
  Atomics.wait(sleeper, 0, 0, intervalMs);
}
`;

/** Samples VmRSS every `intervalMs` on a worker thread until stopped; returns the peak and the samples' count. */
export function sampleRss(pid: number, intervalMs = 20) {
  const shared = new SharedArrayBuffer(12);
  const state = new Int32Array(shared);
  const worker = new Worker(SAMPLER, { eval: true, workerData: { pid, intervalMs, shared } });
  const started = performance.now();
  return {
    async stop() {
      Atomics.store(state, 0, 1);
      await new Promise((r) => worker.once('exit', r));
      const samples = Atomics.load(state, 2);
      return {
        peakMiB: Atomics.load(state, 1) / 1024,
        samples,
        meanIntervalMs: Math.round(((performance.now() - started) / Math.max(samples, 1)) * 10) / 10,
      };
    },
  };
}
