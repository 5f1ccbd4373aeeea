import { readFile } from 'node:fs/promises';
import type { APIRequestContext, Browser, BrowserContext, Locator, Page } from 'playwright-core';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { faFrameworkFixes } from '../../admin-ui/src/i18n/fa.ts';
import { launchBrowser } from '../support/browser.ts';
import { type RunningServer, startServer } from '../support/server.ts';
import {
  DEMO_ACCOUNTS,
  DEMO_PASSWORD,
  documentLocale,
  en,
  fa,
  hashOf,
  interpolated,
  LANGUAGE_NAMES,
  type Lang,
  logIn,
  newContext,
  notification,
  plural,
  sideMenu,
  snap,
  visibleText,
  withoutBidiMarks,
} from './helpers.ts';

/**
 * The auditor's workspace: the Welfare Office changes a welfare record (through the API, as set-up), then
 * the auditor finds that change in the audit log by office, action and a Solar Hijri day range, reads its
 * diff, exports the filtered view as CSV, verifies the hash chain, and follows the request's full timeline.
 */

const auditor = DEMO_ACCOUNTS.find((a) => a.role === 'auditor')!;
const welfareOfficer = DEMO_ACCOUNTS.find((a) => a.role === 'welfare_officer')!;
const NOTE = 'بدهی وام شهریه؛ تسویه در جریان است';

/** react-admin's own strings (ra-language-farsi, ra-language-english), which the test package does not depend on. */
const raStrings = {
  fa: { addFilter: 'اضافه‌کردن فیلتر', close: faFrameworkFixes.ra.action.close },
  en: { addFilter: 'Add filter', close: 'Close' },
} as const;

const CSV_HEADER = 'id,at,actorId,role,action,subjectType,subjectId,requestId,ip,userAgent,before,after,prevHash,hash';
const PERSIAN_DIGIT = /[۰-۹]/;
const LATIN_DIGIT = /[0-9]/;
const LONG = { timeout: 15_000 } as const;

let server: RunningServer;
let browser: Browser;
let context: BrowserContext;
let page: Page;
/** The request whose welfare record the Welfare Office changed, and the event that recorded it. */
let requestId = '';
let eventId = '';

interface RequestDetail {
  id: string;
  version: number;
  welfare: { hasDebt: boolean | null; settled: boolean; note: string | null };
  caseRules: { welfare: unknown[] };
}

interface AuditEventBody {
  id: string;
  action: string;
  role: string;
  requestId: string;
  before: unknown;
  after: unknown;
  prevHash: string;
  hash: string;
}

/** Today in Tehran as the day inputs take it: Solar Hijri with Persian digits, or Gregorian. */
function todayText(lang: Lang): string {
  const calendar = lang === 'fa' ? 'fa-IR-u-ca-persian' : 'en-CA';
  const parts = new Intl.DateTimeFormat(calendar, {
    timeZone: 'Asia/Tehran',
    year: 'numeric',
    month: '2-digit',
    day: '2-digit',
  }).formatToParts(new Date());
  const part = (type: string) => parts.find((p) => p.type === type)?.value ?? '';
  return lang === 'fa'
    ? `${part('year')}/${part('month')}/${part('day')}`
    : `${part('year')}-${part('month')}-${part('day')}`;
}

const latin = (text: string) => text.replace(/[۰-۹]/g, (d) => String(d.charCodeAt(0) - 0x06f0));
const persian = (value: number | string) => String(value).replace(/[0-9]/g, (d) => '۰۱۲۳۴۵۶۷۸۹'[Number(d)] ?? d);

/** Logs a staff member in through the API, as a script would, and returns their request context. */
async function apiSession(username: string): Promise<APIRequestContext> {
  const ctx = await browser.newContext({ baseURL: server.url, extraHTTPHeaders: { Origin: server.url } });
  const res = await ctx.request.post('/api/auth/login', { data: { username, password: DEMO_PASSWORD } });
  expect(res.status()).toBe(200);
  return ctx.request;
}

/** The Welfare Office records a debt on a request whose welfare record is still open to change. */
async function changeAWelfareRecord(): Promise<void> {
  const api = await apiSession(welfareOfficer.username);
  const list = await api.get(`/api/requests?filter=${encodeURIComponent('{"queue":"welfare_officer"}')}&range=[0,49]`);
  expect(list.status()).toBe(200);
  for (const { id } of (await list.json()) as { id: string }[]) {
    const detail = (await (await api.get(`/api/requests/${id}`)).json()) as RequestDetail;
    if (detail.caseRules.welfare.length > 0) continue;
    const res = await api.put(`/api/requests/${id}/welfare`, {
      data: { version: detail.version, hasDebt: true, settled: false, note: NOTE },
    });
    expect(res.status(), await res.text()).toBe(200);
    requestId = id;
    return;
  }
  throw new Error('no request in the welfare queue whose welfare record can change');
}

beforeAll(async () => {
  server = await startServer();
  browser = await launchBrowser();
  await changeAWelfareRecord();
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

const main = () => page.getByRole('main');
const labels = (lang: Lang) => (lang === 'fa' ? fa : en);
const fields = (lang: Lang = 'fa') => labels(lang).resources['audit-events'].fields;
const table = () => main().getByRole('table').first();
/** The body rows of the list (the header row has column headers, not cells). */
const rows = () =>
  table()
    .getByRole('row')
    .filter({ has: page.getByRole('cell') });
const cellTexts = async (row: Locator) =>
  (await row.getByRole('cell').allInnerTexts()).map((text) => withoutBidiMarks(text).trim());
const auditMenuItem = (lang: Lang) =>
  sideMenu(page).getByRole('menuitem', { name: plural(labels(lang).resources['audit-events'].name), exact: true });

/** Adds a select filter from the "Add filter" menu and picks an option. */
async function selectFilter(label: string, option: string): Promise<void> {
  await main().getByRole('button', { name: raStrings.fa.addFilter, exact: true }).click();
  await page.getByRole('menuitemcheckbox', { name: label, exact: true }).click();
  await main().getByRole('combobox', { name: label, exact: true }).click();
  await page.getByRole('listbox').getByRole('option', { name: option, exact: true }).click();
  await expect.poll(() => main().getByRole('combobox', { name: label, exact: true }).textContent()).toBe(option);
}

async function auditEvent(id: string): Promise<AuditEventBody> {
  const res = await context.request.get(`/api/audit-events/${id}`);
  expect(res.status()).toBe(200);
  return (await res.json()) as AuditEventBody;
}

async function switchLanguage(from: Lang, to: Lang): Promise<void> {
  await page.getByRole('banner').getByRole('button', { name: LANGUAGE_NAMES[from], exact: true }).click();
  await page.getByRole('menuitem', { name: LANGUAGE_NAMES[to], exact: true }).click();
  await expect.poll(() => documentLocale(page)).toEqual({ lang: to, dir: to === 'fa' ? 'rtl' : 'ltr' });
}

describe('the auditor’s workspace', () => {
  it('the auditor opens the audit log from the menu', async () => {
    await logIn(page, auditor);
    await auditMenuItem('fa').click();
    await expect.poll(() => hashOf(page)).toMatch(/^#\/audit-events/);
    await rows().first().waitFor();
    const f = fields();
    expect(await table().getByRole('columnheader').allInnerTexts()).toEqual([
      f.id,
      f.at,
      f.actor,
      f.role,
      f.action,
      f.subject,
      f.ip,
    ]);
  });

  it('filters by office, action and a Solar Hijri day range down to the Welfare Office’s change', async () => {
    const f = fields();
    await selectFilter(f.role, fa.offices.welfare_officer);
    await selectFilter(f.action, fa.audit.actions['welfare.update']);
    const today = todayText('fa');
    await main().getByRole('textbox', { name: f.from, exact: true }).fill(today);
    await main().getByRole('textbox', { name: f.to, exact: true }).fill(today);
    await expect.poll(() => decodeURIComponent(hashOf(page)), LONG).toContain(`"to":"${today}"`);

    await expect.poll(() => rows().count(), LONG).toBe(1);
    const [number, at, actor, office, action, subject, ip] = await cellTexts(rows().first());
    expect(office).toBe(fa.offices.welfare_officer);
    expect(action).toBe(fa.audit.actions['welfare.update']);
    expect(actor).toContain(welfareOfficer.displayName);
    expect(subject).toContain(fa.audit.subject_types.request);
    expect(ip).toMatch(/^[0-9a-f.:]+$/);
    // Event numbers and times in Persian digits; the time in the Solar Hijri year, with seconds.
    expect(number).toMatch(/^[۰-۹]+$/);
    expect(at).not.toMatch(LATIN_DIGIT);
    expect(at).toContain(today.slice(0, 4));
    // Persian clocks write the hour without a leading zero (۰:۰۵:۲۱ just after midnight, ۲۳:۱۰:۰۰ at night).
    expect(at).toMatch(/[۰-۹]{1,2}:[۰-۹]{2}:[۰-۹]{2}/);
    eventId = latin(number ?? '');
    const event = await auditEvent(eventId);
    expect(event).toMatchObject({ action: 'welfare.update', role: 'welfare_officer', requestId });
    await snap(page, 'fa-audit-list');
  });

  it('opens the event and reads its before/after diff and its place in the chain', async () => {
    await rows().first().getByRole('cell').nth(4).click();
    await expect.poll(() => hashOf(page)).toBe(`#/audit-events/${eventId}/show`);
    await main().getByRole('heading', { level: 1, name: fa.audit.actions['welfare.update'], exact: true }).waitFor();

    const diff = main().getByRole('table', { name: fa.audit.diff.title, exact: true });
    const line = (key: string) =>
      diff.getByRole('row').filter({ has: page.getByRole('cell', { name: key, exact: true }) });
    const hasDebt = await cellTexts(line('hasDebt'));
    expect(hasDebt[0]).toBe('hasDebt');
    expect(hasDebt[3]).toBe('true');
    expect([fa.audit.diff.changes.changed, fa.audit.diff.changes.added]).toContain(hasDebt[1]);
    expect(await cellTexts(line('note'))).toEqual(expect.arrayContaining([NOTE]));
    expect(await diff.getByRole('cell', { name: fa.audit.diff.changes.unchanged, exact: true }).count()).toBe(0);

    const event = await auditEvent(eventId);
    for (const hash of [event.hash, event.prevHash]) {
      const shown = main().getByText(hash, { exact: true });
      await shown.waitFor();
      expect(await shown.evaluate((el) => [el.getAttribute('dir'), getComputedStyle(el).fontFamily])).toEqual([
        'ltr',
        'monospace',
      ]);
    }
    await snap(page, 'fa-audit-event');
  });

  it('exports the filtered view as CSV, showing progress, and saves it under today’s Solar Hijri date', async () => {
    await page.goBack();
    await expect.poll(() => rows().count(), LONG).toBe(1);
    // The server's answer is held back until the progress has been seen, so that the check does not race it.
    let release = () => {};
    const released = new Promise<void>((resolve) => {
      release = resolve;
    });
    await page.route('**/api/audit-events/export.csv?*', async (route) => {
      const response = await route.fetch();
      const body = await response.body();
      await released;
      await route.fulfill({ response, body });
    });
    const downloading = page.waitForEvent('download');
    await main().getByRole('button', { name: fa.audit.export.button, exact: true }).click();
    await main().getByRole('progressbar', { name: fa.audit.export.button, exact: true }).waitFor();
    await main().getByRole('button', { name: fa.audit.export.cancel, exact: true }).waitFor();
    release();
    const download = await downloading;
    await page.unrouteAll();
    await main().getByRole('button', { name: fa.audit.export.button, exact: true }).waitFor();
    expect(download.suggestedFilename()).toBe(`audit-events-${latin(todayText('fa')).replaceAll('/', '-')}.csv`);
    const bytes = await readFile(await download.path());
    expect([...bytes.subarray(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
    const lines = bytes.subarray(3).toString('utf8').split('\r\n');
    expect(lines[0]).toBe(CSV_HEADER);
    expect(lines.at(-1)).toBe('');
    const data = lines.slice(1, -1);
    expect(data).toHaveLength(1);
    expect(data[0]?.startsWith(`${eventId},`)).toBe(true);
    expect(data[0]).toContain(',welfare_officer,welfare.update,request,');
    expect(data[0]).toContain(requestId);
    await notification(
      page,
      interpolated(fa.audit.export.done, { file: download.suggestedFilename(), smart_count: persian(1) }),
    ).waitFor();
  });

  it('verifies the chain: intact, with the number of events checked in Persian digits', async () => {
    await main().getByRole('button', { name: fa.audit.verify.button, exact: true }).click();
    const dialog = page.getByRole('dialog', { name: fa.audit.verify.title, exact: true });
    const verdict = dialog.getByRole('status').getByText(/^زنجیره/);
    await verdict.waitFor(LONG);
    const res = await context.request.get('/api/audit-events/verify');
    const verification = (await res.json()) as { ok: boolean; checked: number };
    expect(verification.ok).toBe(true);
    const text = await visibleText(verdict);
    expect(text).toMatch(
      interpolated(fa.audit.verify.ok, { smart_count: verification.checked.toLocaleString('fa-IR') }),
    );
    expect(text).toMatch(PERSIAN_DIGIT);
    expect(text).not.toMatch(LATIN_DIGIT);
    await snap(page, 'fa-audit-verify');
    await dialog.getByRole('button', { name: raStrings.fa.close, exact: true }).click();
    await dialog.waitFor({ state: 'detached' });
  });

  it('the request page shows the full audit timeline, each event linking to its page', async () => {
    await page.goto(`/#/requests/${requestId}/show`);
    await main().getByRole('tab', { name: fa.requests.tabs.audit, exact: true }).click();
    const timeline = main().getByRole('list', { name: fa.requests.tabs.audit, exact: true });
    const link = timeline.getByRole('link', { name: fa.audit.actions['welfare.update'], exact: true });
    await link.waitFor();
    // Newest first: the change made for this test tops the request's history.
    expect(await visibleText(timeline.getByRole('listitem').first().getByRole('link'))).toBe(
      fa.audit.actions['welfare.update'],
    );
    await snap(page, 'fa-audit-timeline');
    await link.click();
    await expect.poll(() => hashOf(page)).toBe(`#/audit-events/${eventId}/show`);
  });

  it('in English the log shows Gregorian times and takes a Gregorian day range', async () => {
    await switchLanguage('fa', 'en');
    await page.goto(`/#/audit-events?filter=${encodeURIComponent(JSON.stringify({ from: todayText('en') }))}`);
    await auditMenuItem('en').waitFor();
    await expect.poll(() => rows().count(), LONG).toBeGreaterThan(1);
    const f = fields('en');
    expect(await table().getByRole('columnheader').allInnerTexts()).toEqual([
      f.id,
      f.at,
      f.actor,
      f.role,
      f.action,
      f.subject,
      f.ip,
    ]);
    expect(await main().getByRole('textbox', { name: f.from, exact: true }).inputValue()).toBe(todayText('en'));
    const texts = (await rows().allInnerTexts()).join('\n');
    expect(texts).toContain(en.audit.actions['welfare.update']);
    expect(texts).toContain(en.audit.actions['auth.login']);
    expect(texts).not.toMatch(PERSIAN_DIGIT);
    await snap(page, 'en-audit-list');
    await switchLanguage('en', 'fa');
  });
});
