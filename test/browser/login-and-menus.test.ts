import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { launchBrowser } from '../support/browser.ts';
import { type RunningServer, startServer } from '../support/server.ts';
import {
  DEMO_ACCOUNTS,
  DEMO_PASSWORD,
  documentLocale,
  expectLoginPage,
  fa,
  greeting,
  hashOf,
  logIn,
  logOut,
  newContext,
  notification,
  officeLine,
  ra,
  sessionStatus,
  sideMenu,
  snap,
  submitLogin,
  usernameField,
  usersMenuItem,
} from './helpers.ts';

let server: RunningServer;
let browser: Browser;

beforeAll(async () => {
  server = await startServer();
  browser = await launchBrowser();
});

afterAll(async () => {
  await browser?.close();
  await server?.stop();
});

beforeEach(({ onTestFailed }) => {
  onTestFailed(() => console.error(`server output:\n${server?.output()}`));
});

/** Runs a test body in a fresh browser profile that is closed afterwards. */
async function withPage(run: (page: Page) => Promise<void>): Promise<void> {
  const context = await newContext(browser, server.url);
  try {
    await run(await context.newPage());
  } finally {
    await context.close();
  }
}

const manageAccountsLink = (page: Page) =>
  page.getByRole('main').getByRole('link', { name: fa.dashboard.manage_accounts, exact: true });

/**
 * Asserts that the user has no Users item in the menu nor a "manage accounts" link. Opening #/users first
 * shows the access-denied page; by then the app has settled whether this user may list users, so the
 * absence checked afterwards is a real answer and not a menu that has not loaded yet.
 */
async function expectNoUsersAccess(page: Page, displayName: string): Promise<void> {
  await page.goto('/#/users');
  const denied = page.getByRole('heading', { name: ra.fa.accessDenied, exact: true });
  await denied.or(page.getByRole('main').getByRole('table')).waitFor();
  expect(hashOf(page)).toBe('#/access-denied');
  await denied.waitFor();
  await sideMenu(page).getByRole('menuitem', { name: ra.fa.dashboard, exact: true }).click();
  await greeting(page, displayName).waitFor();
  expect(await usersMenuItem(page).count()).toBe(0);
  expect(await manageAccountsLink(page).count()).toBe(0);
}

describe('the Persian login page', () => {
  it('starts in Persian with the username and password fields', async () => {
    await withPage(async (page) => {
      await page.goto('/');
      await expectLoginPage(page);
      expect(await documentLocale(page)).toEqual({ lang: 'fa', dir: 'rtl' });
      await page.getByRole('heading', { level: 1, name: fa.app.name, exact: true }).waitFor();
      expect(await sessionStatus(page.context().request)).toBe(401);
      await snap(page, 'fa-login');
    });
  });

  it('refuses a wrong password with the generic message and stays on the login page', async () => {
    await withPage(async (page) => {
      await page.goto('/#/login');
      await expectLoginPage(page);
      await submitLogin(page, 'admin', 'not-the-right-password');
      await notification(page, fa.auth.invalid_credentials).waitFor();
      await expectLoginPage(page);
      expect(await usernameField(page).inputValue()).toBe('admin');
      expect(await sessionStatus(page.context().request)).toBe(401);
      await snap(page, 'fa-login-error');
    });
  });

  it('gives the same message for an unknown username, so it does not tell which part was wrong', async () => {
    await withPage(async (page) => {
      await page.goto('/#/login');
      await expectLoginPage(page);
      await submitLogin(page, 'no.such.person', DEMO_PASSWORD);
      await notification(page, fa.auth.invalid_credentials).waitFor();
      await expectLoginPage(page);
    });
  });
});

describe.each(DEMO_ACCOUNTS)('$role ($username)', (account) => {
  it(`${account.username} logs in, is greeted by name with their office, sees the menu of their role, logs out`, async () => {
    await withPage(async (page) => {
      await logIn(page, account);
      expect(hashOf(page)).toBe('#/');
      expect(await documentLocale(page)).toEqual({ lang: 'fa', dir: 'rtl' });
      await officeLine(page, account.role).waitFor();
      await page.getByText(fa.duties[account.role], { exact: true }).waitFor();
      await sideMenu(page).getByRole('menuitem', { name: ra.fa.dashboard, exact: true }).waitFor();
      const userMenu = page.getByRole('banner').getByRole('button', { name: ra.fa.userMenu, exact: true });
      expect((await userMenu.textContent())?.trim()).toBe(account.displayName);

      if (account.role === 'admin') {
        await usersMenuItem(page).waitFor();
        await manageAccountsLink(page).waitFor();
        await snap(page, `fa-dashboard-${account.role}`);
      } else {
        await snap(page, `fa-dashboard-${account.role}`);
        // The auditor's case is the known-bug test below.
        if (account.role !== 'auditor') await expectNoUsersAccess(page, account.displayName);
      }

      await logOut(page);
      expect(await sessionStatus(page.context().request)).toBe(401);
      // The session is over for the app too: the dashboard sends the browser back to the login page.
      await page.goto('/#/');
      await expectLoginPage(page);
    });
  });
});

describe('the auditor', () => {
  it('does not see the Users menu: accounts are the admin’s alone (API.md)', async () => {
    const auditor = DEMO_ACCOUNTS.find((a) => a.role === 'auditor')!;
    await withPage(async (page) => {
      await logIn(page, auditor);
      await expectNoUsersAccess(page, auditor.displayName);
    });
  });
});

describe('one tab, two users', () => {
  it('after the admin logs out, the next user sees their own name and menu, not the admin’s', async () => {
    const admin = DEMO_ACCOUNTS.find((a) => a.role === 'admin')!;
    const officer = DEMO_ACCOUNTS.find((a) => a.role === 'graduate_officer')!;
    await withPage(async (page) => {
      await logIn(page, admin);
      await usersMenuItem(page).waitFor();
      await logOut(page);
      // No reload: the single-page app must not keep the admin's identity or permissions.
      await submitLogin(page, officer.username, DEMO_PASSWORD);
      await greeting(page, officer.displayName).waitFor();
      await officeLine(page, officer.role).waitFor();
      expect(await greeting(page, admin.displayName).count()).toBe(0);
      await expectNoUsersAccess(page, officer.displayName);
    });
  });
});
