import type { Browser, BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { launchBrowser } from '../support/browser.ts';
import { type RunningServer, startServer } from '../support/server.ts';
import {
  DEMO_ACCOUNTS,
  DEMO_PASSWORD,
  expectLoginPage,
  fa,
  interpolated,
  logIn,
  logOut,
  newContext,
  notification,
  persianDigits,
  ra,
  sessionStatus,
  snap,
} from './helpers.ts';

/** ASVS 6.2.2, 6.2.3 and 7.4.3 in the browser: an account holder changes their own password from the account menu. */
const texts = fa.auth.change_password;
const account = { ...DEMO_ACCOUNTS.find((a) => a.role === 'auditor')!, password: DEMO_PASSWORD };
const newPassword = 'پاییز در تهران زود می‌رسد';

let server: RunningServer;
let browser: Browser;
let here: BrowserContext;
let elsewhere: BrowserContext;
let page: Page;

beforeAll(async () => {
  server = await startServer();
  browser = await launchBrowser();
  here = await newContext(browser, server.url);
  elsewhere = await newContext(browser, server.url);
  page = await here.newPage();
});

afterAll(async () => {
  await browser?.close();
  await server?.stop();
});

beforeEach(({ onTestFailed }) => {
  onTestFailed(() => console.error(`server output:\n${server?.output()}`));
});

async function apiLoginStatus(password: string): Promise<number> {
  const res = await fetch(`${server.url}/api/auth/login`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ username: account.username, password }),
  });
  return res.status;
}

const dialog = () => page.getByRole('dialog');
const field = (label: string) => dialog().getByRole('textbox', { name: label, exact: true });
const description = (label: string) =>
  field(label).evaluate((element) =>
    (element.getAttribute('aria-describedby') ?? '')
      .split(/\s+/)
      .map((id) => (id ? (document.getElementById(id)?.textContent ?? '') : ''))
      .join(' ')
      .trim(),
  );

describe('changing one’s own password, in Persian', () => {
  it('asks for the current password and refuses a wrong one at its field', async () => {
    await logIn(await elsewhere.newPage(), account);
    await logIn(page, account);
    await page.getByRole('banner').getByRole('button', { name: ra.fa.userMenu, exact: true }).click();
    await page.getByRole('menuitem', { name: texts.menu, exact: true }).click();
    await dialog().getByRole('heading', { name: texts.title, exact: true }).waitFor();
    await dialog().getByText(texts.explanation, { exact: true }).waitFor();
    await field(texts.current).fill('not my password at all');
    await field(texts.new).fill(newPassword);
    await snap(page, 'fa-change-password');
    await dialog().getByRole('button', { name: texts.button, exact: true }).click();
    await expect.poll(() => field(texts.current).getAttribute('aria-invalid')).toBe('true');
    expect(await description(texts.current)).toBe(fa.validation.password_incorrect);
    expect(await apiLoginStatus(DEMO_PASSWORD)).toBe(200);
  });

  it('changes it with the current one; the other browser’s session ends and this one goes on', async () => {
    await field(texts.current).fill(DEMO_PASSWORD);
    await dialog().getByRole('button', { name: texts.button, exact: true }).click();
    // Two sessions of this account were live elsewhere: the other browser's and the one apiLoginStatus opened.
    await notification(page, interpolated(texts.done, { smart_count: persianDigits('2') })).waitFor();
    await expect.poll(() => dialog().count()).toBe(0);
    expect(await sessionStatus(here.request)).toBe(200);
    expect(await sessionStatus(elsewhere.request)).toBe(401);
    expect(await apiLoginStatus(DEMO_PASSWORD)).toBe(401);
    expect(await apiLoginStatus(newPassword)).toBe(200);
  });

  it('logs in with the new password afterwards', async () => {
    await logOut(page);
    await expectLoginPage(page);
    await logIn(page, { ...account, password: newPassword });
    expect(await sessionStatus(here.request)).toBe(200);
  });
});
