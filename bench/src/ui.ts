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

const defaultDist = path.join(repoRoot, 'admin-ui', 'dist');
const GOAL_BYTES = 450_000;

/** The list measured: the Graduate Office's queue, as its dashboard card's "see all" opens it. */
const USERNAME = 'graduate.office';
const LIST_ROUTE = `/#/requests?filter=${encodeURIComponent(JSON.stringify({ queue: 'graduate_officer' }))}`;
/**
 * A data row of react-admin's DataTable (the request list at desktop width); the header row and the
 * loading placeholder's rows carry RaDataTable-row too, but are not in its tbody.
 */
const ROW = '.RaDataTable-tbody .RaDataTable-row';

interface UiBenchConfig {
  runs: number;
  build: boolean;
  /** The UI build measured: admin-ui/dist, built first; or another (BENCH_UI_DIST, e.g. an older release's). */
  distDir: string;
  /** Where the results go: bench/results/ui.json, unless BENCH_UI_RESULTS names another file. */
  resultsFile: string;
  databaseUrl: string | undefined;
  chromium: string;
  /** BENCH_UI_NETWORK=<latency ms>,<kbit/s>: Chromium's network emulation on every page; none by default. */
  network: { latencyMs: number; kbitPerSecond: number } | undefined;
}

function networkSetting(raw: string | undefined): UiBenchConfig['network'] {
  if (!raw) return undefined;
  const [latencyMs, kbitPerSecond] = raw.split(',').map((x) => Number(x.trim()));
  if (!Number.isFinite(latencyMs) || latencyMs! < 0 || !Number.isFinite(kbitPerSecond) || kbitPerSecond! <= 0) {
    throw new Error(`BENCH_UI_NETWORK must be "<latency ms>,<kbit/s>", e.g. "100,10000", not ${raw}`);
  }
  return { latencyMs: latencyMs!, kbitPerSecond: kbitPerSecond! };
}

function loadConfig(): UiBenchConfig {
  const runs = Number(process.env.BENCH_UI_RUNS ?? 5);
  if (!Number.isInteger(runs) || runs < 1) throw new Error(`BENCH_UI_RUNS must be a whole number ≥ 1`);
  return {
    runs,
    build: !process.env.BENCH_UI_DIST && !['1', 'true'].includes(process.env.BENCH_UI_SKIP_BUILD ?? ''),
    distDir: path.resolve(process.env.BENCH_UI_DIST || defaultDist),
    resultsFile: path.resolve(process.env.BENCH_UI_RESULTS || path.join(benchDir, 'results', 'ui.json')),
    databaseUrl: process.env.BENCH_UI_DATABASE_URL || undefined,
    chromium: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium',
    network: networkSetting(process.env.BENCH_UI_NETWORK),
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
  /** Each run; `cold`/`warm` say what the page had fetched by the first row (ms from navigation start). */
  runs: Array<{ coldMs: number; warmMs: number; rows: number; cold: FirstRow; warm: FirstRow }>;
  /** Every JS chunk of the build, largest first. */
  chunks: Chunk[];
  build: { jsFiles: number; jsBytes: number; jsGzipBytes: number; seconds: number | null };
  setup: { dist: string; database: string; server: string; browser: string; viewport: string; network: string };
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

async function chunksOfBuild(distDir: string): Promise<Chunk[]> {
  const assetsDir = path.join(distDir, 'assets');
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
    requestAnimationFrame(() => {
      const at = performance.now();
      const resources = performance.getEntriesByType('resource');
      const scripts = resources.filter((r) => new URL(r.name).pathname.endsWith('.js'));
      const api = resources.filter((r) => new URL(r.name).pathname.startsWith('/api/'));
      const nav = performance.getEntriesByType('navigation')[0];
      const last = (xs) => Math.max(0, ...xs.map((r) => r.responseEnd));
      window.__firstRow = {
        at,
        domContentLoadedMs: nav ? nav.domContentLoadedEventEnd : 0,
        scripts: scripts.length,
        scriptsDoneMs: last(scripts),
        apiCalls: api.length,
        apiDoneMs: last(api),
      };
    });
  });
  observer.observe(document, { childList: true, subtree: true });
})();`;

/** When the first row was painted, and what the page had fetched by then (ms from navigation start). */
interface FirstRow {
  at: number;
  domContentLoadedMs: number;
  scripts: number;
  scriptsDoneMs: number;
  apiCalls: number;
  apiDoneMs: number;
}

async function firstRow(page: Page): Promise<FirstRow> {
  const handle = await page.waitForFunction(() => (window as unknown as { __firstRow?: FirstRow }).__firstRow, null, {
    timeout: 60_000,
    polling: 50,
  });
  const raw = (await handle.jsonValue()) as FirstRow;
  const round = (n: number) => Math.round(n * 10) / 10;
  return {
    at: round(raw.at),
    domContentLoadedMs: round(raw.domContentLoadedMs),
    scripts: raw.scripts,
    scriptsDoneMs: round(raw.scriptsDoneMs),
    apiCalls: raw.apiCalls,
    apiDoneMs: round(raw.apiDoneMs),
  };
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

/** A page whose traffic goes through Chromium's network emulation when BENCH_UI_NETWORK asks for it. */
async function openPage(context: BrowserContext, network: UiBenchConfig['network']): Promise<Page> {
  const page = await context.newPage();
  if (network) {
    const cdp = await context.newCDPSession(page);
    await cdp.send('Network.enable');
    const bytesPerSecond = (network.kbitPerSecond * 1000) / 8;
    await cdp.send('Network.emulateNetworkConditions', {
      offline: false,
      latency: network.latencyMs,
      downloadThroughput: bytesPerSecond,
      uploadThroughput: bytesPerSecond,
    });
  }
  return page;
}

/**
 * A fresh profile: the list's address, the login page it is sent to, the login, back on the list. Scripts
 * fetched before the login is submitted count as `login` (the app fetches the screen the address names
 * ahead, while the login page shows), the rest as `list`.
 */
async function measureFirstLoad(browser: Browser, baseURL: string, network: UiBenchConfig['network']) {
  const context = await newContext(browser, baseURL);
  const page = await openPage(context, network);
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
  network: UiBenchConfig['network'],
) {
  const context = await newContext(browser, baseURL, storageState);
  await context.addInitScript(WATCH_FIRST_ROW);
  const page = await openPage(context, network);
  await page.goto(LIST_ROUTE);
  const cold = await firstRow(page);
  const rows = await page.locator(ROW).count();
  if (!page.url().includes('#/requests')) throw new Error(`the list's address led to ${page.url()}`);
  // A returning officer: the hashed chunks come from the cache without asking (immutable), index.html is
  // revalidated.
  await page.reload();
  const warm = await firstRow(page);
  await context.close();
  return { coldMs: cold.at, warmMs: warm.at, rows, cold, warm };
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
  const { distDir } = config;
  if (!existsSync(path.join(distDir, 'index.html'))) throw new Error(`no UI build in ${distDir}`);
  const chunks = await chunksOfBuild(distDir);

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

    const first = await measureFirstLoad(browser, server.url, config.network);
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
      const run = await measureTimeToList(browser, server.url, first.storageState, config.network);
      runs.push(run);
      log(
        `run ${i + 1}/${config.runs}: first row after ${run.coldMs} ms (cold cache: scripts done at ${run.cold.scriptsDoneMs} ms, ${run.cold.apiCalls} API calls done at ${run.cold.apiDoneMs} ms), ${run.warmMs} ms (warm); ${run.rows} rows`,
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
        dist: path.relative(repoRoot, distDir) || distDir,
        database: config.databaseUrl ? 'PostgreSQL (BENCH_UI_DATABASE_URL)' : 'embedded (PGlite), demo data',
        server: 'the API (node api/src/server.ts) serving admin-ui/dist on 127.0.0.1',
        browser: `Chromium ${browser.version()}, headless`,
        viewport: '1280×800, fa-IR',
        network: config.network
          ? `loopback through Chromium's emulation: ${config.network.latencyMs} ms latency, ${config.network.kbitPerSecond} kbit/s`
          : 'loopback, not throttled',
      },
      machine: machine(),
    };
    const file = config.resultsFile;
    await mkdir(path.dirname(file), { recursive: true });
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
