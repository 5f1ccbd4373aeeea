import { mkdir, readFile } from 'node:fs/promises';
import path from 'node:path';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { launchBrowser } from '../support/browser.ts';
import { type RunningServer, startServer } from '../support/server.ts';
import {
  DEMO_ACCOUNTS,
  en,
  fa,
  interpolated,
  LANGUAGE_NAMES,
  type Lang,
  logIn,
  newContext,
  notification,
  plural,
} from './helpers.ts';

/**
 * The Graduate Office exports its filtered request list as CSV from the list's toolbar: the choice of format,
 * the progress against the server's row count, the file named by list and Solar Hijri day, and the file's rows
 * exactly the list's. Then in English: the graduate list as a workbook, and an export cancelled midway.
 * Screenshots of the toolbar, the menu and the progress in both languages go to SHOT_DIR (out of git).
 */
const SHOT_DIR = process.env.SHOT_DIR ?? '/tmp/export-screens';
const LONG = { timeout: 30_000 };
const officer = DEMO_ACCOUNTS.find((a) => a.role === 'graduate_officer')!;
const FILTER = { stage: 'submitted' };

let server: RunningServer;
let browser: Browser;
let context: BrowserContext;
let page: Page;

beforeAll(async () => {
  server = await startServer();
  browser = await launchBrowser();
  context = await newContext(browser, server.url);
  page = await context.newPage();
  await mkdir(SHOT_DIR, { recursive: true });
});
afterAll(async () => {
  await browser?.close();
  await server?.stop();
});

const main = () => page.getByRole('main');
/** A screenshot once fonts are in and transitions (a menu opening) have ended. */
async function shot(name: string): Promise<void> {
  await page.evaluate(async () => {
    await document.fonts.ready;
    const finite = document
      .getAnimations()
      .filter((animation) => Number.isFinite(animation.effect?.getComputedTiming().endTime ?? Infinity));
    await Promise.all(finite.map((animation) => animation.finished.catch(() => undefined)));
  });
  await page.screenshot({ path: path.join(SHOT_DIR, `${name}.png`) });
}

async function switchLanguage(from: Lang, to: Lang): Promise<void> {
  await page.getByRole('banner').getByRole('button', { name: LANGUAGE_NAMES[from], exact: true }).click();
  await page.getByRole('menuitem', { name: LANGUAGE_NAMES[to], exact: true }).click();
}

/** Holds the export's answer back until released, so that the progress can be seen without racing it. */
async function holdExport(glob: string) {
  let release = () => {};
  const released = new Promise<void>((resolve) => {
    release = resolve;
  });
  await page.route(glob, async (route) => {
    const response = await route.fetch();
    const body = await response.body();
    await released;
    await route.fulfill({ response, body }).catch(() => undefined);
  });
  return () => release();
}

/** The ids of a list for a filter, in the list's default order, as the API answers them. */
async function listIds(list: string, filter: object, sort: [string, string]): Promise<string[]> {
  const query = new URLSearchParams({
    filter: JSON.stringify(filter),
    sort: JSON.stringify(sort),
    range: JSON.stringify([0, 499]),
  });
  const res = await context.request.get(`/api/${list}?${query}`);
  expect(res.status()).toBe(200);
  return ((await res.json()) as Array<{ id: string }>).map((r) => r.id);
}

/** Today in Tehran as the file name writes it: Solar Hijri, Latin digits (1405-09-07). */
function solarToday(): string {
  const format = new Intl.DateTimeFormat('en-US-u-ca-persian-nu-latn', {
    timeZone: 'Asia/Tehran',
    year: 'numeric',
    month: '2-digit',
    day: '2-digit',
  });
  const p = Object.fromEntries(format.formatToParts(new Date()).map((part) => [part.type, part.value]));
  return `${String(p.year).replace(/\D/g, '')}-${p.month}-${p.day}`;
}

describe('exporting the office lists', () => {
  it('exports the filtered request list as CSV in Persian, with progress, every row of the list', async () => {
    await logIn(page, officer);
    await page.goto(`/#/requests?filter=${encodeURIComponent(JSON.stringify(FILTER))}`);
    const ids = await listIds('requests', FILTER, ['stageEnteredAt', 'ASC']);
    expect(ids.length).toBeGreaterThan(0);
    await main().getByRole('row').nth(1).waitFor(LONG);
    const exportButton = main().getByRole('button', { name: fa.list_exports.button, exact: true });
    await exportButton.click();
    await page.getByRole('menuitem', { name: fa.list_exports.xlsx, exact: true }).waitFor();
    await shot('fa-requests-export-menu');

    const release = await holdExport('**/api/requests/export.csv?*');
    const downloading = page.waitForEvent('download');
    await page.getByRole('menuitem', { name: fa.list_exports.csv, exact: true }).click();
    await main().getByRole('progressbar', { name: fa.list_exports.button, exact: true }).waitFor();
    await main().getByRole('button', { name: fa.list_exports.cancel, exact: true }).waitFor();
    await shot('fa-requests-export-progress');
    release();
    const download = await downloading;
    await page.unrouteAll();
    await exportButton.waitFor();

    expect(download.suggestedFilename()).toBe(`requests-${solarToday()}.csv`);
    const bytes = await readFile(await download.path());
    expect([...bytes.subarray(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
    const lines = new TextDecoder('utf-8', { fatal: true }).decode(bytes.subarray(3)).split('\r\n');
    expect(lines[0]?.startsWith('نام خانوادگی,نام,')).toBe(true);
    expect(lines.at(-1)).toBe('');
    const rows = lines.slice(1, -1);
    expect(rows.map((r) => r.split(',').at(-1))).toEqual(ids);
    expect(rows.every((r) => r.includes(',ثبت‌شده,'))).toBe(true);
    await notification(
      page,
      interpolated(fa.list_exports.done, {
        file: download.suggestedFilename(),
        smart_count: ids.length.toLocaleString('fa-IR'),
      }),
    ).waitFor(LONG);
    await shot('fa-requests-export-done');
  });

  it('in English: exports the graduate list as a workbook, and stops an export when asked', async () => {
    await switchLanguage('fa', 'en');
    await page.goto('/#/graduates');
    await main().getByRole('row').nth(1).waitFor(LONG);
    const graduates = await listIds('graduates', {}, ['lastName', 'ASC']);
    expect(graduates.length).toBeLessThan(500);
    const exportButton = main().getByRole('button', { name: en.list_exports.button, exact: true });
    await exportButton.click();
    await shot('en-graduates-export-menu');
    const downloading = page.waitForEvent('download');
    await page.getByRole('menuitem', { name: en.list_exports.xlsx, exact: true }).click();
    const download = await downloading;
    expect(download.suggestedFilename()).toMatch(/^graduates-20\d\d-\d\d-\d\d\.xlsx$/);
    const bytes = await readFile(await download.path());
    expect(bytes.subarray(0, 2).toString('latin1')).toBe('PK');
    await notification(
      page,
      interpolated(plural(en.list_exports.done), {
        file: download.suggestedFilename(),
        smart_count: graduates.length.toLocaleString('en-GB'),
      }),
    ).waitFor(LONG);

    await page.goto('/#/requests');
    await main().getByRole('row').nth(1).waitFor(LONG);
    const release = await holdExport('**/api/requests/export.xlsx?*');
    await main().getByRole('button', { name: en.list_exports.button, exact: true }).click();
    await page.getByRole('menuitem', { name: en.list_exports.xlsx, exact: true }).click();
    await main().getByRole('progressbar', { name: en.list_exports.button, exact: true }).waitFor();
    await shot('en-requests-export-progress');
    await main().getByRole('button', { name: en.list_exports.cancel, exact: true }).click();
    await notification(page, en.list_exports.cancelled).waitFor(LONG);
    release();
    await page.unrouteAll();
    await main().getByRole('button', { name: en.list_exports.button, exact: true }).waitFor();
    await switchLanguage('en', 'fa');
  });
});
