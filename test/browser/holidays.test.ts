import { mkdir } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { launchBrowser } from '../support/browser.ts';
import { type RunningServer, startServer } from '../support/server.ts';
import {
  DEMO_ACCOUNTS,
  en,
  fa,
  interpolated,
  logIn,
  newContext,
  notification,
  plural,
  ra,
  settle,
  sideMenu,
  snap,
  switchLanguage,
} from './helpers.ts';

/**
 * The admin keeps the working calendar in Persian: the holidays of the Solar Hijri year, a new one added by its
 * Solar Hijri day, the Thursday rule beside them, and each office's stage targets. An office reads them all
 * and changes nothing. Screenshots of each screen in both languages go to SCREENSHOT_DIR (default: a folder
 * under the system's temporary directory), not into the repository.
 */

const SHOTS = process.env.SCREENSHOT_DIR ?? path.join(os.tmpdir(), 'dd-screenshots', 'working-calendar');
const holidays = fa.resources.holidays;

let server: RunningServer;
let browser: Browser;
let context: BrowserContext;
let admin: Page;

beforeAll(async () => {
  server = await startServer();
  browser = await launchBrowser();
  context = await newContext(browser, server.url);
  admin = await context.newPage();
  await mkdir(SHOTS, { recursive: true });
});

afterAll(async () => {
  await browser?.close();
  await server?.stop();
});

beforeEach(({ onTestFailed }) => {
  onTestFailed(() => console.error(`server output:\n${server?.output()}`));
});

const main = (page: Page) => page.getByRole('main');
const account = (username: string) => DEMO_ACCOUNTS.find((a) => a.username === username)!;
/** A screenshot for looking at, outside the repository. */
async function shot(page: Page, name: string) {
  await snap(page, `working-calendar-${name}`);
  await page.screenshot({ path: path.join(SHOTS, `${name}.png`), fullPage: true });
}
const escapeRegExp = (text: string) => text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
/** Text holding this message (a chip's label within a row's text). */
const containing = (text: string) => new RegExp(escapeRegExp(text));
/** Text beginning as this message does, up to its first placeholder. */
const startingWith = (template: string) => new RegExp(`^${escapeRegExp(template.split('%{')[0] ?? template)}`);
const holidayRow = (page: Page, name: string) =>
  main(page)
    .getByRole('table')
    .getByRole('row')
    .filter({ has: page.getByRole('cell', { name, exact: true }) });

describe('the holidays screen, in Persian', () => {
  it('lists this Solar Hijri year’s holidays with the Thursday rule beside them', async () => {
    await logIn(admin, account('admin'));
    await sideMenu(admin)
      .getByRole('menuitem', { name: plural(holidays.name), exact: true })
      .click();
    await expect.poll(() => new URL(admin.url()).hash).toMatch(/^#\/holidays/);
    await holidayRow(admin, 'روز ملی شدن صنعت نفت').waitFor();
    // 29 Esfand 1405, a Saturday, shown in the Solar Hijri calendar with Persian digits.
    await expect
      .poll(() => holidayRow(admin, 'روز ملی شدن صنعت نفت').getByRole('cell').first().textContent())
      .toMatch(/۲۹ اسفند ۱۴۰۵[\s\S]*شنبه/);
    expect(await main(admin).getByRole('table').getByRole('cell', { name: 'عید نوروز', exact: true }).count()).toBe(4);
    const week = main(admin).getByRole('region', { name: fa.calendar.week.title });
    await expect
      .poll(() => week.getByRole('radio', { name: fa.calendar.week.rules.working, exact: true }).isChecked())
      .toBe(true);
    await shot(admin, 'fa-holidays');
  });

  it('adds a holiday by its Solar Hijri day, typed in Persian digits, and lists it', async () => {
    await main(admin).getByRole('link', { name: ra.fa.create, exact: true }).click();
    const day = main(admin).getByRole('textbox', { name: holidays.fields.date });
    await day.fill('۱۴۰۵/۷/۱۵');
    // The day read back, spelled out: Wednesday 15 Mehr 1405 (2026-10-07).
    await expect.poll(() => main(admin).getByText('چهارشنبه، ۱۵ مهر ۱۴۰۵').count()).toBe(1);
    await main(admin).getByRole('textbox', { name: holidays.fields.nameFa }).fill('تعطیلی ویژهٔ دانشگاه');
    await main(admin).getByRole('textbox', { name: holidays.fields.nameEn }).fill('University closure');
    await main(admin).getByRole('combobox', { name: holidays.fields.kind }).click();
    await admin
      .getByRole('listbox')
      .getByRole('option', { name: fa.calendar.holidays.kinds.other, exact: true })
      .click();
    await shot(admin, 'fa-holiday-create');
    await main(admin).getByRole('button', { name: ra.fa.save, exact: true }).click();
    await notification(admin, ra.fa.created).waitFor();
    const row = holidayRow(admin, 'تعطیلی ویژهٔ دانشگاه');
    await row.waitFor();
    expect(await row.getByRole('cell').first().textContent()).toMatch(/۱۵ مهر ۱۴۰۵/);
    const stored = await admin.evaluate(async () => {
      const res = await fetch('/api/holidays?filter=%7B%22q%22%3A%22University%22%7D');
      return (await res.json()) as Array<{ date: string; kind: string }>;
    });
    expect(stored).toEqual([expect.objectContaining({ date: '2026-10-07', kind: 'other' })]);
  });

  it('refuses a day that is not one, naming the field', async () => {
    await main(admin).getByRole('link', { name: ra.fa.create, exact: true }).click();
    const day = main(admin).getByRole('textbox', { name: holidays.fields.date });
    await day.fill('۱۴۰۵/۱۳/۰۱');
    await main(admin).getByRole('button', { name: ra.fa.save, exact: true }).click();
    await main(admin).getByText(fa.calendar.holidays.day_invalid).waitFor();
    await admin.goBack();
  });

  it('sets the Thursday rule', async () => {
    const week = main(admin).getByRole('region', { name: fa.calendar.week.title });
    await week.getByRole('radio', { name: fa.calendar.week.rules.half, exact: true }).click();
    await notification(admin, fa.calendar.week.saved).waitFor();
    expect(await week.getByRole('radio', { name: fa.calendar.week.rules.half, exact: true }).isChecked()).toBe(true);
  });

  it('shows the stage targets as a grid the admin can change', async () => {
    await sideMenu(admin)
      .getByRole('menuitem', { name: plural(fa.resources['stage-targets'].name), exact: true })
      .click();
    const cell = main(admin).getByRole('textbox', {
      name: interpolated(fa.calendar.targets.cell, {
        office: fa.assignment.offices.free_education_officer,
        stage: fa.stages.submitted,
      }),
    });
    await cell.waitFor();
    expect(await cell.inputValue()).toBe('۱۰');
    await cell.fill('۷');
    await main(admin).getByRole('button', { name: ra.fa.save, exact: true }).click();
    await notification(admin, fa.calendar.targets.saved).waitFor();
    await expect.poll(() => cell.inputValue()).toBe('۷');
    await shot(admin, 'fa-stage-targets');
  });
});

describe('in English', () => {
  it('shows the same screens', async () => {
    await switchLanguage(admin, 'fa', 'en');
    await shot(admin, 'en-stage-targets');
    await sideMenu(admin)
      .getByRole('menuitem', { name: plural(en.resources.holidays.name), exact: true })
      .click();
    await holidayRow(admin, 'University closure').waitFor();
    expect(await holidayRow(admin, 'University closure').getByRole('cell').first().textContent()).toMatch(
      /15 Mehr 1405[\s\S]*Wednesday/,
    );
    await shot(admin, 'en-holidays');
    await main(admin).getByRole('link', { name: ra.en.create, exact: true }).click();
    await main(admin).getByRole('textbox', { name: en.resources.holidays.fields.date }).fill('1405/01/13');
    await expect.poll(() => main(admin).getByText('Thursday, 2 April 2026').count()).toBe(1);
    await shot(admin, 'en-holiday-create');
    await admin.goBack();
    await switchLanguage(admin, 'en', 'fa');
  });
});

describe('an office', () => {
  it('reads the calendar and the targets, and can change neither', async () => {
    const officeContext = await newContext(browser, server.url);
    const office = await officeContext.newPage();
    await logIn(office, account('graduate.office'));
    await sideMenu(office)
      .getByRole('menuitem', { name: plural(holidays.name), exact: true })
      .click();
    await holidayRow(office, 'روز طبیعت').waitFor();
    await settle(office);
    expect(await main(office).getByRole('link', { name: ra.fa.create, exact: true }).count()).toBe(0);
    const week = main(office).getByRole('region', { name: fa.calendar.week.title });
    expect(await week.getByRole('radio', { name: fa.calendar.week.rules.half, exact: true }).isChecked()).toBe(true);
    expect(await week.getByRole('radio', { name: fa.calendar.week.rules.off, exact: true }).isDisabled()).toBe(true);
    await sideMenu(office)
      .getByRole('menuitem', { name: plural(fa.resources['stage-targets'].name), exact: true })
      .click();
    await main(office).getByText(fa.calendar.targets.explanation).waitFor();
    await settle(office);
    expect(await main(office).getByRole('textbox').count()).toBe(0);
    expect(await main(office).getByRole('button', { name: ra.fa.save, exact: true }).count()).toBe(0);
    await shot(office, 'fa-stage-targets-office');

    // The flags in the request list and on a request, by the office's own targets, in working days.
    const overdue = encodeURIComponent(JSON.stringify({ overdue: true }));
    await office.goto(`/#/requests?filter=${overdue}`);
    const late = containing(fa.requests.overdue.label.replace('%{days}', '۱۰'));
    const rows = main(office).getByRole('table').getByRole('row').filter({ hasText: late });
    await rows.first().waitFor();
    await shot(office, 'fa-requests-overdue');
    // The first cell is the selection's checkbox; the name opens the request.
    await rows.first().getByRole('cell').nth(1).click();
    await main(office).getByText(late).first().waitFor();
    await main(office).getByText(startingWith(fa.requests.waiting.on)).waitFor();
    await shot(office, 'fa-request-overdue');
    await switchLanguage(office, 'fa', 'en');
    await main(office).getByText(startingWith(en.requests.waiting.on)).waitFor();
    await shot(office, 'en-request-overdue');
    await office.goto(`/#/requests?filter=${overdue}`);
    await main(office)
      .getByRole('table')
      .getByRole('row')
      .filter({ hasText: containing(en.requests.overdue.label.replace('%{days}', '10')) })
      .first()
      .waitFor();
    await shot(office, 'en-requests-overdue');
    await officeContext.close();
  });
});
