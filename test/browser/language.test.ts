import type { Browser, BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { launchBrowser } from '../support/browser.ts';
import { type RunningServer, startServer } from '../support/server.ts';
import {
  DEMO_ACCOUNTS,
  DEMO_PASSWORD,
  documentLocale,
  en,
  expectLoginPage,
  fa,
  greeting,
  hashOf,
  interpolated,
  LANGUAGE_NAMES,
  type Lang,
  logOut,
  newContext,
  officeLine,
  plural,
  ra,
  sideMenu,
  snap,
  submitLogin,
  todayInTehran,
  usersMenuItem,
  visibleText,
} from './helpers.ts';

const admin = DEMO_ACCOUNTS.find((a) => a.role === 'admin')!;

let server: RunningServer;
let browser: Browser;
/** One browser profile for the whole file: the language choice must survive login, reload and logout. */
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

const PERSIAN_DIGITS = /[۰-۹]/;
const LATIN_DIGITS = /[0-9]/;

/** The language toggle under the login form. */
const loginToggle = (lang: Lang) =>
  page.getByRole('group', { name: (lang === 'fa' ? fa : en).app.language, exact: true });

/** The "Today: …" line of the dashboard, without the bidi isolates around the date. */
async function todayLine(lang: Lang): Promise<string> {
  const prefix = (lang === 'fa' ? fa : en).dashboard.today.replace('%{date}', '');
  const line = page.getByRole('main').getByText(prefix, { exact: false });
  await line.waitFor();
  return visibleText(line);
}

/**
 * The dashboard shows today's date in the calendar of the language. Today is computed here, in Tehran's time
 * zone, independently of the app; a second candidate a few minutes back keeps the check stable at midnight.
 */
async function expectTodayIn(lang: Lang): Promise<void> {
  const candidates = [todayInTehran(), todayInTehran(new Date(Date.now() - 5 * 60_000))];
  const text = await todayLine(lang);
  if (lang === 'fa') {
    expect(text.startsWith('امروز: ')).toBe(true);
    expect(text).toMatch(PERSIAN_DIGITS);
    expect(text).not.toMatch(LATIN_DIGITS);
    const matches = candidates.some(({ fa: today }) =>
      [today.year, today.month, today.day, today.weekday].every((part) => text.split(/[\s،]+/).includes(part)),
    );
    expect(matches, `"${text}" shows the Solar Hijri date ${JSON.stringify(candidates[0]!.fa)}`).toBe(true);
    // Solar Hijri, not Gregorian: the Gregorian year in Persian digits must not be there.
    const gregorian = Number(candidates[0]!.fa.gregorianYear).toLocaleString('fa-IR', { useGrouping: false });
    expect(text).not.toContain(gregorian);
  } else {
    expect(text.startsWith('Today: ')).toBe(true);
    expect(text).not.toMatch(PERSIAN_DIGITS);
    const matches = candidates.some(({ en: today }) =>
      [today.year, today.month, today.day, today.weekday].every((part) => text.split(/[\s,]+/).includes(part)),
    );
    expect(matches, `"${text}" shows the Gregorian date ${JSON.stringify(candidates[0]!.en)}`).toBe(true);
  }
}

async function expectDocument(lang: Lang): Promise<void> {
  await expect.poll(() => documentLocale(page)).toEqual({ lang, dir: lang === 'fa' ? 'rtl' : 'ltr' });
  expect(await page.title()).toBe((lang === 'fa' ? fa : en).app.name);
}

describe('language and direction', () => {
  it('the login page starts in Persian, right to left, whatever the browser language', async () => {
    expect(await page.evaluate(() => navigator.language)).toBe('en-US');
    await page.goto('/');
    await expectLoginPage(page, 'fa');
    await expectDocument('fa');
    await page.getByRole('heading', { level: 1, name: fa.app.name, exact: true }).waitFor();
    expect(await loginToggle('fa').getByRole('button', { name: LANGUAGE_NAMES.fa }).getAttribute('aria-pressed')).toBe(
      'true',
    );
  });

  it('the login-page toggle switches to English, left to right', async () => {
    await loginToggle('fa').getByRole('button', { name: LANGUAGE_NAMES.en, exact: true }).click();
    await expectLoginPage(page, 'en');
    await expectDocument('en');
    await page.getByRole('heading', { level: 1, name: en.app.name, exact: true }).waitFor();
    await page.getByText(en.app.subtitle, { exact: true }).waitFor();
    expect(await loginToggle('en').getByRole('button', { name: LANGUAGE_NAMES.en }).getAttribute('aria-pressed')).toBe(
      'true',
    );
    expect(await page.getByRole('button', { name: ra.fa.signIn, exact: true }).count()).toBe(0);
    await snap(page, 'en-login');
  });

  it('after login the dashboard is in English with the Gregorian date', async () => {
    await submitLogin(page, admin.username, DEMO_PASSWORD, 'en');
    await greeting(page, admin.displayName, 'en').waitFor();
    await expectDocument('en');
    await officeLine(page, 'admin', 'en').waitFor();
    await page.getByText(en.duties.admin, { exact: true }).waitFor();
    await sideMenu(page).getByRole('menuitem', { name: ra.en.dashboard, exact: true }).waitFor();
    await usersMenuItem(page, 'en').waitFor();
    await page.getByRole('banner').getByRole('button', { name: LANGUAGE_NAMES.en, exact: true }).waitFor();
    await expectTodayIn('en');
    await snap(page, 'en-dashboard');
  });

  it('the users list is in English, with Gregorian dates', async () => {
    await usersMenuItem(page, 'en').click();
    await page
      .getByRole('banner')
      .getByRole('heading', { name: interpolated('%{name}', { name: plural(en.resources.users.name) }) })
      .waitFor();
    const table = page.getByRole('main').getByRole('table');
    await table.getByRole('cell', { name: 'auditor', exact: true }).waitFor();
    expect(hashOf(page)).toBe('#/users');
    expect(await table.getByRole('columnheader').allInnerTexts()).toEqual([
      en.resources.users.fields.username,
      en.resources.users.fields.displayName,
      en.resources.users.fields.role,
      en.resources.users.fields.active,
      en.resources.users.fields.createdAt,
    ]);
    const auditorRow = table.getByRole('row').filter({ has: page.getByRole('cell', { name: 'auditor', exact: true }) });
    const cells = (await auditorRow.getByRole('cell').allInnerTexts()).map((text) => text.trim());
    expect(cells.slice(2, 4)).toEqual([en.roles.auditor, en.resources.users.status.active]);
    const created = cells[4] ?? '';
    expect(created).toContain(todayInTehran().en.year);
    expect(created).not.toMatch(PERSIAN_DIGITS);
    await snap(page, 'en-users');
  });

  it('the app-bar language menu switches back to Persian, right to left', async () => {
    await page.getByRole('banner').getByRole('button', { name: LANGUAGE_NAMES.en, exact: true }).click();
    await page.getByRole('menuitem', { name: LANGUAGE_NAMES.fa, exact: true }).click();
    await expectDocument('fa');
    await usersMenuItem(page, 'fa').waitFor();
    await page.getByRole('banner').getByRole('button', { name: LANGUAGE_NAMES.fa, exact: true }).waitFor();
    const table = page.getByRole('main').getByRole('table');
    expect(await table.getByRole('columnheader').first().textContent()).toBe(fa.resources.users.fields.username);
    expect(hashOf(page)).toBe('#/users');
  });

  it('a reload keeps Persian, and the dashboard shows the Solar Hijri date in Persian digits', async () => {
    await page.reload();
    await usersMenuItem(page, 'fa').waitFor();
    await expectDocument('fa');
    await sideMenu(page).getByRole('menuitem', { name: ra.fa.dashboard, exact: true }).click();
    await greeting(page, admin.displayName, 'fa').waitFor();
    await officeLine(page, 'admin', 'fa').waitFor();
    await expectTodayIn('fa');
  });

  it('English chosen in the app bar survives a reload and a logout', async () => {
    await page.getByRole('banner').getByRole('button', { name: LANGUAGE_NAMES.fa, exact: true }).click();
    await page.getByRole('menuitem', { name: LANGUAGE_NAMES.en, exact: true }).click();
    await greeting(page, admin.displayName, 'en').waitFor();
    await expectDocument('en');
    await page.reload();
    await greeting(page, admin.displayName, 'en').waitFor();
    await expectDocument('en');
    await logOut(page, 'en');
    await expectDocument('en');
    await page.getByRole('heading', { level: 1, name: en.app.name, exact: true }).waitFor();
  });
});
