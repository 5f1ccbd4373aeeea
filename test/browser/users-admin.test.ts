import type { Browser, BrowserContext, Locator, Page } from 'playwright-core';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { launchBrowser } from '../support/browser.ts';
import { type RunningServer, startServer } from '../support/server.ts';
import {
  DEMO_ACCOUNTS,
  expectLoginPage,
  fa,
  greeting,
  hashOf,
  interpolated,
  logIn,
  newContext,
  notification,
  officeLine,
  persianDigits,
  ra,
  sessionStatus,
  singular,
  snap,
  submitLogin,
  usersMenuItem,
} from './helpers.ts';

const users = fa.resources.users;

/** The account the admin creates; the passphrase is long, uncommon and does not contain the username. */
const newUser = {
  username: 'sara.karimi',
  displayName: 'سارا کریمی',
  role: 'welfare_officer',
  password: 'کوه دماوند بلند است',
} as const;

let server: RunningServer;
let browser: Browser;
/** The admin's browser profile and tab, shared by the tests below, which run in order. */
let adminContext: BrowserContext;
let admin: Page;
/** The new user's own browser profile, logged in before the admin deactivates the account. */
let userContext: BrowserContext | undefined;

beforeAll(async () => {
  server = await startServer();
  browser = await launchBrowser();
  adminContext = await newContext(browser, server.url);
  admin = await adminContext.newPage();
});

afterAll(async () => {
  await browser?.close();
  await server?.stop();
});

beforeEach(({ onTestFailed }) => {
  onTestFailed(() => console.error(`server output:\n${server?.output()}`));
});

const main = (page: Page) => page.getByRole('main');
const field = (page: Page, label: string) => main(page).getByRole('textbox', { name: label, exact: true });
const usersTable = (page: Page) => main(page).getByRole('table');
/** The row of the users table that shows this username. */
const userRow = (page: Page, username: string) =>
  usersTable(page)
    .getByRole('row')
    .filter({ has: page.getByRole('cell', { name: username, exact: true }) });
/** The username, display name, role and status cells of a row, as shown. */
const rowTexts = async (row: Locator) =>
  (await row.getByRole('cell').allInnerTexts()).slice(0, 4).map((text) => text.trim());

/** The text that describes an input (its helper text or its error), via aria-describedby. */
async function descriptionOf(input: Locator): Promise<string> {
  return input.evaluate((element) =>
    (element.getAttribute('aria-describedby') ?? '')
      .split(/\s+/)
      .map((id) => (id ? (document.getElementById(id)?.textContent ?? '') : ''))
      .join(' ')
      .trim(),
  );
}

/** Logs in through the API, as a script would, without a browser. */
async function apiLoginStatus(username: string, password: string): Promise<number> {
  const res = await fetch(`${server.url}/api/auth/login`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ username, password }),
  });
  return res.status;
}

/** The users the admin's session can list, straight from the API. */
async function listedUsernames(): Promise<string[]> {
  const res = await adminContext.request.get('/api/users?range=[0,99]');
  expect(res.status()).toBe(200);
  return ((await res.json()) as { username: string }[]).map((u) => u.username);
}

async function openCreateForm(page: Page): Promise<void> {
  await usersMenuItem(page).click();
  await userRow(page, 'admin').waitFor();
  await main(page).getByRole('link', { name: ra.fa.create, exact: true }).click();
  const title = interpolated(ra.fa.createTitle, { name: singular(users.name) });
  await page.getByRole('banner').getByRole('heading', { name: title }).waitFor();
  expect(hashOf(page)).toBe('#/users/create');
}

async function fillCreateForm(
  page: Page,
  values: { username: string; displayName: string; roleLabel: string; password: string },
) {
  await field(page, users.fields.username).fill(values.username);
  await field(page, users.fields.displayName).fill(values.displayName);
  await main(page).getByRole('combobox', { name: users.fields.role, exact: true }).click();
  await page.getByRole('listbox').getByRole('option', { name: values.roleLabel, exact: true }).click();
  await expect
    .poll(() => main(page).getByRole('combobox', { name: users.fields.role, exact: true }).textContent())
    .toBe(values.roleLabel);
  await field(page, users.fields.password).fill(values.password);
}

describe('account administration in Persian', () => {
  it('shows the admin the list of accounts', async () => {
    const me = DEMO_ACCOUNTS.find((a) => a.role === 'admin')!;
    await logIn(admin, me);
    await usersMenuItem(admin).click();
    for (const account of DEMO_ACCOUNTS) {
      const row = userRow(admin, account.username);
      await row.waitFor();
      expect(await rowTexts(row)).toEqual([
        account.username,
        account.displayName,
        fa.roles[account.role],
        users.status.active,
      ]);
    }
    expect(await usersTable(admin).getByRole('columnheader').allInnerTexts()).toEqual([
      users.fields.username,
      users.fields.displayName,
      users.fields.role,
      users.fields.active,
      users.fields.createdAt,
    ]);
    expect(hashOf(admin)).toBe('#/users');
    await snap(admin, 'fa-users');
  });

  it('refuses a common password with a field error and creates nothing', async () => {
    await openCreateForm(admin);
    const password = field(admin, users.fields.password);
    expect(await descriptionOf(password)).toBe(users.helpers.password);
    await fillCreateForm(admin, {
      username: 'weak.password',
      displayName: 'گذرواژهٔ ضعیف',
      roleLabel: fa.roles.auditor,
      password: 'password1234',
    });
    await main(admin).getByRole('button', { name: ra.fa.save, exact: true }).click();
    await expect.poll(() => password.getAttribute('aria-invalid')).toBe('true');
    // The server's field error, in Persian (translated by its code, password_common).
    expect(await descriptionOf(password)).toBe(fa.validation.password_common);
    await notification(admin, fa.problems['validation-error']).waitFor();
    expect(hashOf(admin)).toBe('#/users/create');
    for (const other of [users.fields.username, users.fields.displayName]) {
      expect(await field(admin, other).getAttribute('aria-invalid')).toBe('false');
    }
    await snap(admin, 'fa-user-create-error');
    expect(await listedUsernames()).not.toContain('weak.password');
    expect(await apiLoginStatus('weak.password', 'password1234')).toBe(401);
  });

  it('creates an account through the form, which then shows in the list', async () => {
    await openCreateForm(admin);
    await fillCreateForm(admin, { ...newUser, roleLabel: fa.roles[newUser.role] });
    await snap(admin, 'fa-user-create');
    await main(admin).getByRole('button', { name: ra.fa.save, exact: true }).click();
    await notification(admin, ra.fa.created).waitFor();
    const row = userRow(admin, newUser.username);
    await row.waitFor();
    expect(hashOf(admin)).toBe('#/users');
    expect(await rowTexts(row)).toEqual([
      newUser.username,
      newUser.displayName,
      fa.roles[newUser.role],
      users.status.active,
    ]);
    expect(await listedUsernames()).toContain(newUser.username);
  });

  it('the new user can log in in their own browser', async () => {
    userContext = await newContext(browser, server.url);
    const page = await userContext.newPage();
    await logIn(page, newUser);
    await officeLine(page, newUser.role).waitFor();
    expect(await sessionStatus(userContext.request)).toBe(200);
  });

  it('ends all of the new user’s sessions from the edit page; their browser lands on the login page', async () => {
    await userRow(admin, newUser.username).getByRole('cell', { name: newUser.username, exact: true }).click();
    await admin
      .getByRole('banner')
      .getByRole('heading', { name: interpolated(users.edit_title, { name: newUser.displayName }) })
      .waitFor();
    await main(admin).getByRole('button', { name: users.end_sessions.button, exact: true }).click();
    const dialog = admin.getByRole('dialog');
    await dialog
      .getByRole('heading', { name: interpolated(users.end_sessions.title, { name: newUser.displayName }) })
      .waitFor();
    await dialog.getByText(users.end_sessions.content, { exact: true }).waitFor();
    await snap(admin, 'fa-user-end-sessions');
    await dialog.getByRole('button', { name: users.end_sessions.button, exact: true }).click();
    await notification(admin, interpolated(users.end_sessions.done, { smart_count: persianDigits('1') })).waitFor();
    await expect.poll(() => dialog.count()).toBe(0);

    expect(userContext).toBeDefined();
    expect(await sessionStatus(userContext!.request)).toBe(401);
    const page = userContext!.pages()[0]!;
    await page.reload();
    await expectLoginPage(page);
    // The account itself is untouched: the user logs in again, for the deactivation below to end that session.
    await logIn(page, newUser);
    expect(await sessionStatus(userContext!.request)).toBe(200);
    await usersMenuItem(admin).click();
    await userRow(admin, newUser.username).waitFor();
  });

  it('deactivates the account through the edit form; it can no longer log in', async () => {
    await userRow(admin, newUser.username).getByRole('cell', { name: newUser.username, exact: true }).click();
    await admin
      .getByRole('banner')
      .getByRole('heading', { name: interpolated(users.edit_title, { name: newUser.displayName }) })
      .waitFor();
    const id = decodeURIComponent(hashOf(admin).replace(/^#\/users\//, ''));
    expect(id).toMatch(/^[0-9a-f-]{36}$/);
    await expect.poll(() => field(admin, users.fields.username).inputValue()).toBe(newUser.username);

    const active = main(admin).getByRole('switch', { name: users.fields.active, exact: true });
    expect(await active.isChecked()).toBe(true);
    await main(admin).getByText(users.helpers.active, { exact: true }).waitFor();
    await active.click();
    await expect.poll(() => active.isChecked()).toBe(false);
    await snap(admin, 'fa-user-edit');
    await main(admin).getByRole('button', { name: ra.fa.save, exact: true }).click();
    await notification(admin, ra.fa.updated).waitFor();

    const row = userRow(admin, newUser.username);
    await row.getByRole('cell', { name: users.status.inactive, exact: true }).waitFor();
    expect(hashOf(admin)).toBe('#/users');
    expect(await rowTexts(row)).toEqual([
      newUser.username,
      newUser.displayName,
      fa.roles[newUser.role],
      users.status.inactive,
    ]);

    const res = await adminContext.request.get(`/api/users/${id}`);
    expect(res.status()).toBe(200);
    expect(await res.json()).toMatchObject({ username: newUser.username, active: false });
    expect(await apiLoginStatus(newUser.username, newUser.password)).toBe(401);
  });

  it('ends the deactivated user’s open session: their next page load lands on the login page', async () => {
    expect(userContext).toBeDefined();
    const page = userContext!.pages()[0]!;
    expect(await sessionStatus(userContext!.request)).toBe(401);
    await page.reload();
    await expectLoginPage(page);
    expect(await greeting(page, newUser.displayName).count()).toBe(0);
    // Logging in again is refused with the same generic message as a wrong password: nothing tells that the
    // account exists but is deactivated.
    await submitLogin(page, newUser.username, newUser.password);
    await notification(page, fa.auth.invalid_credentials).waitFor();
    await expectLoginPage(page);
    expect(await sessionStatus(userContext!.request)).toBe(401);
    await userContext!.close();
  });
});
