import { mkdir } from 'node:fs/promises';
import path from 'node:path';
import pg from 'pg';
import type { Browser, Locator, Page } from 'playwright-core';
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
  persianDigits,
  plural,
  ra,
  settle,
  sideMenu,
  singular,
  switchLanguage,
  type UploadFile,
} from './helpers.ts';

/**
 * The graduate import through the Persian UI, as the Graduate Office does it: from the graduates list to the
 * import screen, a small portal file chosen and checked, the report (counts per result, lines with their
 * reasons, filtered by result) in Persian and in English, the new graduates imported, and found in the list.
 * Then a commit cut off half-way (on PostgreSQL, where the test can make a batch fail) resumed from the report.
 * Screenshots go to SHOTS_DIR (default /tmp/import-shots), outside the repository.
 */

const SHOTS_DIR = process.env.SHOTS_DIR ?? '/tmp/import-shots';
const LONG = { timeout: 15_000 } as const;
const office = DEMO_ACCOUNTS.find((a) => a.username === 'graduate.office')!;
const freeEducation = DEMO_ACCOUNTS.find((a) => a.username === 'free.education')!;
const t = fa.graduate_imports;

const HEADER = 'شماره دانشجویی,کد ملی,نام,نام خانوادگی,نام پدر,تاریخ تولد,جنسیت,مقطع,دانشکده,رشته,بورسیه';
const ids = {
  a: nationalIdFrom('381245670'),
  b: nationalIdFrom('381245672'),
  c: nationalIdFrom('381245673'),
};
const wrongCheckDigit = (() => {
  const id = nationalIdFrom('381245674');
  return `${id.slice(0, 9)}${(Number(id[9]) + 1) % 10}`;
})();

/** The portal's export: three new graduates (Persian digits, an Arabic ي), a wrong check digit, a repeat of the first. */
const portalFile: UploadFile = {
  name: 'دانش‌آموختگان-آذر.csv',
  mimeType: 'text/csv',
  buffer: Buffer.from(
    `\ufeff${[
      HEADER,
      `${persianDigits('14059201')},${persianDigits(ids.a)},زينب,کاظمی‌فر,رضا,${persianDigits('1376/04/12')},زن,کارشناسی ارشد,دانشکده مهندسی کامپیوتر,هوش مصنوعی,خیر`,
      `14059202,${ids.b},بردیا,نوروزیان,کامران,1374/11/30,مرد,دکتری,دانشکده فیزیک,فیزیک ذرات,بله`,
      `14059203,${ids.c},نگار,آرمان‌پور,سعید,1377/01/05,زن,کارشناسی ارشد,دانشکده ریاضی,آمار,`,
      `14059204,${wrongCheckDigit},کاوه,بهرامی,جواد,1375/08/08,مرد,دکتری,دانشکده شیمی,شیمی آلی,خیر`,
      `14059205,${ids.a},زینب,کاظمی‌فر,رضا,1376/04/12,زن,کارشناسی ارشد,دانشکده مهندسی کامپیوتر,هوش مصنوعی,خیر`,
    ].join('\r\n')}\r\n`,
  ),
};

let server: RunningServer;
let browser: Browser;
let page: Page;

beforeAll(async () => {
  await mkdir(SHOTS_DIR, { recursive: true });
  // Batches of two: the file below of four new graduates is committed in two transactions.
  server = await startServer({ IMPORT_BATCH_ROWS: '2' });
  browser = await launchBrowser();
  page = await (await newContext(browser, server.url)).newPage();
});

afterAll(async () => {
  await browser?.close();
  await server?.stop();
});

beforeEach(({ onTestFailed }) => {
  onTestFailed(() => console.error(`server output:\n${server?.output()}`));
});

const main = (p: Page = page) => p.getByRole('main');
const button = (scope: Locator, name: string | RegExp) =>
  scope.getByRole('button', { name, exact: typeof name === 'string' });
const summary = () => main().getByRole('group', { name: t.summary.label, exact: true });
const count = (key: keyof typeof t.summary, n: number, lang: 'fa' | 'en' = 'fa') => {
  const messages = lang === 'fa' ? fa.graduate_imports : en.graduate_imports;
  return messages.summary[key].replace('%{count}', lang === 'fa' ? persianDigits(String(n)) : String(n));
};
/** A counted message as Persian shows it for n (one form for 1, the other for the rest), with Persian digits. */
const counted = (message: string, n: number) =>
  (n === 1 ? singular(message) : plural(message)).replace('%{smart_count}', persianDigits(String(n)));
/** Data rows of the report's table (the header row aside). */
const tableRows = () =>
  main()
    .getByRole('table')
    .getByRole('row')
    .filter({ has: page.getByRole('cell') });

/** A full-page screenshot once fonts are in and no progress bar or transition is running. */
async function shoot(name: string): Promise<void> {
  await page.keyboard.press('Escape');
  // Loading indicators have no value; the import's own progress bar (a value) may stay.
  await page.locator('[role="progressbar"]:not([aria-valuenow])').first().waitFor({ state: 'detached' });
  await page.evaluate(async () => {
    window.scrollTo(0, 0);
    await document.fonts.ready;
    await Promise.all(document.getAnimations().map((a) => a.finished.catch(() => undefined)));
  });
  await page.screenshot({ path: path.join(SHOTS_DIR, `${name}.png`), fullPage: true });
}

async function chooseAndCheck(file: UploadFile): Promise<void> {
  const chooser = page.waitForEvent('filechooser');
  await button(main(), t.choose_file).click();
  await (await chooser).setFiles(file);
  await button(main(), file.name).waitFor();
  await button(main(), t.check).click();
  await expect.poll(() => hashOf(page), LONG).toMatch(/^#\/graduate-imports\/[0-9a-f-]{36}\/show$/);
}

describe('importing graduates from the portal’s CSV export', () => {
  it('offers the import on the graduates list to the Graduate Office only', async () => {
    const other = await (await newContext(browser, server.url)).newPage();
    await logIn(other, freeEducation);
    await sideMenu(other)
      .getByRole('menuitem', { name: plural(fa.resources.graduates.name), exact: true })
      .click();
    await main(other).getByRole('table').getByRole('row').nth(1).waitFor();
    await settle(other);
    expect(await other.getByRole('link', { name: t.import_button, exact: true }).count()).toBe(0);
    await other.context().close();

    await logIn(page, office);
    await sideMenu(page)
      .getByRole('menuitem', { name: plural(fa.resources.graduates.name), exact: true })
      .click();
    await page.getByRole('link', { name: t.import_button, exact: true }).click();
    await page.getByRole('banner').getByRole('heading', { name: t.title, exact: true }).waitFor();
    await main().getByRole('heading', { name: t.format.title, exact: true }).waitFor();
    await shoot('import-choose-fa');
  });

  it('checks the file and reports each line: counts per result, reasons, a filter by result (Persian and English)', async () => {
    await chooseAndCheck(portalFile);
    await main()
      .getByText(interpolated(t.file, { name: portalFile.name }))
      .waitFor(LONG);
    for (const [key, n] of [
      ['all', 5],
      ['new', 3],
      ['unchanged', 0],
      ['conflict', 0],
      ['invalid', 2],
      ['warned', 1],
    ] as const) {
      await button(summary(), count(key, n)).waitFor();
    }
    await expect.poll(() => tableRows().count(), LONG).toBe(5);
    const field = (name: keyof typeof fa.resources.graduates.fields) => fa.resources.graduates.fields[name];
    await main()
      .getByText(interpolated(t.issues.national_id_checksum, { field: field('nationalId') }))
      .waitFor();
    await main()
      .getByText(interpolated(t.issues.duplicate_in_file, { field: field('nationalId'), line: persianDigits('2') }))
      .waitFor();
    await main()
      .getByText(interpolated(t.issues.arabic_letters, { field: field('firstName') }))
      .waitFor();
    // The first line's name as recorded: the Arabic ي written as ی.
    await main().getByRole('cell', { name: 'زینب کاظمی‌فر', exact: true }).first().waitFor();
    await main().getByText('۱۲ تیر ۱۳۷۶').first().waitFor();
    await shoot('import-report-fa');

    await button(summary(), count('invalid', 2)).click();
    await expect.poll(() => tableRows().count(), LONG).toBe(2);
    await shoot('import-report-invalid-fa');
    await button(summary(), count('all', 5)).click();
    await expect.poll(() => tableRows().count(), LONG).toBe(5);

    await switchLanguage(page, 'fa', 'en');
    await button(main(), count('new', 3, 'en')).waitFor(LONG);
    await main()
      .getByText(
        interpolated(en.graduate_imports.issues.national_id_checksum, {
          field: en.resources.graduates.fields.nationalId,
        }),
      )
      .waitFor();
    await shoot('import-report-en');
    await switchLanguage(page, 'en', 'fa');
  });

  it('imports the new graduates, who are then in the graduates list', async () => {
    const commit = counted(t.commit, 3);
    await button(main(), commit).click();
    const done = counted(t.done, 3);
    await main().getByRole('status').filter({ hasText: done }).waitFor(LONG);
    await shoot('import-done-fa');
    // Every new line now carries the imported mark; the invalid ones do not.
    await expect.poll(() => main().getByRole('img', { name: t.imported, exact: true }).count(), LONG).toBe(3);

    await main().getByRole('link', { name: t.see_graduates, exact: true }).click();
    await page.getByRole('textbox', { name: ra.fa.search }).fill('نوروزیان');
    await main().getByRole('cell', { name: 'بردیا نوروزیان', exact: true }).waitFor(LONG);
    await main().getByText(persianDigits(ids.b)).waitFor();
  });

  it('a second import of the same file finds every graduate already recorded: nothing to import', async () => {
    await page.goto(`${server.url}/#/graduate-imports/create`);
    await chooseAndCheck(portalFile);
    await button(summary(), count('unchanged', 3)).waitFor(LONG);
    await button(summary(), count('new', 0)).waitFor();
    await main().getByText(t.nothing_new, { exact: true }).waitFor();
  });

  it('a commit cut off half-way shows its progress and is resumed from the report', async (ctx) => {
    // The test makes a batch fail in the server's own database: PostgreSQL only.
    if (!server.databaseUrl) ctx.skip();
    const next = (n: number) => nationalIdFrom(`38125${String(n).padStart(4, '0')}`);
    const surnames = ['پیوسته', 'پایدار', 'استوار', 'ماندگار'];
    const people = surnames.map((last, i) => ({ id: next(i + 1), studentNumber: `1405930${i + 1}`, last }));
    const file: UploadFile = {
      name: 'دانش‌آموختگان-دی.csv',
      mimeType: 'text/csv',
      buffer: Buffer.from(
        [
          HEADER,
          ...people.map(
            (p) => `${p.studentNumber},${p.id},سحر,${p.last},مهدی,1376/01/01,زن,دکتری,دانشکده شیمی,شیمی,خیر`,
          ),
        ].join('\n'),
      ),
    };
    const db = new pg.Client({ connectionString: server.databaseUrl });
    await db.connect();
    try {
      await db.query(`CREATE FUNCTION fail_import() RETURNS trigger LANGUAGE plpgsql AS $$
        BEGIN IF NEW.national_id = '${people[2]!.id}' THEN RAISE EXCEPTION 'simulated crash'; END IF; RETURN NEW; END $$`);
      await db.query(
        'CREATE TRIGGER fail_import BEFORE INSERT ON graduates FOR EACH ROW EXECUTE FUNCTION fail_import()',
      );
      await page.goto(`${server.url}/#/graduate-imports/create`);
      await chooseAndCheck(file);
      await button(main(), counted(t.commit, 4)).click();
      const resume = counted(t.resume, 2);
      await button(main(), resume).waitFor(LONG);
      const progress = t.progress.replace('%{done}', persianDigits('2')).replace('%{total}', persianDigits('4'));
      await main().getByRole('status').filter({ hasText: progress }).waitFor();
      await page.getByRole('alert').first().waitFor();
      await shoot('import-resume-fa');

      await db.query('DROP TRIGGER fail_import ON graduates');
      await db.query('DROP FUNCTION fail_import()');
      await button(main(), resume).click();
      await main()
        .getByRole('status')
        .filter({ hasText: counted(t.done, 2) })
        .waitFor(LONG);
      const { rows } = await db.query('SELECT count(*)::int AS n FROM graduates WHERE national_id = ANY($1)', [
        people.map((p) => p.id),
      ]);
      expect(rows[0].n).toBe(4);
    } finally {
      await db.query('DROP TRIGGER IF EXISTS fail_import ON graduates').catch(() => undefined);
      await db.query('DROP FUNCTION IF EXISTS fail_import()').catch(() => undefined);
      await db.end();
    }
  });
});
