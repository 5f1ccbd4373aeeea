import type { APIRequestContext, Browser, BrowserContext, Locator, Page } from 'playwright-core';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { launchBrowser } from '../support/browser.ts';
import { type RunningServer, startServer } from '../support/server.ts';
import {
  DEMO_ACCOUNTS,
  DEMO_PASSWORD,
  en,
  fa,
  interpolated,
  type Lang,
  logIn,
  messages,
  newContext,
  notification,
  ra,
  settle,
  snap,
  switchLanguage,
  visibleText,
} from './helpers.ts';

/**
 * Saved views shared with an office: officer A of the Graduate Office filters the request list to the returned
 * requests, hides a column and saves the view, shared with the office. Officer B of the same office (an
 * account the admin makes through the API) logs in, picks the view from the toolbar's "Views" control, and
 * the list shows the filtered rows with A's columns. Both languages; screenshots of the control and the
 * save dialog.
 */

const LONG = { timeout: 15_000 } as const;
const officerA = DEMO_ACCOUNTS.find((a) => a.username === 'graduate.office')!;
const officerB = { username: 'officer.b', displayName: 'کارشناس دوم دفتر', password: 'کتابخانه مرکزی دانشگاه' };
const VIEW_NAME = 'برگشتی‌های دفتر';
/** react-admin's own strings (ra-language-farsi, ra-language-english), which the test package does not depend on. */
const raStrings = {
  fa: { addFilter: 'اضافه‌کردن فیلتر', columns: 'ستون‌ها' },
  en: { addFilter: 'Add filter', columns: 'Columns' },
} as const;

let server: RunningServer;
let browser: Browser;
let contextA: BrowserContext;
let contextB: BrowserContext;
let pageA: Page;
let pageB: Page;

beforeAll(async () => {
  server = await startServer();
  browser = await launchBrowser();
  contextA = await newContext(browser, server.url);
  pageA = await contextA.newPage();
  contextB = await newContext(browser, server.url);
  pageB = await contextB.newPage();
});

afterAll(async () => {
  await browser?.close();
  await server?.stop();
});

beforeEach(({ onTestFailed }) => {
  onTestFailed(() => console.error(`server output:\n${server?.output()}`));
});

/** A staff member's API session, as a script logs in. */
async function apiSession(username: string, password = DEMO_PASSWORD): Promise<APIRequestContext> {
  const ctx = await browser.newContext({ baseURL: server.url, extraHTTPHeaders: { Origin: server.url } });
  const res = await ctx.request.post('/api/auth/login', { data: { username, password } });
  expect(res.status(), await res.text()).toBe(200);
  return ctx.request;
}

const main = (page: Page) => page.getByRole('main');
const table = (page: Page) => main(page).getByRole('table').first();
const bodyRows = (page: Page) =>
  table(page)
    .getByRole('row')
    .filter({ has: page.getByRole('cell') });
const headers = async (page: Page) =>
  (await table(page).getByRole('columnheader').allInnerTexts()).map((t) => t.trim());
/** The toolbar's "Views" control, named "Views" or "View: <the view in use>". */
const viewsButton = (page: Page, lang: Lang = 'fa') => {
  const t = messages[lang].saved_views;
  const prefix = t.button_current.split('%{name}')[0] ?? '';
  return main(page).getByRole('button', { name: new RegExp(`^(${t.button}$|${prefix})`) });
};
const viewsMenu = (page: Page) => page.getByRole('menu');
const fields = (lang: Lang) => messages[lang].resources.requests.fields;

/** How many returned requests there are, and how many the list's first page shows. */
async function returnedCount(api: APIRequestContext): Promise<number> {
  const params = new URLSearchParams({ filter: JSON.stringify({ stage: 'returned' }), range: '[0,0]' });
  const res = await api.get(`/api/requests?${params}`);
  expect(res.status()).toBe(200);
  return Number(String(res.headers()['content-range']).split('/')[1]);
}

/** Every body row shows the "returned" stage chip. */
async function expectOnlyReturned(page: Page, lang: Lang, count: number): Promise<void> {
  await expect.poll(() => bodyRows(page).count(), LONG).toBe(Math.min(count, 25));
  const returned = messages[lang].stages.returned;
  const chips = await bodyRows(page).evaluateAll(
    (rows, label) => rows.filter((row) => !row.textContent?.includes(label)).length,
    returned,
  );
  expect(chips, 'rows in another stage').toBe(0);
}

async function openViews(page: Page, lang: Lang = 'fa'): Promise<Locator> {
  await viewsButton(page, lang).click();
  const menu = viewsMenu(page);
  await menu.waitFor();
  return menu;
}

describe('a saved view shared with the office', () => {
  let returned = 0;

  it('officer A filters the returned requests, hides the student number and saves the view for the office (Persian)', async () => {
    returned = await returnedCount(await apiSession(officerA.username));
    expect(returned, 'the demo data has returned requests').toBeGreaterThan(0);
    await logIn(pageA, officerA);
    await pageA.goto('/#/requests');
    await bodyRows(pageA).first().waitFor(LONG);
    const f = fields('fa');

    await main(pageA).getByRole('button', { name: raStrings.fa.addFilter, exact: true }).click();
    await pageA.getByRole('menuitemcheckbox', { name: f.stage, exact: true }).click();
    await main(pageA).getByRole('combobox', { name: f.stage, exact: true }).click();
    await pageA.getByRole('listbox').getByRole('option', { name: fa.stages.returned, exact: true }).click();
    await expectOnlyReturned(pageA, 'fa', returned);

    await main(pageA).getByRole('button', { name: raStrings.fa.columns, exact: true }).click();
    await pageA.getByLabel(f.studentNumber, { exact: true }).uncheck();
    await pageA.keyboard.press('Escape');
    await expect.poll(() => headers(pageA)).not.toContain(f.studentNumber);

    const menu = await openViews(pageA);
    expect(await visibleText(menu)).toContain(fa.saved_views.none);
    await snap(pageA, 'saved-views-menu-empty-fa');
    await menu.getByRole('menuitem', { name: fa.saved_views.save_as, exact: true }).click();
    const dialog = pageA.getByRole('dialog', { name: fa.saved_views.save_title, exact: true });
    await dialog.waitFor();
    await dialog.getByRole('textbox', { name: fa.saved_views.name }).fill(VIEW_NAME);
    await dialog.getByLabel(fa.saved_views.share, { exact: true }).check();
    await snap(pageA, 'saved-views-save-dialog-fa');
    await dialog.getByRole('button', { name: ra.fa.save, exact: true }).click();
    await notification(pageA, interpolated(fa.saved_views.saved, { name: VIEW_NAME })).waitFor(LONG);
    await dialog.waitFor({ state: 'detached' });
    await expect
      .poll(() => visibleText(viewsButton(pageA)))
      .toMatch(interpolated(fa.saved_views.button_current, { name: VIEW_NAME }));

    const views = await (await pageA.request.get('/api/saved-views')).json();
    expect(views).toEqual([
      expect.objectContaining({
        name: VIEW_NAME,
        resource: 'requests',
        scope: 'office',
        filter: { stage: 'returned' },
        sort: { field: 'stageEnteredAt', order: 'ASC' },
        perPage: 25,
      }),
    ]);
    expect(views[0].columns).not.toContain('studentNumber');
    expect(views[0].columns).toContain('lastName');

    // A's own view can be updated, renamed, re-shared and deleted from the control.
    const own = await openViews(pageA);
    for (const item of [fa.saved_views.update, fa.saved_views.edit, fa.saved_views.delete]) {
      await own.getByRole('menuitem', { name: interpolated(item, { name: VIEW_NAME }) }).waitFor();
    }
    await snap(pageA, 'saved-views-menu-own-fa');
    await pageA.keyboard.press('Escape');
  });

  it('officer B of the same office picks it, and the list shows the filtered rows with A’s columns', async () => {
    const admin = await apiSession('admin');
    const made = await admin.post('/api/users', { data: { ...officerB, role: 'graduate_officer' } });
    expect(made.status(), await made.text()).toBe(201);
    await logIn(pageB, officerB);
    await pageB.goto('/#/requests');
    await bodyRows(pageB).first().waitFor(LONG);
    const f = fields('fa');
    expect(await headers(pageB)).toContain(f.studentNumber);

    const menu = await openViews(pageB);
    await menu.getByText(fa.saved_views.shared, { exact: true }).waitFor();
    const item = menu.getByRole('menuitem').filter({ hasText: VIEW_NAME });
    expect(await visibleText(item)).toMatch(
      new RegExp(
        `${VIEW_NAME}${interpolated(fa.saved_views.shared_by, { name: officerA.displayName }).source.slice(1)}`,
      ),
    );
    await snap(pageB, 'saved-views-menu-shared-fa');
    // A colleague's view is theirs to pick, not to change.
    await settle(pageB);
    for (const action of [fa.saved_views.update, fa.saved_views.edit, fa.saved_views.delete]) {
      expect(await menu.getByRole('menuitem', { name: interpolated(action, { name: VIEW_NAME }) }).count()).toBe(0);
    }
    await item.click();

    await expectOnlyReturned(pageB, 'fa', returned);
    await expect.poll(() => headers(pageB)).not.toContain(f.studentNumber);
    expect(await headers(pageB)).toContain(f.stage);
    expect(decodeURIComponent(new URL(pageB.url()).hash)).toContain('"stage":"returned"');
    // The stage filter it set is shown, so that B can see and clear it.
    expect(await main(pageB).getByRole('combobox', { name: f.stage, exact: true }).textContent()).toBe(
      fa.stages.returned,
    );
    await expect
      .poll(() => visibleText(viewsButton(pageB)))
      .toMatch(interpolated(fa.saved_views.button_current, { name: VIEW_NAME }));
    await snap(pageB, 'saved-views-applied-fa');
  });

  it('the same control and dialog in English', async () => {
    await switchLanguage(pageB, 'fa', 'en');
    await expectOnlyReturned(pageB, 'en', returned);
    const menu = await openViews(pageB, 'en');
    await menu.getByText(en.saved_views.shared, { exact: true }).waitFor();
    expect(await visibleText(menu.getByRole('menuitem').filter({ hasText: VIEW_NAME }))).toContain(
      `Shared by ${officerA.displayName}`,
    );
    await snap(pageB, 'saved-views-menu-shared-en');
    await menu.getByRole('menuitem', { name: en.saved_views.save_as, exact: true }).click();
    const dialog = pageB.getByRole('dialog', { name: en.saved_views.save_title, exact: true });
    await dialog.getByRole('textbox', { name: en.saved_views.name }).fill('Returned, my copy');
    await snap(pageB, 'saved-views-save-dialog-en');
    await dialog.getByRole('button', { name: 'Cancel', exact: true }).click();
    await dialog.waitFor({ state: 'detached' });
  });
});
