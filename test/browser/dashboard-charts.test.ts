import { mkdirSync } from 'node:fs';
import path from 'node:path';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { artifactsDir, launchBrowser } from '../support/browser.ts';
import { type RunningServer, startServer } from '../support/server.ts';
import { DEMO_ACCOUNTS, hashOf, type Lang, logIn, messages, newContext, settle, switchLanguage } from './helpers.ts';

/**
 * The dashboard's charts on the demo data: the Graduate Office sees its figures and three charts drawn as SVG,
 * the axes in Persian digits (Latin ones in English); clicking the "under review" bar opens the request list
 * filtered by that stage. Screenshots in Persian and English of the Graduate Office's and the Free-Education
 * Office's dashboards (SCREENSHOT_DIR, default the test artifacts).
 */

const LONG = { timeout: 20_000 } as const;
const SHOTS = process.env.SCREENSHOT_DIR ?? artifactsDir;
const gradOffice = DEMO_ACCOUNTS.find((a) => a.role === 'graduate_officer')!;
const freeEd = DEMO_ACCOUNTS.find((a) => a.role === 'free_education_officer')!;

let server: RunningServer;
let browser: Browser;
const contexts: BrowserContext[] = [];

beforeAll(async () => {
  server = await startServer();
  browser = await launchBrowser();
  mkdirSync(SHOTS, { recursive: true });
});

afterAll(async () => {
  for (const context of contexts) await context.close();
  await browser?.close();
  await server?.stop();
});

beforeEach(({ onTestFailed }) => {
  onTestFailed(() => console.error(`server output:\n${server?.output()}`));
});

async function pageOf(account: { username: string; displayName: string }): Promise<Page> {
  const context = await newContext(browser, server.url);
  contexts.push(context);
  const page = await context.newPage();
  await logIn(page, account);
  return page;
}

const chart = (page: Page, key: 'per_stage' | 'throughput' | 'lead_time', lang: Lang) =>
  page.getByRole('main').getByRole('region', { name: messages[lang].dashboard.charts[key], exact: true });

/** The text of an SVG chart: its tick labels (and nothing else the page shows). */
const chartText = (page: Page, key: 'per_stage' | 'throughput' | 'lead_time', lang: Lang) =>
  chart(page, key, lang)
    .locator('svg')
    .first()
    .evaluate((svg) => svg.textContent ?? '');

async function shoot(page: Page, name: string): Promise<void> {
  await settle(page);
  await page.evaluate(() => window.scrollTo(0, 0));
  await page.screenshot({ path: path.join(SHOTS, `dashboard-${name}.png`), fullPage: true });
}

describe('dashboard charts', () => {
  it('shows the Graduate Office its charts in Persian digits, and a stage bar opens that stage’s list', async () => {
    const page = await pageOf(gradOffice);
    for (const key of ['per_stage', 'throughput', 'lead_time'] as const) {
      await chart(page, key, 'fa').locator('svg').first().waitFor(LONG);
    }
    const fa = messages.fa;
    await page
      .getByRole('main')
      .getByRole('region', { name: fa.dashboard.charts.waiting, exact: true })
      .getByText(fa.dashboard.charts.waiting_cancellation)
      .waitFor();
    await expect.poll(() => chartText(page, 'per_stage', 'fa'), LONG).toMatch(/[۰-۹]/);
    const stageAxis = await chartText(page, 'per_stage', 'fa');
    expect(stageAxis).not.toMatch(/[0-9]/);
    expect(stageAxis).toContain(fa.stages.under_review);
    // Week labels are Solar Hijri dates in Persian digits: "۱۲ آذر".
    const weeks = await chartText(page, 'throughput', 'fa');
    expect(weeks).toMatch(/[۰-۹]+ (فروردین|اردیبهشت|خرداد|تیر|مرداد|شهریور|مهر|آبان|آذر|دی|بهمن|اسفند)/);
    expect(weeks).not.toMatch(/[0-9]/);
    await shoot(page, 'graduate-office-fa');

    // The bar's band: its tick label's column, halfway up the plot.
    const perStage = chart(page, 'per_stage', 'fa').locator('svg').first();
    const svgBox = (await perStage.boundingBox())!;
    const label = (await perStage.getByText(fa.stages.under_review, { exact: true }).first().boundingBox())!;
    await page.mouse.click(label.x + label.width / 2, svgBox.y + svgBox.height / 2);
    await expect.poll(() => decodeURIComponent(hashOf(page)), LONG).toMatch(/^#\/requests\?/);
    const filter = JSON.parse(new URLSearchParams(hashOf(page).split('?')[1]).get('filter') ?? '{}');
    expect(filter).toEqual({ stage: 'under_review' });
    await page.getByRole('main').getByRole('row').nth(1).waitFor(LONG);
    await shoot(page, 'graduate-office-list-under-review-fa');

    await page.goto('/#/');
    await chart(page, 'per_stage', 'fa').locator('svg').first().waitFor(LONG);
    await switchLanguage(page, 'fa', 'en');
    await chart(page, 'per_stage', 'en').locator('svg').first().waitFor(LONG);
    await expect.poll(() => chartText(page, 'per_stage', 'en'), LONG).toMatch(/[0-9]/);
    expect(await chartText(page, 'per_stage', 'en')).not.toMatch(/[۰-۹]/);
    expect(await chartText(page, 'throughput', 'en')).toMatch(/\d+ (Jan|Feb|Mar|Apr|May|Jun|Jul|Aug|Sep|Oct|Nov|Dec)/);
    await shoot(page, 'graduate-office-en');
  });

  it('shows the Free-Education Office its own figures, without the Graduate Office’s waits', async () => {
    const page = await pageOf(freeEd);
    await chart(page, 'per_stage', 'fa').locator('svg').first().waitFor(LONG);
    await settle(page);
    expect(
      await page.getByRole('main').getByRole('region', { name: messages.fa.dashboard.charts.waiting }).count(),
    ).toBe(0);
    await shoot(page, 'free-education-fa');
    await switchLanguage(page, 'fa', 'en');
    await chart(page, 'per_stage', 'en').locator('svg').first().waitFor(LONG);
    await shoot(page, 'free-education-en');
  });
});
