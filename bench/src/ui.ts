/**
 * `pnpm bench:ui`: the admin UI's production bundle as a browser gets it (issue 6, part 3). Builds the UI,
 * serves it from the real API (embedded database with the demo data, or BENCH_UI_DATABASE_URL), and in
 * headless Debian Chromium (playwright-core):
 * - first-load JS: a fresh browser profile opens the Graduate Office's request queue, is sent to the login
 *   page, logs in and is brought back to the queue; every JS file fetched until the list's first row shows,
 *   counted by the gzip size of its body (zlib level 9, as the build's .gz copies) and by the bytes that
 *   crossed the wire (brotli when the server sends the build's .br);
 * - time to first rendered list: logged in, a fresh profile (empty cache) navigates to the queue; navigation
 *   start → the list's first row in the page and painted, median of BENCH_UI_RUNS runs; then the same
 *   with the cache those runs filled (a reload), for the figure a returning officer sees.
 * Writes bench/results/ui.json, which `pnpm bench` puts in its goals table. See bench/README.md.
 */
import { spawn } from 'node:child_process';
import { existsSync } from 'node:fs';
import { mkdir, mkdtemp, readdir, readFile, rm, stat, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { gzipSync } from 'node:zlib';
import { type Browser, type BrowserContext, chromium, type Page } from 'playwright-core';
import { benchDir, machine, repoRoot } from './config.ts';
import { log } from './database.ts';
import { DEMO_PASSWORD, startApi } from './server.ts';

const distDir = path.join(repoRoot, 'admin-ui', 'dist');
const assetsDir = path.join(distDir, 'assets');
const GOAL_BYTES = 450_000;

/** The list measured: the Graduate Office's queue, as its dashboard card's "see all" opens it. */
const USERNAME = 'graduate.office';
const LIST_ROUTE = `/#/requests?filter=${encodeURIComponent(JSON.stringify({ queue: 'graduate_officer' }))}`;
/** A data row of react-admin's DataTable (the request list at desktop width). */
const ROW = '.RaDataTable-row';

interface UiBenchConfig {
  runs: number;
  build: boolean;
  databaseUrl: string | undefined;
  chromium: string;
  resultsDir: string;
}

function loadConfig(): UiBenchConfig {
  const runs = Number(process.env.BENCH_UI_RUNS ?? 5);
  if (!Number.isInteger(runs) || runs < 1) throw new Error(`BENCH_UI_RUNS must be a whole number ≥ 1`);
  return {
    runs,
    build: !['1', 'true'].includes(process.env.BENCH_UI_SKIP_BUILD ?? ''),
    databaseUrl: process.env.BENCH_UI_DATABASE_URL || undefined,
    chromium: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium',
    resultsDir: path.join(benchDir, 'results'),
  };
}

export interface Chunk {
  file: string;
  bytes: number;
  gzipBytes: number;
  brotliBytes: number | null;
  /** When the measured first visit fetched it: on the login page, on the way to the list, or not at all. */
  loaded: 'login' | 'list' | null;
}

export interface FetchedScript {
  file: string;
  phase: 'login' | 'list';
  bytes: number;
  gzipBytes: number;
  /** The response body's bytes on the wire, and the Content-Encoding they came in. */
  transferredBytes: number;
  encoding: string;
  cacheControl: string;
}

export interface UiResults {
  measuredAt: string;
  /** Sum of the gzip sizes of every JS file the first visit fetched (login page, then the first list). */
  firstLoadJsGzipBytes: number;
  firstLoadJsGzipKB: number;
  goal: { limitBytes: number; met: boolean };
  firstLoad: {
    route: string;
    user: string;
    login: { files: number; bytes: number; gzipBytes: number; transferredBytes: number };
    list: { files: number; bytes: number; gzipBytes: number; transferredBytes: number };
    total: { files: number; bytes: number; gzipBytes: number; transferredBytes: number };
    scripts: FetchedScript[];
  };
  /** Median of `runs` (cold: a fresh profile each), navigation start → first row of the list painted. */
  timeToFirstListMs: number;
  /** The same after a reload with the cache the cold run filled. */
  timeToFirstListWarmMs: number;
  runs: Array<{ coldMs: number; warmMs: number; rows: number }>;
  /** Every JS chunk of the build, largest first. */
  chunks: Chunk[];
  build: { jsFiles: number; jsBytes: number; jsGzipBytes: number; seconds: number | null };
  setup: { database: string; server: string; browser: string; viewport: string; network: string };
  machine: ReturnType<typeof machine>;
}

async function buildUi(): Promise<number> {
  log('building the admin UI (pnpm --filter @diploma-desk/admin-ui build)…');
  const started = performance.now();
  await new Promise<void>((resolve, reject) => {
    const child = spawn('pnpm', ['--filter', '@diploma-desk/admin-ui', 'build'], {
      cwd: repoRoot,
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let output = '';
    child.stdout.on('data', (d) => {
      output += d;
    });
    child.stderr.on('data', (d) => {
      output += d;
    });
    child.once('error', reject);
    child.once('exit', (code) =>
      code === 0 ? resolve() : reject(new Error(`the UI build failed (${code}):\n${output}`)),
    );
  });
  return Math.round((performance.now() - started) / 100) / 10;
}

async function chunksOfBuild(): Promise<Chunk[]> {
  const files = (await readdir(assetsDir)).filter((f) => f.endsWith('.js'));
  const chunks: Chunk[] = [];
  for (const file of files) {
    const data = await readFile(path.join(assetsDir, file));
    const br = path.join(assetsDir, `${file}.br`);
    chunks.push({
      file,
      bytes: data.length,
      gzipBytes: gzipSync(data, { level: 9 }).length,
      brotliBytes: existsSync(br) ? (await stat(br)).size : null,
      loaded: null,
    });
  }
  return chunks.sort((a, b) => b.bytes - a.bytes);
}

async function launch(executablePath: string): Promise<Browser> {
  return chromium.launch({
    executablePath,
    args: [
      '--headless',
      '--no-sandbox',
      '--disable-gpu',
      '--disable-background-networking',
      '--disable-component-update',
      '--no-first-run',
    ],
  });
}

const newContext = (
  browser: Browser,
  baseURL: string,
  storageState?: Awaited<ReturnType<BrowserContext['storageState']>>,
) => browser.newContext({ baseURL, viewport: { width: 1280, height: 800 }, locale: 'fa-IR', storageState });

/**
 * Put into the page before its scripts: notes performance.now() at the first animation frame after a list
 * row is in the document, i.e. when the row is painted. Navigation start is the page's time origin. A
 * string, not a function: tsx's transform would add helpers to a function's source that the page lacks.
 */
const WATCH_FIRST_ROW = `(() => {
  const selector = ${JSON.stringify(ROW)};
  const observer = new MutationObserver(() => {
    if (window.__firstRowSeen || !document.querySelector(selector)) return;
    window.__firstRowSeen = true;
    observer.disconnect();
    requestAnimationFrame(() => { window.__firstRowAt = performance.now(); });
  });
  observer.observe(document, { childList: true, subtree: true });
})();`;

async function firstRowAt(page: Page): Promise<number> {
  const handle = await page.waitForFunction(() => (window as unknown as { __firstRowAt?: number }).__firstRowAt, null, {
    timeout: 60_000,
    polling: 50,
  });
  return Math.round(((await handle.jsonValue()) as number) * 10) / 10;
}

/** Waits until no request of the page has been in flight for `quietMs`. */
async function networkQuiet(page: Page, inFlight: () => number, quietMs = 500, timeoutMs = 30_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  let quietSince = Date.now();
  while (Date.now() < deadline) {
    if (inFlight() > 0) quietSince = Date.now();
    else if (Date.now() - quietSince >= quietMs) return;
    await page.waitForTimeout(50);
  }
  throw new Error('the page did not stop loading');
}

const sum = (xs: FetchedScript[]) => ({
  files: xs.length,
  bytes: xs.reduce((a, s) => a + s.bytes, 0),
  gzipBytes: xs.reduce((a, s) => a + s.gzipBytes, 0),
  transferredBytes: xs.reduce((a, s) => a + s.transferredBytes, 0),
});

/** A fresh profile: the list's address, the login page it is sent to, the login, back on the list. */
async function measureFirstLoad(browser: Browser, baseURL: string) {
  const context = await newContext(browser, baseURL);
  const page = await context.newPage();
  let phase: 'login' | 'list' = 'login';
  let pending = 0;
  const reads: Array<Promise<FetchedScript | undefined>> = [];
  page.on('request', () => {
    pending += 1;
  });
  page.on('requestfinished', () => {
    pending -= 1;
  });
  page.on('requestfailed', () => {
    pending -= 1;
  });
  page.on('response', (response) => {
    const url = new URL(response.url());
    if (url.origin !== new URL(baseURL).origin || !url.pathname.endsWith('.js')) return;
    const at = phase;
    reads.push(
      (async () => {
        const body = await response.body();
        const sizes = await response.request().sizes();
        const headers = await response.allHeaders();
        if (response.status() !== 200) throw new Error(`${url.pathname}: ${response.status()}`);
        return {
          file: path.basename(url.pathname),
          phase: at,
          bytes: body.length,
          gzipBytes: gzipSync(body, { level: 9 }).length,
          transferredBytes: sizes.responseBodySize,
          encoding: headers['content-encoding'] ?? 'identity',
          cacheControl: headers['cache-control'] ?? '',
        };
      })(),
    );
  });
  await page.goto(LIST_ROUTE);
  await page.locator('input[name="username"]').waitFor();
  await networkQuiet(page, () => pending);
  phase = 'list';
  await page.locator('input[name="username"]').fill(USERNAME);
  await page.locator('input[name="password"]').fill(DEMO_PASSWORD);
  await page.locator('button[type="submit"]').click();
  await page.locator(ROW).first().waitFor({ state: 'visible', timeout: 60_000 });
  await networkQuiet(page, () => pending);
  if (!page.url().includes('#/requests')) throw new Error(`after login the page is ${page.url()}, not the list`);
  const scripts = (await Promise.all(reads)).filter((s): s is FetchedScript => s !== undefined);
  const storageState = await context.storageState();
  await context.close();
  return { scripts, storageState };
}

async function measureTimeToList(
  browser: Browser,
  baseURL: string,
  storageState: Awaited<ReturnType<BrowserContext['storageState']>>,
) {
  const context = await newContext(browser, baseURL, storageState);
  await context.addInitScript(WATCH_FIRST_ROW);
  const page = await context.newPage();
  await page.goto(LIST_ROUTE);
  const coldMs = await firstRowAt(page);
  const rows = await page.locator(ROW).count();
  if (!page.url().includes('#/requests')) throw new Error(`the list's address led to ${page.url()}`);
  // A returning officer: the hashed chunks come from the cache without asking (immutable), index.html is
  // revalidated.
  await page.reload();
  const warmMs = await firstRowAt(page);
  await context.close();
  return { coldMs, warmMs, rows };
}

const median = (xs: number[]) => {
  const s = [...xs].sort((a, b) => a - b);
  const mid = Math.floor(s.length / 2);
  return s.length % 2 ? s[mid]! : Math.round(((s[mid - 1]! + s[mid]!) / 2) * 10) / 10;
};

async function main() {
  const config = loadConfig();
  const measuredAt = new Date().toISOString();
  const buildSeconds = config.build ? await buildUi() : null;
  if (!existsSync(path.join(distDir, 'index.html'))) throw new Error(`no UI build in ${distDir}`);
  const chunks = await chunksOfBuild();

  const dataDir = await mkdtemp(path.join(os.tmpdir(), 'dd-bench-ui-'));
  const server = await startApi({
    UI_DIR: distDir,
    DATA_DIR: dataDir,
    INIT_CWD: dataDir,
    DEMO_DATA: 'true',
    ...(config.databaseUrl ? { DATABASE_URL: config.databaseUrl } : {}),
  });
  let browser: Browser | undefined;
  try {
    browser = await launch(config.chromium);
    log(
      `API at ${server.url} (${config.databaseUrl ? 'PostgreSQL' : 'embedded database, demo data'}), Chromium ${browser.version()}`,
    );

    const first = await measureFirstLoad(browser, server.url);
    for (const s of first.scripts) {
      const chunk = chunks.find((c) => c.file === s.file);
      if (chunk && chunk.loaded === null) chunk.loaded = s.phase;
    }
    const login = sum(first.scripts.filter((s) => s.phase === 'login'));
    const list = sum(first.scripts.filter((s) => s.phase === 'list'));
    const total = sum(first.scripts);
    log(
      `first load: login page ${login.files} JS files, ${(login.gzipBytes / 1000).toFixed(1)} kB gzip; the list adds ${list.files}, ${(list.gzipBytes / 1000).toFixed(1)} kB; in all ${(total.gzipBytes / 1000).toFixed(1)} kB gzip (${(total.transferredBytes / 1000).toFixed(1)} kB on the wire)`,
    );

    const runs: UiResults['runs'] = [];
    for (let i = 0; i < config.runs; i++) {
      const run = await measureTimeToList(browser, server.url, first.storageState);
      runs.push(run);
      log(
        `run ${i + 1}/${config.runs}: first row after ${run.coldMs} ms (cold cache), ${run.warmMs} ms (warm); ${run.rows} rows`,
      );
    }

    const results: UiResults = {
      measuredAt,
      firstLoadJsGzipBytes: total.gzipBytes,
      firstLoadJsGzipKB: Math.round(total.gzipBytes / 100) / 10,
      goal: { limitBytes: GOAL_BYTES, met: total.gzipBytes <= GOAL_BYTES },
      firstLoad: { route: LIST_ROUTE, user: USERNAME, login, list, total, scripts: first.scripts },
      timeToFirstListMs: median(runs.map((r) => r.coldMs)),
      timeToFirstListWarmMs: median(runs.map((r) => r.warmMs)),
      runs,
      chunks,
      build: {
        jsFiles: chunks.length,
        jsBytes: chunks.reduce((a, c) => a + c.bytes, 0),
        jsGzipBytes: chunks.reduce((a, c) => a + c.gzipBytes, 0),
        seconds: buildSeconds,
      },
      setup: {
        database: config.databaseUrl ? 'PostgreSQL (BENCH_UI_DATABASE_URL)' : 'embedded (PGlite), demo data',
        server: 'the API (node api/src/server.ts) serving admin-ui/dist on 127.0.0.1',
        browser: `Chromium ${browser.version()}, headless`,
        viewport: '1280×800, fa-IR',
        network: 'loopback, not throttled',
      },
      machine: machine(),
    };
    await mkdir(config.resultsDir, { recursive: true });
    const file = path.join(config.resultsDir, 'ui.json');
    await writeFile(file, `${JSON.stringify(results, null, 2)}\n`);
    process.stdout.write(
      `\nfirst-load JS: ${results.firstLoadJsGzipKB} kB gzip (goal ≤ ${GOAL_BYTES / 1000} kB: ${results.goal.met ? 'met' : 'not met'})\n` +
        `time to first list: ${results.timeToFirstListMs} ms median of ${runs.length} (cold cache), ${results.timeToFirstListWarmMs} ms (warm)\n` +
        `written: ${file}\n`,
    );
  } finally {
    await browser?.close();
    await server.stop();
    await rm(dataDir, { recursive: true, force: true });
  }
}

main().then(
  () => process.exit(0),
  (error: unknown) => {
    process.stderr.write(
      `bench:ui failed: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`,
    );
    process.exit(1);
  },
);
