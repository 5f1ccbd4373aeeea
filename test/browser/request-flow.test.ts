import type { Browser, BrowserContext, Locator, Page } from 'playwright-core';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { launchBrowser } from '../support/browser.ts';
import { type RunningServer, startServer } from '../support/server.ts';
import {
  DEMO_ACCOUNTS,
  en,
  fa,
  hashOf,
  interpolated,
  logIn,
  nationalIdFrom,
  newContext,
  notification,
  persianDigits,
  plural,
  ra,
  samplePdf,
  samplePng,
  settle,
  sideMenu,
  singular,
  snap,
  switchLanguage,
  type UploadFile,
  usersMenuItem,
  withoutBidiMarks,
} from './helpers.ts';

/**
 * One diploma request walked from draft to delivered through the Persian UI: the graduate and each office
 * log in in their own browser profile and do their part, and every step is checked on what the UI shows to
 * that role. The graduate is created for the test, so that nothing depends on the demo rows' details.
 */

type Stage = keyof typeof fa.stages;
type Kind = keyof typeof fa.documents.kinds;

const staff = (username: string) => DEMO_ACCOUNTS.find((a) => a.username === username)!;
const graduateOffice = staff('graduate.office');
const freeEducation = staff('free.education');
const welfareOffice = staff('welfare.office');
const admin = staff('admin');

/** The graduate the Graduate Office records; a male, so the military-service document is required. */
const person = {
  firstName: 'کیوان',
  lastName: 'رهنورد',
  fatherName: 'بهرام',
  birthDate: '1998-03-21',
  birthDateShown: '۱ فروردین ۱۳۷۷',
  studentNumber: '14059017',
  nationalId: nationalIdFrom('472910385'),
  faculty: 'دانشکده مهندسی کامپیوتر',
  program: 'هوش مصنوعی',
} as const;
const fullName = `${person.firstName} ${person.lastName}`;
/** Their self-service account, made by the admin. */
const account = { username: 'keyvan.rahnavard', displayName: fullName, password: 'کویر لوت در تابستان' } as const;

const TRACKING_CODE = '14058899771';
const RETURN_NOTE = 'تصویر دانشنامهٔ کارشناسی ناخوانا است؛ لطفاً نسخهٔ روشن‌تری بارگذاری کنید.';

const files = {
  cancellation_sheet: samplePdf('برگه-لغو-تعهد.pdf', 'Sajad: cancellation of commitment sheet'),
  lower_degree_diploma: samplePng('دانشنامه-کارشناسی.png', [70, 110, 180]),
  military_status: samplePdf('کارت-پایان-خدمت.pdf', 'Military service completion card'),
  employment_decree: samplePng('حکم-کارگزینی.png', [40, 140, 90]),
  lower_degree_diploma_again: samplePng('دانشنامه-کارشناسی-روشن.png', [200, 120, 40]),
} satisfies Record<string, UploadFile>;
/** For polls that wait on the server (vitest's default is one second). */
const LONG = { timeout: 15_000 } as const;

const REQUEST_KINDS = ['cancellation_sheet', 'lower_degree_diploma', 'military_status'] as const satisfies Kind[];

let server: RunningServer;
let browser: Browser;
/** One browser profile per person, each logged in once and kept for the whole walk. */
const contexts = new Map<string, BrowserContext>();
let graduateId = '';
let requestId = '';
/** The diploma number as the request page shows it, in Persian digits. */
let diplomaNumberShown = '';

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

/** The page of this person's own browser profile, logged in on first use. */
async function pageOf(who: { username: string; displayName: string; password?: string }): Promise<Page> {
  const existing = contexts.get(who.username);
  if (existing) return existing.pages()[0]!;
  const context = await newContext(browser, server.url);
  contexts.set(who.username, context);
  const page = await context.newPage();
  await logIn(page, who);
  return page;
}

/**
 * A full-page screenshot from the top of the page (the app bar is fixed: scrolled, it would cover content),
 * without a notification left over from the last action (Escape dismisses it; in a full-page shot it would
 * float over the middle of the page). Notifications are the alerts outside the main content.
 */
async function shoot(page: Page, name: string): Promise<void> {
  await page.keyboard.press('Escape');
  const notifications = async () =>
    (await page.getByRole('alert').count()) - (await main(page).getByRole('alert').count());
  await expect.poll(notifications, LONG).toBe(0);
  await page.evaluate(() => window.scrollTo(0, 0));
  await snap(page, name);
}

/** Opens a hash route and reloads it, so that what is shown comes from the server now, not a cache. */
async function open(page: Page, hash: string): Promise<void> {
  await page.goto(`/${hash}`);
  await page.reload();
}

const main = (page: Page) => page.getByRole('main');
const escapeRegExp = (text: string) => text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
const startsWith = (text: string) => new RegExp(`^${escapeRegExp(text)}`);
const dialog = (page: Page) => page.getByRole('dialog');
const button = (scope: Page | Locator, name: string) => scope.getByRole('button', { name, exact: true });
const actionBar = (page: Page) => main(page).getByRole('region', { name: fa.requests.action_bar, exact: true });
const actionButton = (page: Page, action: keyof typeof fa.actions) => button(actionBar(page), fa.actions[action]);
const tab = (page: Page, name: keyof typeof fa.requests.tabs) =>
  main(page).getByRole('tab', { name: fa.requests.tabs[name], exact: true });
const documentList = (page: Page) => main(page).getByRole('list', { name: fa.documents.list_title, exact: true });
/** A document of the list: a button named by its kind, its upload date and its review status. */
const documentItem = (page: Page, kind: Kind) =>
  documentList(page).getByRole('button', { name: startsWith(fa.documents.kinds[kind]) });
const ruleText = (code: keyof typeof fa.workflow.rules, kind?: Kind) =>
  interpolated(fa.workflow.rules[code], kind ? { kind: fa.documents.kinds[kind] } : {}).source.slice(1, -1);

/** "«action» is not possible yet: reasons", the reasons in the server's order. */
const notPossibleYet = (action: keyof typeof fa.actions, reasons: RegExp[]) =>
  new RegExp(
    `^${interpolated(fa.requests.not_possible_yet, { action: fa.actions[action], reasons: '\u0000' })
      .source.slice(1, -1)
      .replace('\u0000', () => reasons.map((r) => r.source).join(' '))}$`,
  );
const rule = (code: keyof typeof fa.workflow.rules, kind?: Kind) => new RegExp(ruleText(code, kind));

/** The graduate's "my request" card on the dashboard, and its stage tracker (the one list in it). */
const myRequest = (page: Page) => main(page).getByRole('region', { name: fa.my_request.title, exact: true });
const tracker = (page: Page) => myRequest(page).getByRole('list');

/**
 * The stage chip beside the card's heading says this stage. The tracker names every stage whatever the
 * request's stage, so the chip is the one element with the stage's name outside the tracker.
 */
async function expectMyStage(page: Page, stage: Stage): Promise<void> {
  const label = fa.stages[stage];
  const outsideTracker = async () =>
    (await myRequest(page).getByText(label, { exact: true }).count()) -
    (await tracker(page).getByText(label, { exact: true }).count());
  await expect.poll(outsideTracker, LONG).toBe(1);
}

const TRACKED = [
  'draft',
  'submitted',
  'under_review',
  'approved',
  'printing',
  'signing',
  'ready',
  'delivered',
] as const satisfies Stage[];

/**
 * The tracker shows this stage: the steps before it ticked (an icon, no number), the stage's own step and
 * the later ones numbered; a returned request has "under review" flagged with the returned caption instead
 * of its number, and a delivered one has every step ticked. A number is written "#" here, whatever its digits.
 */
async function expectTracker(page: Page, stage: Stage): Promise<void> {
  const current = TRACKED.indexOf(stage === 'returned' ? 'under_review' : (stage as (typeof TRACKED)[number]));
  const expected = TRACKED.map((step, index) => {
    if (stage === 'delivered' || index < current) return fa.stages[step];
    if (stage === 'returned' && index === current) return `${fa.stages[step]} ${fa.stages.returned}`;
    return `# ${fa.stages[step]}`;
  });
  const shown = async () =>
    (await tracker(page).getByRole('listitem').allInnerTexts()).map((text) =>
      withoutBidiMarks(text)
        .replace(/\s+/g, ' ')
        .trim()
        .replace(/^[0-9۰-۹]+ /, '# '),
    );
  await expect.poll(shown, LONG).toEqual(expected);
}

/** The request page's header: the graduate's name as the level-1 heading and the stage chip beside it. */
async function expectRequestPage(page: Page, stage: Stage): Promise<void> {
  await main(page).getByRole('heading', { level: 1, name: fullName, exact: true }).waitFor();
  await main(page).getByText(fa.stages[stage], { exact: true }).first().waitFor();
}

/** Runs a workflow action from the action bar, through its confirmation dialog when it has one. */
async function act(page: Page, action: keyof typeof fa.actions, next: Stage, confirm = false): Promise<void> {
  await actionButton(page, action).click();
  if (confirm) {
    await dialog(page).getByRole('heading', { name: fa.actions[action], exact: true }).waitFor();
    await button(dialog(page), fa.actions[action]).click();
  }
  await notification(page, interpolated(fa.requests.action_done, { action: fa.actions[action] })).waitFor();
  await main(page).getByText(fa.stages[next], { exact: true }).first().waitFor();
}

/** Uploads a file through the upload form: the kind from the menu, the file from the file chooser. */
async function upload(page: Page, kind: Kind, file: UploadFile): Promise<void> {
  const form = main(page).getByRole('region', { name: fa.documents.upload.title, exact: true });
  await form.getByRole('combobox', { name: fa.documents.upload.kind, exact: true }).click();
  await page.getByRole('listbox').getByRole('option', { name: fa.documents.kinds[kind], exact: true }).click();
  const chooser = page.waitForEvent('filechooser');
  await form.getByRole('button', { name: fa.documents.upload.choose_file, exact: true }).click();
  await (await chooser).setFiles(file);
  await button(form, file.name).waitFor();
  await button(form, fa.documents.upload.button).click();
  await notification(page, fa.documents.upload.done).waitFor();
  // The form is ready for the next file; the new one is shown in the preview, its name by the heading.
  await button(form, fa.documents.upload.choose_file).waitFor();
  await main(page).getByText(file.name, { exact: true }).waitFor();
}

/** Selects a document in the list and accepts it; waits until the list shows it accepted. */
async function accept(page: Page, kind: Kind): Promise<void> {
  await documentItem(page, kind).click();
  const preview = main(page).getByRole('heading', { level: 3, name: fa.documents.kinds[kind], exact: true });
  await preview.waitFor();
  await button(main(page), fa.documents.review.accept).click();
  await notification(page, fa.documents.review.accepted).waitFor();
  await documentItem(page, kind).filter({ hasText: fa.documents.statuses.accepted }).waitFor();
}

/** From an office's dashboard: its queue, then the list of the whole queue searched for the graduate. */
async function openFromQueue(page: Page, search: string): Promise<void> {
  await sideMenu(page).getByRole('menuitem', { name: ra.fa.dashboard, exact: true }).click();
  const queue = main(page).getByRole('region', { name: fa.queues.title, exact: true });
  await queue.getByRole('link', { name: fa.queues.see_all, exact: true }).click();
  const table = main(page).getByRole('table');
  await table.getByRole('row').nth(1).waitFor();
  await main(page).getByRole('textbox', { name: ra.fa.search, exact: true }).fill(search);
  // The header row and the graduate's: the search found them, and them only, in this office's queue.
  await expect.poll(() => table.getByRole('row').count(), LONG).toBe(2);
  await table.getByRole('cell', { name: fullName, exact: true }).click();
  await expect.poll(() => hashOf(page), LONG).toMatch(/^#\/requests\/[0-9a-f-]{36}\/show$/);
  const id = hashOf(page).split('/')[2]!;
  if (requestId) expect(id).toBe(requestId);
  requestId = id;
}

describe('a diploma request from draft to delivered, in Persian', () => {
  it('the Graduate Office records a new graduate', async () => {
    const page = await pageOf(graduateOffice);
    const graduates = fa.resources.graduates;
    await sideMenu(page)
      .getByRole('menuitem', { name: plural(graduates.name), exact: true })
      .click();
    await main(page).getByRole('table').getByRole('row').nth(1).waitFor();
    await main(page).getByRole('link', { name: ra.fa.create, exact: true }).click();
    await page
      .getByRole('banner')
      .getByRole('heading', { name: interpolated(ra.fa.createTitle, { name: singular(graduates.name) }) })
      .waitFor();
    const field = (name: keyof typeof graduates.fields) =>
      main(page).getByRole('textbox', { name: graduates.fields[name], exact: true });
    const choose = async (name: keyof typeof graduates.fields, option: string) => {
      await main(page).getByRole('combobox', { name: graduates.fields[name], exact: true }).click();
      await page.getByRole('listbox').getByRole('option', { name: option, exact: true }).click();
    };
    // Identifiers typed in Persian digits, as on a Persian keyboard; the form sends Latin digits.
    await field('studentNumber').fill(persianDigits(person.studentNumber));
    await field('nationalId').fill(persianDigits(person.nationalId));
    await field('firstName').fill(person.firstName);
    await field('lastName').fill(person.lastName);
    await field('fatherName').fill(person.fatherName);
    await field('birthDate').fill(person.birthDate);
    // The birth date is echoed in the Solar Hijri calendar under the field.
    await main(page).getByText(person.birthDateShown, { exact: true }).waitFor();
    await choose('gender', fa.genders.male);
    await choose('degreeLevel', fa.degree_levels.masters);
    await field('faculty').fill(person.faculty);
    await field('program').fill(person.program);
    await button(main(page), ra.fa.save).click();
    await notification(page, ra.fa.created).waitFor();
    await page.getByRole('banner').getByRole('heading', { name: fullName, exact: true }).waitFor();
    expect(hashOf(page)).toMatch(/^#\/graduates\/[0-9a-f-]{36}\/show$/);
    graduateId = hashOf(page).split('/')[2]!;
    const shown = await main(page).getByRole('definition').allInnerTexts();
    for (const value of [
      person.firstName,
      person.lastName,
      persianDigits(person.nationalId),
      persianDigits(person.studentNumber),
      person.birthDateShown,
      fa.genders.male,
      fa.degree_levels.masters,
    ]) {
      expect(shown).toContain(value);
    }
  });

  it('the admin gives the graduate a self-service account linked to their record', async () => {
    const page = await pageOf(admin);
    const users = fa.resources.users;
    await usersMenuItem(page).click();
    await main(page).getByRole('cell', { name: 'admin', exact: true }).waitFor();
    await main(page).getByRole('link', { name: ra.fa.create, exact: true }).click();
    const field = (name: keyof typeof users.fields) =>
      main(page).getByRole('textbox', { name: users.fields[name], exact: true });
    await field('username').fill(account.username);
    await field('displayName').fill(account.displayName);
    await main(page).getByRole('combobox', { name: users.fields.role, exact: true }).click();
    await page.getByRole('listbox').getByRole('option', { name: fa.roles.graduate, exact: true }).click();
    // The graduate-record field appears for the graduate role only; it takes the record's id.
    await field('graduateId').fill(graduateId);
    await field('password').fill(account.password);
    await button(main(page), ra.fa.save).click();
    await notification(page, ra.fa.created).waitFor();
    const row = main(page)
      .getByRole('row')
      .filter({ has: page.getByRole('cell', { name: account.username, exact: true }) });
    await row.getByRole('cell', { name: fa.roles.graduate, exact: true }).waitFor();
    expect(hashOf(page)).toBe('#/users');
  });

  it('the graduate opens a request, uploads the documents, confirms their details; final confirmation waits for the ticks', async () => {
    const page = await pageOf(account);
    const card = myRequest(page);
    await card.getByText(fa.my_request.none, { exact: true }).waitFor();
    await button(card, fa.my_request.open).click();
    await notification(page, fa.requests.opened).waitFor();
    await expectMyStage(page, 'draft');
    await expectTracker(page, 'draft');
    // Nothing is uploaded yet: the three documents a man needs are listed as missing.
    for (const kind of REQUEST_KINDS) {
      await documentList(page)
        .getByRole('listitem')
        .filter({ hasText: fa.documents.kinds[kind] })
        .filter({ hasText: fa.documents.missing })
        .waitFor();
    }
    await card
      .getByText(
        notPossibleYet('submit', [
          rule('cancellation_tick_missing'),
          rule('welfare_tick_missing'),
          ...REQUEST_KINDS.map((kind) => rule('document_missing', kind)),
          rule('details_not_confirmed'),
        ]),
      )
      .waitFor();

    for (const kind of REQUEST_KINDS) await upload(page, kind, files[kind]);
    // The government-employment route of the cancellation case needs the employment decree.
    await upload(page, 'employment_decree', files.employment_decree);
    for (const kind of [...REQUEST_KINDS, 'employment_decree'] as const) {
      await documentItem(page, kind).filter({ hasText: fa.documents.statuses.pending }).waitFor();
    }
    expect(await documentList(page).getByText(fa.documents.missing, { exact: true }).count()).toBe(0);
    await card
      .getByText(
        notPossibleYet('submit', [
          rule('cancellation_tick_missing'),
          rule('welfare_tick_missing'),
          rule('details_not_confirmed'),
        ]),
      )
      .waitFor();

    const details = main(page).getByRole('region', { name: fa.my_request.details, exact: true });
    expect(await details.getByRole('definition').allInnerTexts()).toEqual(
      expect.arrayContaining([person.fatherName, person.birthDateShown, persianDigits(person.nationalId)]),
    );
    await details.getByText(fa.requests.details.not_confirmed, { exact: true }).waitFor();
    await actionButton(page, 'confirm-details').click();
    await dialog(page).getByText(fa.requests.confirm['confirm-details'], { exact: true }).waitFor();
    await button(dialog(page), fa.actions['confirm-details']).click();
    await notification(
      page,
      interpolated(fa.requests.action_done, { action: fa.actions['confirm-details'] }),
    ).waitFor();
    await details.getByRole('heading', { name: fa.requests.details.confirmed_title, exact: true }).waitFor();

    // Final confirmation is still not possible, and the graduate is told why: the two offices' ticks.
    await card
      .getByText(notPossibleYet('submit', [rule('cancellation_tick_missing'), rule('welfare_tick_missing')]))
      .waitFor();
    expect(await actionButton(page, 'submit').count()).toBe(0);
    await actionButton(page, 'withdraw').waitFor();
    await expectMyStage(page, 'draft');
    await shoot(page, 'fa-flow-graduate-draft');
  });

  it('the Free-Education Office records the government-employment case, accepts the decree and sets the cancellation tick', async () => {
    const page = await pageOf(freeEducation);
    // Searched with Arabic letters (ك, ي): names are found whatever the letter variants.
    await openFromQueue(page, 'كيوان رهنورد');
    await expectRequestPage(page, 'draft');
    // This office takes no workflow action: the request page has no action bar for it.
    await settle(page);
    expect(await actionBar(page).count()).toBe(0);

    await tab(page, 'cancellation').click();
    const tickButton = button(main(page), fa.requests.ticks.set_tick);
    await main(page).getByText(fa.requests.ticks.blocked_by, { exact: true }).waitFor();
    await main(page).getByText(fa.workflow.rules.route_missing, { exact: true }).waitFor();
    expect(await tickButton.isDisabled()).toBe(true);

    await button(main(page), fa.requests.cancellation.edit).click();
    await dialog(page).getByRole('heading', { name: fa.requests.cancellation.edit_title, exact: true }).waitFor();
    await dialog(page).getByRole('combobox', { name: fa.requests.cancellation.route, exact: true }).click();
    await page.getByRole('listbox').getByRole('option', { name: fa.routes.government_employment, exact: true }).click();
    await dialog(page)
      .getByRole('textbox', { name: fa.requests.cancellation.saorgTrackingCode, exact: true })
      .fill(persianDigits(TRACKING_CODE));
    await button(dialog(page), ra.fa.save).click();
    await notification(page, fa.requests.cancellation.saved).waitFor();
    await dialog(page).waitFor({ state: 'detached' });
    await main(page).getByRole('definition').filter({ hasText: fa.routes.government_employment }).waitFor();
    await main(page)
      .getByRole('definition')
      .filter({ hasText: persianDigits(TRACKING_CODE) })
      .waitFor();
    // The route now asks for the accepted employment decree.
    await main(page).getByText(rule('document_not_accepted', 'employment_decree')).waitFor();
    expect(await tickButton.isDisabled()).toBe(true);

    await tab(page, 'documents').click();
    await accept(page, 'employment_decree');
    await main(page).getByRole('img', { name: fa.documents.kinds.employment_decree, exact: true }).waitFor();
    // The diploma-request documents are the Graduate Office's to review, not this office's.
    await documentItem(page, 'cancellation_sheet').click();
    await main(page).getByRole('link', { name: fa.documents.preview.open_pdf, exact: true }).waitFor();
    await settle(page);
    expect(await button(main(page), fa.documents.review.accept).count()).toBe(0);
    expect(await button(main(page), fa.documents.review.reject).count()).toBe(0);

    await tab(page, 'cancellation').click();
    await expect.poll(() => tickButton.isEnabled(), LONG).toBe(true);
    await tickButton.click();
    await notification(
      page,
      interpolated(fa.requests.ticks.done_set, { tick: fa.requests.ticks.cancellation }),
    ).waitFor();
    await button(main(page), fa.requests.ticks.revoke).waitFor();
    expect(await tickButton.count()).toBe(0);

    // The welfare record and its tick belong to the Welfare Office.
    await tab(page, 'welfare').click();
    await main(page).getByRole('heading', { level: 3, name: fa.requests.ticks.welfare, exact: true }).waitFor();
    await settle(page);
    expect(await button(main(page), fa.requests.welfare.edit).count()).toBe(0);
    expect(await button(main(page), fa.requests.ticks.set_tick).count()).toBe(0);

    await tab(page, 'cancellation').click();
    await button(main(page), fa.requests.ticks.revoke).waitFor();
    await shoot(page, 'fa-flow-free-education');
  });

  it('the Welfare Office records that there is no debt and sets the welfare tick', async () => {
    const page = await pageOf(welfareOffice);
    // Searched by national ID typed in Persian digits.
    await openFromQueue(page, persianDigits(person.nationalId));
    await expectRequestPage(page, 'draft');
    // No documents tab: identity papers are not this office's business.
    await tab(page, 'welfare').waitFor();
    await settle(page);
    expect(await tab(page, 'documents').count()).toBe(0);

    // The cancellation case shows its tick set, and this office can neither edit it nor change the tick.
    await tab(page, 'cancellation').click();
    await main(page).getByRole('definition').filter({ hasText: fa.routes.government_employment }).waitFor();
    await settle(page);
    expect(await button(main(page), fa.requests.cancellation.edit).count()).toBe(0);
    expect(await button(main(page), fa.requests.ticks.set_tick).count()).toBe(0);
    expect(await button(main(page), fa.requests.ticks.revoke).count()).toBe(0);

    await tab(page, 'welfare').click();
    await main(page).getByText(fa.workflow.rules.welfare_unchecked, { exact: true }).waitFor();
    await button(main(page), fa.requests.welfare.edit).click();
    await dialog(page).getByRole('heading', { name: fa.requests.welfare.edit_title, exact: true }).waitFor();
    await dialog(page).getByRole('radio', { name: fa.requests.welfare.debt.no, exact: true }).check();
    await button(dialog(page), ra.fa.save).click();
    await notification(page, fa.requests.welfare.saved).waitFor();
    await dialog(page).waitFor({ state: 'detached' });
    await main(page).getByRole('definition').filter({ hasText: fa.requests.welfare.debt.no }).waitFor();

    const tickButton = button(main(page), fa.requests.ticks.set_tick);
    await expect.poll(() => tickButton.isEnabled(), LONG).toBe(true);
    await tickButton.click();
    await notification(page, interpolated(fa.requests.ticks.done_set, { tick: fa.requests.ticks.welfare })).waitFor();
    await button(main(page), fa.requests.ticks.revoke).waitFor();
    await shoot(page, 'fa-flow-welfare');
  });

  it('the graduate gives final confirmation; the request is submitted', async () => {
    const page = await pageOf(account);
    await open(page, '#/');
    await expectMyStage(page, 'draft');
    await act(page, 'submit', 'submitted', true);
    await expectMyStage(page, 'submitted');
    await expectTracker(page, 'submitted');
    // The request is in the Graduate Office's hands: no more uploads, nothing left for the graduate to do
    // but wait (or withdraw).
    await settle(page);
    expect(await main(page).getByRole('region', { name: fa.documents.upload.title }).count()).toBe(0);
    expect(await actionButton(page, 'submit').count()).toBe(0);
    await actionButton(page, 'withdraw').waitFor();
  });

  it('the Graduate Office starts the review and returns the request with the next action', async () => {
    const page = await pageOf(graduateOffice);
    await openFromQueue(page, persianDigits(person.studentNumber));
    await expectRequestPage(page, 'submitted');
    await act(page, 'start-review', 'under_review');
    // Approval waits for this office's own review of the three documents.
    await actionBar(page)
      .getByText(
        notPossibleYet(
          'approve',
          REQUEST_KINDS.map((kind) => rule('document_not_accepted', kind)),
        ),
      )
      .waitFor();
    expect(await actionButton(page, 'approve').count()).toBe(0);
    await tab(page, 'documents').click();
    await documentItem(page, 'lower_degree_diploma').click();
    await main(page).getByRole('img', { name: fa.documents.kinds.lower_degree_diploma, exact: true }).waitFor();
    await shoot(page, 'fa-flow-graduate-office-review');

    await actionButton(page, 'return').click();
    await dialog(page).getByRole('heading', { name: fa.requests.return.title, exact: true }).waitFor();
    await dialog(page)
      .getByRole('textbox', { name: startsWith(fa.requests.return.note) })
      .fill(RETURN_NOTE);
    await button(dialog(page), fa.actions.return).click();
    await notification(page, interpolated(fa.requests.action_done, { action: fa.actions.return })).waitFor();
    await main(page).getByText(fa.stages.returned, { exact: true }).first().waitFor();
    await main(page)
      .getByRole('alert')
      .filter({ hasText: interpolated(fa.requests.next_action, { note: RETURN_NOTE }) })
      .waitFor();
  });

  it('the graduate sees the next action on their dashboard, uploads a clearer copy and submits again', async () => {
    const page = await pageOf(account);
    await open(page, '#/');
    await expectMyStage(page, 'returned');
    const nextAction = myRequest(page).getByRole('alert');
    await nextAction.getByText(fa.my_request.next_action, { exact: true }).waitFor();
    await nextAction.getByText(RETURN_NOTE, { exact: true }).waitFor();
    await expectTracker(page, 'returned');
    await shoot(page, 'fa-flow-graduate-returned');

    await upload(page, 'lower_degree_diploma', files.lower_degree_diploma_again);
    await documentItem(page, 'lower_degree_diploma').filter({ hasText: fa.documents.statuses.pending }).waitFor();
    await act(page, 'submit', 'submitted', true);
    await expectMyStage(page, 'submitted');
    await expectTracker(page, 'submitted');
    // The next action was answered: it is no longer shown.
    await settle(page);
    expect(await myRequest(page).getByText(RETURN_NOTE).count()).toBe(0);
  });

  it('the Graduate Office reviews the documents, approves, prints, sends for signature, readies and delivers', async () => {
    const page = await pageOf(graduateOffice);
    await open(page, `#/requests/${requestId}/show`);
    await expectRequestPage(page, 'submitted');
    await act(page, 'start-review', 'under_review');
    await tab(page, 'documents').click();
    // The replacement is the current document; the office reviews it.
    await documentItem(page, 'lower_degree_diploma').click();
    await main(page).getByText(files.lower_degree_diploma_again.name, { exact: true }).waitFor();
    for (const kind of REQUEST_KINDS) await accept(page, kind);
    // The employment decree was the Free-Education Office's to accept, and it did.
    await documentItem(page, 'employment_decree').filter({ hasText: fa.documents.statuses.accepted }).waitFor();

    await act(page, 'approve', 'approved');
    await act(page, 'start-printing', 'printing');
    const diplomaNumber = main(page).getByText(
      new RegExp(
        `^${escapeRegExp(fa.requests.diploma_number.replace('%{number}', ''))}\u2068?[۰-۹]{4}-[۰-۹]{6}\u2069?$`,
      ),
    );
    await diplomaNumber.waitFor();
    diplomaNumberShown = withoutBidiMarks((await diplomaNumber.textContent()) ?? '')
      .split(' ')
      .at(-1)!;
    await act(page, 'send-for-signature', 'signing');
    await act(page, 'mark-ready', 'ready');
    await act(page, 'deliver', 'delivered', true);
    // Delivered is the end: no action is left for anyone.
    await settle(page);
    expect(await actionBar(page).count()).toBe(0);
    await diplomaNumber.waitFor();
  });

  it('the graduate sees their diploma delivered', async () => {
    const page = await pageOf(account);
    await open(page, '#/');
    await expectMyStage(page, 'delivered');
    await expectTracker(page, 'delivered');
    await settle(page);
    expect(await actionBar(page).count()).toBe(0);
    expect(await main(page).getByRole('region', { name: fa.documents.upload.title }).count()).toBe(0);
    await shoot(page, 'fa-flow-delivered');
  });

  it('the API has the whole history of the request, stage by stage', async () => {
    const page = await pageOf(graduateOffice);
    const res = await page.request.get(`/api/requests/${requestId}`);
    expect(res.status()).toBe(200);
    const detail = (await res.json()) as {
      stage: string;
      graduateId: string;
      diplomaNumber: string | null;
      ticks: { cancellation: { set: boolean }; welfare: { set: boolean } };
      cancellationCase: { route: string | null; saorgTrackingCode: string | null };
      welfare: { hasDebt: boolean | null };
      nextAction: unknown;
      history: {
        fromStage: string | null;
        toStage: string;
        action: string;
        role: string | null;
        note: string | null;
      }[];
    };
    expect(detail).toMatchObject({
      stage: 'delivered',
      graduateId,
      ticks: { cancellation: { set: true }, welfare: { set: true } },
      cancellationCase: { route: 'government_employment', saorgTrackingCode: TRACKING_CODE },
      welfare: { hasDebt: false },
      nextAction: null,
    });
    expect(detail.diplomaNumber).toMatch(/^\d{4}-\d{6}$/);
    expect(persianDigits(detail.diplomaNumber!)).toBe(diplomaNumberShown);
    expect(
      detail.history.map(({ action, fromStage, toStage, role }) => ({ action, fromStage, toStage, role })),
    ).toEqual([
      { action: 'open', fromStage: null, toStage: 'draft', role: 'graduate' },
      { action: 'confirm-details', fromStage: 'draft', toStage: 'draft', role: 'graduate' },
      { action: 'submit', fromStage: 'draft', toStage: 'submitted', role: 'graduate' },
      { action: 'start-review', fromStage: 'submitted', toStage: 'under_review', role: 'graduate_officer' },
      { action: 'return', fromStage: 'under_review', toStage: 'returned', role: 'graduate_officer' },
      { action: 'submit', fromStage: 'returned', toStage: 'submitted', role: 'graduate' },
      { action: 'start-review', fromStage: 'submitted', toStage: 'under_review', role: 'graduate_officer' },
      { action: 'approve', fromStage: 'under_review', toStage: 'approved', role: 'graduate_officer' },
      { action: 'start-printing', fromStage: 'approved', toStage: 'printing', role: 'graduate_officer' },
      { action: 'send-for-signature', fromStage: 'printing', toStage: 'signing', role: 'graduate_officer' },
      { action: 'mark-ready', fromStage: 'signing', toStage: 'ready', role: 'graduate_officer' },
      { action: 'deliver', fromStage: 'ready', toStage: 'delivered', role: 'graduate_officer' },
    ]);
    expect(detail.history.find((entry) => entry.action === 'return')?.note).toBe(RETURN_NOTE);
    // Every stage the tracker names was passed through.
    const reached = new Set(detail.history.map((entry) => entry.toStage));
    for (const stage of Object.keys(fa.stages).filter((s) => s !== 'withdrawn')) expect(reached).toContain(stage);
  });

  it('in English: the request page and the office queue', async () => {
    const page = await pageOf(graduateOffice);
    await open(page, `#/requests/${requestId}/show`);
    await expectRequestPage(page, 'delivered');
    await switchLanguage(page, 'fa', 'en');
    await main(page).getByRole('tab', { name: en.requests.tabs.timeline, exact: true }).click();
    const timeline = main(page).getByRole('list', { name: en.requests.tabs.timeline, exact: true });
    await expect.poll(() => timeline.getByRole('listitem').count(), LONG).toBe(12);
    await timeline.getByText(en.actions.deliver, { exact: true }).waitFor();
    await main(page).getByText(en.stages.delivered, { exact: true }).first().waitFor();
    await shoot(page, 'en-flow-request');

    await sideMenu(page).getByRole('menuitem', { name: ra.en.dashboard, exact: true }).click();
    const queue = main(page).getByRole('region', { name: en.queues.title, exact: true });
    await queue.getByRole('link', { name: en.queues.see_all, exact: true }).waitFor();
    await queue.getByRole('list').getByRole('link').first().waitFor();
    await shoot(page, 'en-queue');
  });
});
