import path from 'node:path';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { artifactsDir, launchBrowser } from '../support/browser.ts';
import { type RunningServer, startServer } from '../support/server.ts';
import {
  DEMO_ACCOUNTS,
  DEMO_PASSWORD,
  interpolated,
  type Lang,
  logIn,
  messages,
  newContext,
  notification,
  persianDigits,
  ra,
  settle,
  snap,
  switchLanguage,
} from './helpers.ts';

/**
 * Claim and assign in the UI: a Free-Education officer claims a request of the office's queue on its page and
 * finds it under "Mine"; a colleague of the same office (an account the admin makes through the API for the
 * test) sees it held by the officer, not under "Unassigned", with no claim button; the officer then hands it to
 * the colleague through "Assign to…". Screenshots in Persian and English (SCREENSHOT_DIR, default the test
 * artifacts).
 */

const officer = DEMO_ACCOUNTS.find((a) => a.username === 'free.education')!;
const colleague = { username: 'zahra.karimi', displayName: 'زهرا کریمی', password: 'a long colleague passphrase' };
const QUEUE = 'free_education_officer';
const LONG = { timeout: 15_000 } as const;
const SHOTS = process.env.SCREENSHOT_DIR ?? artifactsDir;

interface Row {
  id: string;
  firstName: string;
  lastName: string;
  studentNumber: string;
}

let server: RunningServer;
let browser: Browser;
const contexts: BrowserContext[] = [];
let target: Row;

async function api(pathname: string, init: { method?: string; cookie?: string; body?: unknown } = {}) {
  const res = await fetch(`${server.url}${pathname}`, {
    method: init.method ?? 'GET',
    headers: {
      origin: server.url,
      ...(init.cookie ? { cookie: init.cookie } : {}),
      ...(init.body === undefined ? {} : { 'content-type': 'application/json' }),
    },
    ...(init.body === undefined ? {} : { body: JSON.stringify(init.body) }),
  });
  return res;
}

async function apiLogin(username: string, password = DEMO_PASSWORD): Promise<string> {
  const res = await api('/api/auth/login', { method: 'POST', body: { username, password } });
  expect(res.status).toBe(200);
  return res.headers.getSetCookie()[0]!.split(';')[0]!;
}

const pages = new Map<string, Page>();

/** The page of this person's own browser profile, logged in on first use (inside a test: logIn polls). */
async function pageOf(account: { username: string; displayName: string; password?: string }): Promise<Page> {
  const existing = pages.get(account.username);
  if (existing) return existing;
  const context = await newContext(browser, server.url);
  contexts.push(context);
  const page = await context.newPage();
  await logIn(page, account);
  pages.set(account.username, page);
  return page;
}

beforeAll(async () => {
  server = await startServer();
  browser = await launchBrowser();
  const admin = await apiLogin('admin');
  const created = await api('/api/users', {
    method: 'POST',
    cookie: admin,
    body: { ...colleague, role: 'free_education_officer' },
  });
  expect(created.status, await created.clone().text()).toBe(201);
  // The oldest unassigned request waiting on the Free-Education Office.
  const cookie = await apiLogin(officer.username);
  const filter = encodeURIComponent(JSON.stringify({ queue: QUEUE, assignee: 'unassigned' }));
  const rows = (await (await api(`/api/requests?filter=${filter}&range=[0,0]`, { cookie })).json()) as Row[];
  expect(rows).toHaveLength(1);
  target = rows[0]!;
});

afterAll(async () => {
  for (const context of contexts) await context.close();
  await browser?.close();
  await server?.stop();
});

beforeEach(({ onTestFailed }) => {
  onTestFailed(() => console.error(`server output:\n${server?.output()}`));
});

const main = (page: Page) => page.getByRole('main');
const panel = (page: Page, lang: Lang = 'fa') =>
  main(page).getByRole('region', { name: messages[lang].assignment.title, exact: true });
const button = (page: Page, name: string) => main(page).getByRole('button', { name, exact: true });
/** The table row of the target request, found by its student number as the list shows it. */
const targetRow = (page: Page, lang: Lang = 'fa') =>
  main(page)
    .getByRole('row')
    .filter({ hasText: lang === 'fa' ? persianDigits(target.studentNumber) : target.studentNumber });
/** The list has refetched under the new filter and no longer shows the target. */
const expectNoTargetRow = (page: Page) => expect.poll(() => targetRow(page).count(), LONG).toBe(0);
const quickFilter = (page: Page, which: 'mine' | 'unassigned' | 'all', lang: Lang = 'fa') =>
  main(page)
    .getByRole('group', { name: messages[lang].assignment.filter.label, exact: true })
    .getByRole('button', { name: messages[lang].assignment.filter[which], exact: true });

/** Opens a hash route afresh, so that what is shown comes from the server now. */
async function open(page: Page, hash: string): Promise<void> {
  await page.goto(`/${hash}`);
  await page.reload();
}
const requestPage = (page: Page) => open(page, `#/requests/${target.id}/show`);
/** The office's queue narrowed to the target by its student number, so the demo data's other rows do not matter. */
const queueList = (page: Page) =>
  open(page, `#/requests?filter=${encodeURIComponent(JSON.stringify({ queue: QUEUE, q: target.studentNumber }))}`);

/** A full-page screenshot from the top, without a notification floating over it. */
async function shoot(page: Page, name: string, { dialogOpen = false } = {}): Promise<void> {
  // Escape dismisses a notification, and would close a dialog.
  if (!dialogOpen) await page.keyboard.press('Escape');
  await expect.poll(async () => page.getByRole('alert').count(), LONG).toBe(0);
  await page.evaluate(() => window.scrollTo(0, 0));
  await snap(page, name);
  await page.screenshot({ path: path.join(SHOTS, `${name}.png`), fullPage: true });
}

describe('claim, release and assign in the UI', () => {
  it('an officer claims a request of the queue on its page', async () => {
    const officerPage = await pageOf(officer);
    const fa = messages.fa;
    await requestPage(officerPage);
    await panel(officerPage).getByText(fa.assignment.unassigned, { exact: true }).waitFor(LONG);
    await button(officerPage, fa.assignment.claim).click();
    await notification(officerPage, fa.assignment.claimed).waitFor(LONG);
    await panel(officerPage).getByText(fa.assignment.held_by_you, { exact: true }).waitFor(LONG);
    await button(officerPage, fa.assignment.release).waitFor();
    await button(officerPage, fa.assignment.assign).waitFor();
    await settle(officerPage);
    expect(await button(officerPage, fa.assignment.claim).count()).toBe(0);
    await shoot(officerPage, 'assignment-request-claimed-fa');
  });

  it('the officer finds it under “Mine”, marked as theirs', async () => {
    const officerPage = await pageOf(officer);
    const fa = messages.fa;
    await queueList(officerPage);
    await targetRow(officerPage).waitFor(LONG);
    await quickFilter(officerPage, 'mine').click();
    await expect.poll(() => officerPage.url(), LONG).toContain(encodeURIComponent('"assignee":"mine"'));
    await targetRow(officerPage).getByText(fa.assignment.me, { exact: true }).waitFor(LONG);
    await quickFilter(officerPage, 'unassigned').click();
    await expectNoTargetRow(officerPage);
    await quickFilter(officerPage, 'mine').click();
    await targetRow(officerPage).waitFor(LONG);
    await shoot(officerPage, 'assignment-list-mine-fa');
  });

  it('a colleague of the office sees it held by the officer, not under “Unassigned”, and cannot claim it', async () => {
    const colleaguePage = await pageOf(colleague);
    const fa = messages.fa;
    await requestPage(colleaguePage);
    const heldBy = interpolated(fa.assignment.held_by, { name: officer.displayName });
    await panel(colleaguePage).getByText(heldBy).waitFor(LONG);
    await button(colleaguePage, fa.assignment.assign).waitFor();
    await settle(colleaguePage);
    expect(await button(colleaguePage, fa.assignment.claim).count()).toBe(0);
    expect(await button(colleaguePage, fa.assignment.release).count()).toBe(0);
    await shoot(colleaguePage, 'assignment-request-held-fa');

    await queueList(colleaguePage);
    await targetRow(colleaguePage).getByText(officer.displayName, { exact: true }).waitFor(LONG);
    await quickFilter(colleaguePage, 'unassigned').click();
    await expectNoTargetRow(colleaguePage);
    await quickFilter(colleaguePage, 'mine').click();
    await expectNoTargetRow(colleaguePage);
    await quickFilter(colleaguePage, 'all').click();
    await targetRow(colleaguePage).waitFor(LONG);
  });

  it('the officer assigns it to the colleague, who then holds it', async () => {
    const officerPage = await pageOf(officer);
    const colleaguePage = await pageOf(colleague);
    const fa = messages.fa;
    await requestPage(officerPage);
    await button(officerPage, fa.assignment.assign).click();
    const dialog = officerPage.getByRole('dialog');
    await dialog.getByRole('heading', { name: fa.assignment.assign_title, exact: true }).waitFor();
    await dialog.getByRole('combobox', { name: fa.assignment.colleague }).click();
    await officerPage.getByRole('option', { name: colleague.displayName, exact: true }).click();
    await shoot(officerPage, 'assignment-assign-dialog-fa', { dialogOpen: true });
    await dialog.getByRole('button', { name: ra.fa.save, exact: true }).click();
    await notification(officerPage, interpolated(fa.assignment.assigned, { name: colleague.displayName })).waitFor(
      LONG,
    );
    const heldBy = interpolated(fa.assignment.held_by, { name: colleague.displayName });
    await panel(officerPage).getByText(heldBy).waitFor(LONG);

    await requestPage(colleaguePage);
    await panel(colleaguePage).getByText(fa.assignment.held_by_you, { exact: true }).waitFor(LONG);
    await button(colleaguePage, fa.assignment.release).waitFor();
  });

  it('in English: the request page, the list’s quick filters and the dashboard', async () => {
    const officerPage = await pageOf(officer);
    const colleaguePage = await pageOf(colleague);
    const en = messages.en;
    await switchLanguage(colleaguePage, 'fa', 'en');
    await requestPage(colleaguePage);
    await panel(colleaguePage, 'en').getByText(en.assignment.held_by_you, { exact: true }).waitFor(LONG);
    await shoot(colleaguePage, 'assignment-request-held-en');
    await queueList(colleaguePage);
    await quickFilter(colleaguePage, 'mine', 'en').click();
    await targetRow(colleaguePage, 'en').getByText(en.assignment.me, { exact: true }).waitFor(LONG);
    await shoot(colleaguePage, 'assignment-list-mine-en');
    await open(colleaguePage, '#/');
    const mine = interpolated(en.assignment.mine_count.split('||||')[0]!.trim(), { smart_count: '1' });
    await main(colleaguePage).getByRole('link', { name: mine }).waitFor(LONG);
    await shoot(colleaguePage, 'assignment-dashboard-en');

    await switchLanguage(officerPage, 'fa', 'en');
    await requestPage(officerPage);
    await panel(officerPage, 'en')
      .getByText(interpolated(en.assignment.held_by, { name: colleague.displayName }))
      .waitFor(LONG);
    await shoot(officerPage, 'assignment-request-other-en');
    await switchLanguage(officerPage, 'en', 'fa');
    await switchLanguage(colleaguePage, 'en', 'fa');
    await open(colleaguePage, '#/');
    const mineFa = interpolated(messages.fa.assignment.mine_count, { smart_count: persianDigits('1') });
    await main(colleaguePage).getByRole('link', { name: mineFa }).waitFor(LONG);
    await shoot(colleaguePage, 'assignment-dashboard-fa');
  });

  it('the auditor sees who holds it in the office, and has nothing to claim', async () => {
    const fa = messages.fa;
    const page = await pageOf(DEMO_ACCOUNTS.find((a) => a.username === 'auditor')!);
    await requestPage(page);
    const chip = interpolated(fa.assignment.other_office, {
      office: fa.assignment.offices.free_education_officer,
      name: colleague.displayName,
    });
    await panel(page).getByText(chip).waitFor(LONG);
    await settle(page);
    for (const name of [fa.assignment.claim, fa.assignment.release, fa.assignment.assign]) {
      expect(await button(page, name).count()).toBe(0);
    }
    await shoot(page, 'assignment-request-auditor-fa');
  });
});
