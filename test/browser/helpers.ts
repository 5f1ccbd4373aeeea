import { deflateSync } from 'node:zlib';
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
    search: 'جست‌وجو',
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
    search: 'Search',
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

/** Switches the language through the app-bar language menu and waits for the document to follow. */
export async function switchLanguage(page: Page, from: Lang, to: Lang): Promise<void> {
  await page.getByRole('banner').getByRole('button', { name: LANGUAGE_NAMES[from], exact: true }).click();
  await page.getByRole('menuitem', { name: LANGUAGE_NAMES[to], exact: true }).click();
  await page.getByRole('banner').getByRole('button', { name: LANGUAGE_NAMES[to], exact: true }).waitFor();
  await expect.poll(() => documentLocale(page)).toEqual({ lang: to, dir: to === 'fa' ? 'rtl' : 'ltr' });
}

/**
 * Lets the app render what it decided in the meantime (permission checks are queries that settle a task
 * and a frame after the component mounts): a macrotask, then two animation frames. Use it before asserting
 * that a control is absent, so that the absence is the app's answer and not a check still pending.
 */
export async function settle(page: Page): Promise<void> {
  await page.evaluate(
    () =>
      new Promise<void>((resolve) =>
        setTimeout(() => requestAnimationFrame(() => requestAnimationFrame(() => resolve())), 0),
      ),
  );
}

/** A ten-digit Iranian national ID: the nine digits given and their check digit. */
export function nationalIdFrom(nineDigits: string): string {
  if (!/^[0-9]{9}$/.test(nineDigits)) throw new Error('nine digits expected');
  const sum = [...nineDigits].reduce((total, digit, index) => total + Number(digit) * (10 - index), 0);
  const remainder = sum % 11;
  return `${nineDigits}${remainder < 2 ? remainder : 11 - remainder}`;
}

/** Latin digits written in Persian digits, as a person types them on a Persian keyboard. */
export const persianDigits = (text: string) => text.replace(/[0-9]/g, (d) => '۰۱۲۳۴۵۶۷۸۹'[Number(d)]!);

/** A file for `setFiles`: a name, a type and its bytes. */
export interface UploadFile {
  name: string;
  mimeType: string;
  buffer: Buffer;
}

/** A small valid one-page PDF (A6, landscape) that shows a line of ASCII text. */
export function samplePdf(name: string, text: string): UploadFile {
  const line = text.replace(/[()\\]/g, '');
  const content = `BT /F1 18 Tf 24 140 Td (${line}) Tj ET`;
  const objects = [
    '<< /Type /Catalog /Pages 2 0 R >>',
    '<< /Type /Pages /Kids [3 0 R] /Count 1 >>',
    '<< /Type /Page /Parent 2 0 R /MediaBox [0 0 420 298] /Contents 4 0 R /Resources << /Font << /F1 5 0 R >> >> >>',
    `<< /Length ${content.length} >>\nstream\n${content}\nendstream`,
    '<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>',
  ];
  let body = '%PDF-1.4\n';
  const offsets: number[] = [];
  objects.forEach((object, index) => {
    offsets.push(body.length);
    body += `${index + 1} 0 obj\n${object}\nendobj\n`;
  });
  const xref = body.length;
  body += `xref\n0 ${objects.length + 1}\n0000000000 65535 f \n`;
  for (const offset of offsets) body += `${String(offset).padStart(10, '0')} 00000 n \n`;
  body += `trailer\n<< /Size ${objects.length + 1} /Root 1 0 R >>\nstartxref\n${xref}\n%%EOF\n`;
  return { name, mimeType: 'application/pdf', buffer: Buffer.from(body, 'latin1') };
}

const CRC_TABLE = Array.from({ length: 256 }, (_, n) => {
  let c = n;
  for (let k = 0; k < 8; k++) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1;
  return c >>> 0;
});

function crc32(bytes: Buffer): number {
  let c = 0xffffffff;
  for (const byte of bytes) c = CRC_TABLE[(c ^ byte) & 0xff]! ^ (c >>> 8);
  return (c ^ 0xffffffff) >>> 0;
}

function pngChunk(type: string, data: Buffer): Buffer {
  const length = Buffer.alloc(4);
  length.writeUInt32BE(data.length);
  const typed = Buffer.concat([Buffer.from(type, 'latin1'), data]);
  const crc = Buffer.alloc(4);
  crc.writeUInt32BE(crc32(typed));
  return Buffer.concat([length, typed, crc]);
}

/** A small valid PNG (320×200, RGB): a light card with a coloured band, enough to be seen in a screenshot. */
export function samplePng(name: string, rgb: readonly [number, number, number]): UploadFile {
  const width = 320;
  const height = 200;
  const header = Buffer.alloc(13);
  header.writeUInt32BE(width, 0);
  header.writeUInt32BE(height, 4);
  header.set([8, 2, 0, 0, 0], 8);
  const rows = Buffer.alloc(height * (1 + width * 3));
  for (let y = 0; y < height; y++) {
    const band = y > 30 && y < 70;
    for (let x = 0; x < width; x++) {
      const at = y * (1 + width * 3) + 1 + x * 3;
      rows.set(band ? rgb : [245, 245, 240], at);
    }
  }
  const signature = Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]);
  const buffer = Buffer.concat([
    signature,
    pngChunk('IHDR', header),
    pngChunk('IDAT', deflateSync(rows)),
    pngChunk('IEND', Buffer.alloc(0)),
  ]);
  return { name, mimeType: 'image/png', buffer };
}
