import { mkdir } from 'node:fs/promises';
import path from 'node:path';
import type { Browser, BrowserContext, Locator, Page } from 'playwright-core';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { faFrameworkFixes } from '../../admin-ui/src/i18n/fa.ts';
import { artifactsDir, launchBrowser } from '../support/browser.ts';
import { type RunningServer, startServer } from '../support/server.ts';
import {
  DEMO_ACCOUNTS,
  en,
  interpolated,
  type Lang,
  logIn,
  messages,
  newContext,
  persianDigits,
  settle,
  switchLanguage,
  visibleText,
} from './helpers.ts';

/**
 * Bulk actions on the request list: the Graduate Office selects three requests of its queue, one of which is
 * no longer in the stage the action starts from, starts their review at once and is told what was done and
 * why the third was not (in Persian, then in English). The other offices see their own tick only; a graduate
 * and the auditor get no selection at all. The requests are picked from the demo data through the API, by
 * the same query the list runs.
 */

interface Row {
  id: string;
  firstName: string;
  lastName: string;
  studentNumber: string;
  stage: string;
}

const LONG = { timeout: 15_000 } as const;
/** react-admin's close button: ours in Persian, ra-language-english's in English. */
const CLOSE = { fa: faFrameworkFixes.ra.action.close, en: 'Close' } as const;
const staff = (username: string) => DEMO_ACCOUNTS.find((a) => a.username === username)!;
const QUEUE = { queue: 'graduate_officer' } as const;
const LIST = `#/requests?filter=${encodeURIComponent(JSON.stringify(QUEUE))}&order=ASC&page=1&perPage=100&sort=stageEnteredAt`;

let server: RunningServer;
let browser: Browser;
let context: BrowserContext;
let page: Page;

beforeAll(async () => {
  server = await startServer();
  browser = await launchBrowser();
  context = await newContext(browser, server.url);
  page = await context.newPage();
});

afterAll(async () => {
  await browser?.close();
  await server?.stop();
});

beforeEach(({ onTestFailed }) => {
  onTestFailed(() => console.error(`server output:\n${server?.output()}`));
});

/** The Graduate Office's queue as the list shows it: oldest first, the first hundred. */
async function queue(): Promise<Row[]> {
  const params = new URLSearchParams({
    filter: JSON.stringify(QUEUE),
    range: JSON.stringify([0, 99]),
    sort: JSON.stringify(['stageEnteredAt', 'ASC']),
  });
  const res = await page.request.get(`/api/requests?${params}`);
  expect(res.status()).toBe(200);
  return res.json();
}

const main = (p: Page) => p.getByRole('main');
const name = (row: Row) => `${row.firstName} ${row.lastName}`;
/** A row of the table, found by the student number it shows (unique, where names may repeat) in the language's digits. */
const tableRow = (row: Row, lang: Lang = 'fa') =>
  main(page)
    .getByRole('row')
    .filter({ hasText: lang === 'fa' ? persianDigits(row.studentNumber) : row.studentNumber });
const dialog = () => page.getByRole('dialog');

/**
 * The result dialog over the list, as the officer sees it: the window, not the whole hundred-row page (what
 * `snap` takes), once the fonts are in and the dialog has finished appearing.
 */
async function shoot(name: string): Promise<void> {
  await page.evaluate(async () => {
    await document.fonts.ready;
    const finite = document
      .getAnimations()
      .filter((animation) => Number.isFinite(animation.effect?.getComputedTiming().endTime ?? Infinity));
    await Promise.all(finite.map((animation) => animation.finished.catch(() => undefined)));
  });
  await mkdir(artifactsDir, { recursive: true });
  await page.screenshot({ path: path.join(artifactsDir, `${name}.png`) });
}

async function openQueue(): Promise<void> {
  await page.goto(`/${LIST}`);
  await page.reload();
  await main(page).getByRole('row').nth(1).waitFor(LONG);
}

async function select(rows: Row[], lang: Lang): Promise<void> {
  for (const row of rows) await tableRow(row, lang).getByRole('checkbox').check();
}

/** Runs the bulk start of review on what is selected, through its confirmation, and returns the result dialog. */
async function startReview(lang: Lang, count: number): Promise<Locator> {
  const t = messages[lang];
  await main(page).getByRole('button', { name: t.actions['start-review'], exact: true }).click();
  const confirm = dialog();
  await confirm.getByRole('heading', { name: t.actions['start-review'], exact: true }).waitFor();
  const question = lang === 'fa' ? t.requests.bulk.confirm : (t.requests.bulk.confirm.split('||||')[1] ?? '').trim();
  const asked = interpolated(question, {
    action: t.actions['start-review'],
    smart_count: lang === 'fa' ? persianDigits(String(count)) : String(count),
  });
  await expect.poll(() => visibleText(confirm)).toMatch(within(asked));
  await confirm.getByRole('button', { name: t.actions['start-review'], exact: true }).click();
  const result = page.getByRole('dialog', {
    name: interpolated(t.requests.bulk.result_title, { action: t.actions['start-review'] }),
  });
  await result.waitFor(LONG);
  return result;
}

/** A whole-text matcher of `interpolated` without its ^…$: the message somewhere in a longer text. */
const within = (re: RegExp) => new RegExp(re.source.slice(1, -1));

async function expectResult(result: Locator, lang: Lang, refused: Row): Promise<void> {
  const t = messages[lang];
  const digits = (n: number) => (lang === 'fa' ? persianDigits(String(n)) : String(n));
  const done = interpolated(t.requests.bulk.done, { smart_count: digits(2), total: digits(3) });
  await expect.poll(() => visibleText(result)).toMatch(within(done));
  const list = result.getByRole('list', { name: t.requests.bulk.refused_list, exact: true });
  await expect.poll(() => list.getByRole('listitem').count()).toBe(1);
  const item = list.getByRole('listitem');
  await item.getByRole('link', { name: name(refused), exact: true }).waitFor();
  const reason = interpolated(t.workflow.rules.wrong_stage, {
    stage: t.stages[refused.stage as keyof typeof t.stages],
  });
  expect(await visibleText(item)).toMatch(within(reason));
}

/** The stage chip of a row of the table. */
const stageOf = (row: Row, lang: Lang) =>
  tableRow(row, lang).getByText(messages[lang].stages.under_review, { exact: true });

describe('bulk actions on the request list', () => {
  let reviewing: Row;
  let used: Row[] = [];

  it('the Graduate Office starts the review of three requests: two done, one refused with its reason (Persian)', async () => {
    await logIn(page, staff('graduate.office'));
    const rows = await queue();
    const submitted = rows.filter((r) => r.stage === 'submitted');
    reviewing = rows.find((r) => r.stage === 'under_review')!;
    expect(submitted.length, 'the demo queue has submitted requests').toBeGreaterThanOrEqual(4);
    expect(reviewing, 'the demo queue has a request under review').toBeDefined();
    const chosen = [submitted[0]!, reviewing, submitted[1]!];
    used = chosen;

    await openQueue();
    await select(chosen, 'fa');
    const result = await startReview('fa', 3);
    await expectResult(result, 'fa', reviewing);
    await shoot('bulk-result-fa');
    await result.getByRole('button', { name: CLOSE.fa, exact: true }).click();
    await result.waitFor({ state: 'detached' });

    // The done rows moved on and are no longer selected; the refused one stays selected, as it was.
    for (const row of [chosen[0]!, chosen[2]!]) {
      await stageOf(row, 'fa').waitFor(LONG);
      expect(await tableRow(row).getByRole('checkbox').isChecked()).toBe(false);
    }
    expect(await tableRow(reviewing).getByRole('checkbox').isChecked()).toBe(true);
    const after = await queue();
    for (const row of [chosen[0]!, chosen[2]!]) {
      expect(after.find((r) => r.id === row.id)?.stage).toBe('under_review');
    }
  });

  it('the same in English, on two more requests and the one under review', async () => {
    await switchLanguage(page, 'fa', 'en');
    const rows = await queue();
    const submitted = rows.filter((r) => r.stage === 'submitted' && !used.some((u) => u.id === r.id));
    const chosen = [submitted[0]!, submitted[1]!];
    await openQueue();
    await select(chosen, 'en');
    // The request under review is still selected from before: three in all.
    expect(await tableRow(reviewing, 'en').getByRole('checkbox').isChecked()).toBe(true);
    const result = await startReview('en', 3);
    await expectResult(result, 'en', reviewing);
    await shoot('bulk-result-en');
    await result.getByRole('button', { name: CLOSE.en, exact: true }).click();
    for (const row of chosen) await stageOf(row, 'en').waitFor(LONG);
  });

  it('each office sees only its own bulk action; graduates’ and auditors’ lists have no selection', async () => {
    const offices: Array<[string, string[]]> = [
      ['free.education', [en.requests.bulk['set-cancellation-tick']]],
      ['welfare.office', [en.requests.bulk['set-welfare-tick']]],
    ];
    const all = [
      en.actions['start-review'],
      en.actions['mark-ready'],
      en.actions.deliver,
      en.requests.bulk['set-cancellation-tick'],
      en.requests.bulk['set-welfare-tick'],
    ];
    for (const [username, mine] of offices) {
      const other = await newContext(browser, server.url);
      const p = await other.newPage();
      await logIn(p, staff(username));
      await switchLanguage(p, 'fa', 'en');
      await p.goto(`/#/requests`);
      const first = main(p).getByRole('row').nth(1);
      await first.getByRole('checkbox').check();
      for (const label of all) {
        const button = main(p).getByRole('button', { name: label, exact: true });
        if (mine.includes(label)) await button.waitFor();
        else {
          await settle(p);
          expect(await button.count(), `${username}: ${label}`).toBe(0);
        }
      }
      await other.close();
    }
    const graduate = { username: 'graduate.submitted', displayName: 'محمدحسین کاظمی' };
    for (const who of [staff('auditor'), graduate]) {
      const other = await newContext(browser, server.url);
      const p = await other.newPage();
      await logIn(p, who);
      await p.goto('/#/requests');
      await main(p).getByRole('row').nth(1).waitFor(LONG);
      await settle(p);
      expect(await main(p).getByRole('checkbox').count(), who.username).toBe(0);
      await other.close();
    }
  });
});
