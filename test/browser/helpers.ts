import type { APIRequestContext, Browser, BrowserContext, Locator, Page } from 'playwright-core';
import { expect } from 'vitest';
import { en } from '../../admin-ui/src/i18n/en.ts';
import { fa, faFrameworkFixes } from '../../admin-ui/src/i18n/fa.ts';
import { screenshot } from '../support/browser.ts';

export { en, fa };

export type Lang = 'fa' | 'en';
export type StaffRole = 'admin' | 'graduate_officer' | 'free_education_officer' | 'welfare_officer' | 'auditor';

/** The demo accounts as the seed (db/src/seed.ts) creates them; stated here so that the tests check them. */
export const DEMO_PASSWORD = 'demo-pass-1405';
export const DEMO_ACCOUNTS: ReadonlyArray<{ username: string; role: StaffRole; displayName: string }> = [
  { username: 'admin', role: 'admin', displayName: 'مدیر سامانه' },
  { username: 'graduate.office', role: 'graduate_officer', displayName: 'کارشناس دفتر تحصیلات تکمیلی' },
  { username: 'free.education', role: 'free_education_officer', displayName: 'کارشناس لغو تعهد آموزش رایگان' },
  { username: 'welfare.office', role: 'welfare_officer', displayName: 'کارشناس اداره رفاه دانشجویی' },
  { username: 'auditor', role: 'auditor', displayName: 'حسابرس داخلی' },
];

export const messages = { fa, en } as const;

/**
 * react-admin's own strings as the app shows them: Persian from ra-language-farsi overridden by
 * faFrameworkFixes (admin-ui/src/i18n/fa.ts), English from ra-language-english. Copied, because the test
 * package does not depend on those packages.
 */
export const ra = {
  fa: {
    username: faFrameworkFixes.ra.auth.username,
    password: faFrameworkFixes.ra.auth.password,
    signIn: 'ورود',
    userMenu: faFrameworkFixes.ra.auth.user_menu,
    logout: 'خروج',
    dashboard: faFrameworkFixes.ra.page.dashboard,
    create: 'ایجاد',
    createTitle: 'ایجاد %{name}',
    save: 'ذخیره',
    created: faFrameworkFixes.ra.notification.created,
    updated: singular(faFrameworkFixes.ra.notification.updated),
    accessDenied: 'دسترسی رد شد',
  },
  en: {
    username: 'Username',
    password: 'Password',
    signIn: 'Sign in',
    userMenu: 'Profile',
    logout: 'Logout',
    dashboard: 'Dashboard',
    create: 'Create',
    createTitle: 'Create %{name}',
    save: 'Save',
    created: 'Element created',
    updated: 'Element updated',
    accessDenied: 'Access denied',
  },
} as const;

/** Names of the languages in the login toggle and the app-bar language menu (admin-ui/src/i18n/locales.ts). */
export const LANGUAGE_NAMES = { fa: 'فارسی', en: 'English' } as const;

/** The first form of a polyglot "singular |||| plural" message. */
export function singular(message: string): string {
  return (message.split('||||')[0] ?? message).trim();
}

/** The second form of a polyglot "singular |||| plural" message (react-admin's menu uses the plural). */
export function plural(message: string): string {
  return (message.split('||||')[1] ?? message).trim();
}

const escapeRegExp = (text: string) => text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

/**
 * A whole-text matcher for a translated message with %{placeholders}. The app wraps interpolated values in
 * Unicode bidi isolates (U+2068 … U+2069) so that Latin names do not scramble Persian sentences; the matcher
 * accepts them but does not require them.
 */
export function interpolated(template: string, values: Record<string, string>): RegExp {
  let source = '';
  let rest = template;
  for (;;) {
    const match = /%\{(\w+)\}/.exec(rest);
    if (!match) break;
    const value = values[match[1] ?? ''];
    if (value === undefined) throw new Error(`no value for %{${match[1]}} in "${template}"`);
    source += `${escapeRegExp(rest.slice(0, match.index))}\u2068?${escapeRegExp(value)}\u2069?`;
    rest = rest.slice(match.index + match[0].length);
  }
  return new RegExp(`^${source}${escapeRegExp(rest)}$`);
}

/** Removes bidi isolates and marks, for comparing visible text. */
export const withoutBidiMarks = (text: string) => text.replace(/[\u200e\u200f\u2066-\u2069]/g, '');

/** A fresh browser profile (cookies, localStorage) whose browser language is English: the app must still start Persian. */
export async function newContext(browser: Browser, baseURL: string): Promise<BrowserContext> {
  return browser.newContext({ baseURL, viewport: { width: 1280, height: 800 }, locale: 'en-US' });
}

/** The hash route of the page, e.g. "#/users". */
export const hashOf = (page: Page) => new URL(page.url()).hash;

export const usernameField = (page: Page, lang: Lang = 'fa') =>
  page.getByRole('textbox', { name: ra[lang].username, exact: true });
export const passwordField = (page: Page, lang: Lang = 'fa') =>
  page.getByRole('textbox', { name: ra[lang].password, exact: true });
export const signInButton = (page: Page, lang: Lang = 'fa') =>
  page.getByRole('button', { name: ra[lang].signIn, exact: true });

/** The login page is showing: the form is there and the hash route is #/login. */
export async function expectLoginPage(page: Page, lang: Lang = 'fa'): Promise<void> {
  await signInButton(page, lang).waitFor();
  await usernameField(page, lang).waitFor();
  await passwordField(page, lang).waitFor();
  await expect.poll(() => hashOf(page)).toBe('#/login');
}

/** Fills and submits the login form (the page must show it). */
export async function submitLogin(page: Page, username: string, password: string, lang: Lang = 'fa'): Promise<void> {
  await usernameField(page, lang).fill(username);
  await passwordField(page, lang).fill(password);
  await signInButton(page, lang).click();
}

/** The dashboard greeting of a user, a level-2 heading. */
export const greeting = (page: Page, displayName: string, lang: Lang = 'fa') =>
  page.getByRole('heading', { level: 2, name: interpolated(messages[lang].dashboard.greeting, { name: displayName }) });

/** The "role — office" line under the greeting. */
export const officeLine = (page: Page, role: StaffRole, lang: Lang = 'fa') =>
  page.getByRole('heading', {
    name: interpolated(messages[lang].dashboard.office, {
      role: messages[lang].roles[role],
      office: messages[lang].offices[role],
    }),
  });

/** Logs in through the login page and waits for the dashboard greeting. */
export async function logIn(
  page: Page,
  account: { username: string; displayName: string; password?: string },
  lang: Lang = 'fa',
): Promise<void> {
  await page.goto('/#/login');
  await expectLoginPage(page, lang);
  await submitLogin(page, account.username, account.password ?? DEMO_PASSWORD, lang);
  await greeting(page, account.displayName, lang).waitFor();
}

export const sideMenu = (page: Page) => page.getByRole('main').getByRole('menu');
export const usersMenuItem = (page: Page, lang: Lang = 'fa') =>
  sideMenu(page).getByRole('menuitem', { name: plural(messages[lang].resources.users.name), exact: true });

/** Logs out through the user menu in the app bar. */
export async function logOut(page: Page, lang: Lang = 'fa'): Promise<void> {
  await page.getByRole('banner').getByRole('button', { name: ra[lang].userMenu, exact: true }).click();
  await page.getByRole('menuitem', { name: ra[lang].logout, exact: true }).click();
  await expectLoginPage(page, lang);
}

/** The notification snackbar with exactly this text. */
export const notification = (page: Page, text: string | RegExp) =>
  page.getByRole('alert').filter({ hasText: typeof text === 'string' ? new RegExp(`^${escapeRegExp(text)}$`) : text });

/** Status of GET /api/auth/session with the cookies of a browser context. */
export async function sessionStatus(request: APIRequestContext): Promise<number> {
  const res = await request.get('/api/auth/session');
  return res.status();
}

/** The document's lang and dir, as the app sets them on <html>. */
export async function documentLocale(page: Page): Promise<{ lang: string; dir: string }> {
  return page.evaluate(() => ({ lang: document.documentElement.lang, dir: document.documentElement.dir }));
}

/**
 * A screenshot once the web fonts have loaded, no progress indicator is spinning, and transitions (a
 * snackbar sliding in, a switch moving) have ended.
 */
export async function snap(page: Page, name: string): Promise<void> {
  await page.getByRole('progressbar').first().waitFor({ state: 'detached' });
  await page.evaluate(async () => {
    await document.fonts.ready;
    const finite = document
      .getAnimations()
      .filter((animation) => Number.isFinite(animation.effect?.getComputedTiming().endTime ?? Infinity));
    await Promise.all(finite.map((animation) => animation.finished.catch(() => undefined)));
  });
  await screenshot(page, name);
}

/** Today's date in Tehran (the app's time zone), in parts, for each calendar the UI uses. */
export function todayInTehran(at: Date = new Date()) {
  const part = (locale: string, options: Intl.DateTimeFormatOptions) =>
    new Intl.DateTimeFormat(locale, { ...options, timeZone: 'Asia/Tehran' }).format(at);
  return {
    fa: {
      year: part('fa-IR-u-ca-persian', { year: 'numeric' }),
      month: part('fa-IR-u-ca-persian', { month: 'long' }),
      day: part('fa-IR-u-ca-persian', { day: 'numeric' }),
      weekday: part('fa-IR', { weekday: 'long' }),
      gregorianYear: String(Number(part('en-GB', { year: 'numeric' }))),
    },
    en: {
      year: part('en-GB', { year: 'numeric' }),
      month: part('en-GB', { month: 'long' }),
      day: part('en-GB', { day: 'numeric' }),
      weekday: part('en-GB', { weekday: 'long' }),
    },
  };
}

/** The visible text of a locator without bidi marks. */
export async function visibleText(locator: Locator): Promise<string> {
  return withoutBidiMarks(((await locator.textContent()) ?? '').trim());
}
