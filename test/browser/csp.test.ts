import { DEMO_GRADUATE_ACCOUNTS } from '@diploma-desk/db';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { launchBrowser } from '../support/browser.ts';
import { type RunningServer, startServer } from '../support/server.ts';
import {
  DEMO_ACCOUNTS,
  DEMO_PASSWORD,
  en,
  expectLoginPage,
  fa,
  hashOf,
  type Lang,
  logIn,
  newContext,
  samplePdf,
  samplePng,
  settle,
  sideMenu,
  snap,
  switchLanguage,
  type UploadFile,
} from './helpers.ts';

/**
 * The built admin UI and Swagger UI under the Content-Security-Policy the server sends
 * (api/src/plugins/app/security-headers.ts): every role's screens in Persian and in English, and the
 * document preview (an image, and a PDF in an iframe of a blob: URL), without a single violation, and
 * still styled: emotion's <style> tags carry the page's nonce, the Vazirmatn font loads, Persian is laid
 * out right to left.
 *
 * Violations are seen twice: a `securitypolicyviolation` listener put into every page and frame before any
 * of the app's scripts (it writes them to the console), and Chromium's own console report of a refused
 * load or inline style. Uncaught page errors count too: a blocked script shows up as one.
 */

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

const MARK = '[csp-violation]';
const escapeRegExp = (text: string) => text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
const messages = { fa, en } as const;

/** Runs in every document and frame before its own scripts. */
function recordViolations(mark: string): void {
  document.addEventListener(
    'securitypolicyviolation',
    (e) => {
      const where = e.sourceFile ? ` at ${e.sourceFile}:${e.lineNumber}:${e.columnNumber}` : '';
      console.error(
        `${mark} ${e.effectiveDirective} refused ${e.blockedURI || 'inline'}${where} in ${e.documentURI}: ${e.sample}`,
      );
    },
    true,
  );
}

interface Watched {
  context: BrowserContext;
  page: Page;
  /** Every violation, CSP console report and page error seen so far in this browser profile. */
  problems: string[];
}

/** A fresh browser profile whose every page and frame reports CSP violations. */
async function watchedContext(): Promise<Watched> {
  const context = await newContext(browser, server.url);
  const problems: string[] = [];
  await context.addInitScript(recordViolations, MARK);
  context.on('console', (message) => {
    const text = message.text();
    if (text.includes(MARK) || /Content[ -]Security[ -]Policy/i.test(text)) problems.push(`${message.type()}: ${text}`);
  });
  context.on('weberror', (error) => problems.push(`page error: ${error.error().message}`));
  return { context, page: await context.newPage(), problems };
}

/** No violation so far; `where` names the step in the failure message. */
async function expectNoViolations(watched: Watched, where: string): Promise<void> {
  await settle(watched.page);
  expect({ where, problems: watched.problems }).toEqual({ where, problems: [] });
}

/**
 * What shows that the page is the styled app and not a blank or unstyled one: text in the content area,
 * emotion's style sheets present, filled, and every <style> carrying the page's nonce; the Vazirmatn font
 * loaded and used; the side menu on the right in Persian and on the left in English.
 */
async function expectStyled(page: Page, lang: Lang, { menu = true } = {}): Promise<void> {
  const state = await page.evaluate(async () => {
    await document.fonts.ready;
    const meta = document.querySelector<HTMLMetaElement>('meta[property="csp-nonce"]');
    const styles = [...document.querySelectorAll('style')];
    const emotion = styles.filter((style) => style.hasAttribute('data-emotion'));
    const menu = document.querySelector('[role="menu"]')?.getBoundingClientRect();
    const appBar = document.querySelector('header');
    return {
      dir: document.documentElement.dir,
      nonce: meta?.nonce ?? '',
      styleNonces: [...new Set(styles.map((style) => style.nonce))],
      emotionTags: emotion.length,
      emotionRules: emotion.reduce((sum, style) => sum + (style.sheet?.cssRules.length ?? 0), 0),
      contentText: (document.querySelector('#main-content') ?? document.body).textContent?.trim().length ?? 0,
      bodyFont: getComputedStyle(document.body).fontFamily,
      vazirmatnLoaded: [...document.fonts].some((face) => face.family === 'Vazirmatn' && face.status === 'loaded'),
      appBarColour: appBar ? getComputedStyle(appBar).backgroundColor : '',
      menuCentre: menu ? menu.left + menu.width / 2 : -1,
      width: window.innerWidth,
    };
  });
  expect(state.dir).toBe(lang === 'fa' ? 'rtl' : 'ltr');
  expect(state.nonce).toMatch(/^[A-Za-z0-9+/]{22}==$/);
  expect(state.styleNonces).toEqual([state.nonce]);
  expect(state.emotionTags).toBeGreaterThan(0);
  expect(state.emotionRules).toBeGreaterThan(100);
  expect(state.contentText).toBeGreaterThan(0);
  expect(state.bodyFont).toMatch(/^Vazirmatn,/);
  expect(state.vazirmatnLoaded).toBe(true);
  if (!menu) return;
  expect(state.appBarColour).not.toMatch(/^(rgba\(0, 0, 0, 0\)|transparent)?$/);
  expect(state.menuCentre).toBeGreaterThan(0);
  if (lang === 'fa') expect(state.menuCentre).toBeGreaterThan(state.width / 2);
  else expect(state.menuCentre).toBeLessThan(state.width / 2);
}

/** The screen has loaded: its route is shown, nothing is spinning, the content area has text. */
async function waitForScreen(page: Page, hash: string): Promise<void> {
  await expect.poll(() => hashOf(page), { timeout: 15_000 }).toBe(hash);
  const shown = () =>
    page.evaluate(
      () =>
        document.querySelector('[role="progressbar"]') === null &&
        (document.querySelector('#main-content')?.textContent?.trim().length ?? 0) > 0,
    );
  // Right after the click the previous screen can still be shown under the new address while the new
  // screen's chunk loads (a lazy screen replaces it with its loading state a moment later): the screen
  // counts as loaded once it has shown text with nothing spinning twice, 300 ms apart.
  await expect
    .poll(
      async () => {
        if (!(await shown())) return false;
        await page.waitForTimeout(300);
        return shown();
      },
      { timeout: 15_000 },
    )
    .toBe(true);
}

/** Opens every item of the side menu in turn, checking each screen; returns the routes visited. */
async function visitMenu(watched: Watched, lang: Lang, who: string): Promise<string[]> {
  const { page } = watched;
  const items = sideMenu(page).getByRole('menuitem');
  await items.first().waitFor();
  const hrefs = (await items.evaluateAll((links) => links.map((link) => link.getAttribute('href') ?? ''))).filter(
    Boolean,
  );
  expect(hrefs.length).toBeGreaterThanOrEqual(2);
  for (const href of hrefs) {
    await sideMenu(page).locator(`[href="${href}"]`).click();
    await waitForScreen(page, href);
    await expectNoViolations(watched, `${who}, ${lang}, ${href}`);
    await expectStyled(page, lang);
  }
  await snap(page, `csp-${lang}-${who}-${hrefs.at(-1)!.replace(/\W+/g, '')}`);
  return hrefs;
}

const graduate = DEMO_GRADUATE_ACCOUNTS.find((a) => a.username === 'graduate.draft')!;
const ACCOUNTS = [
  ...DEMO_ACCOUNTS.map((a) => ({ username: a.username, displayName: a.displayName })),
  { username: graduate.username, displayName: graduate.name },
];

/** The draft request of the demo graduate, with a PDF and a PNG uploaded for the preview. */
let requestId = '';
const files = {
  provisional_certificate: samplePdf('گواهی-موقت.pdf', 'Provisional certificate: CSP preview test'),
  lower_degree_diploma: samplePng('دانشنامه-کارشناسی.png', [60, 120, 200]),
} satisfies Record<string, UploadFile>;

/** The API as a script would call it: same-origin Origin, the session cookie of a login. */
async function apiLogin(username: string): Promise<string> {
  const res = await fetch(`${server.url}/api/auth/login`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', origin: server.url },
    body: JSON.stringify({ username, password: DEMO_PASSWORD }),
  });
  expect(res.status).toBe(200);
  return res.headers.getSetCookie()[0]!.split(';')[0]!;
}

async function upload(cookie: string, kind: keyof typeof files): Promise<void> {
  const file = files[kind];
  const body = new FormData();
  body.append('kind', kind);
  body.append('file', new Blob([new Uint8Array(file.buffer)], { type: file.mimeType }), file.name);
  const res = await fetch(`${server.url}/api/requests/${requestId}/documents`, {
    method: 'POST',
    headers: { cookie, origin: server.url },
    body,
  });
  expect(res.status, await res.clone().text()).toBe(201);
}

describe('the admin UI under its Content-Security-Policy', () => {
  beforeAll(async () => {
    const cookie = await apiLogin(graduate.username);
    const res = await fetch(`${server.url}/api/requests`, { headers: { cookie } });
    const own = (await res.json()) as Array<{ id: string }>;
    expect(own).toHaveLength(1);
    requestId = own[0]!.id;
    await upload(cookie, 'provisional_certificate');
    await upload(cookie, 'lower_degree_diploma');
  });

  it('serves the page with a fresh nonce in its policy and its meta tag, which every inline style carries', async () => {
    const watched = await watchedContext();
    try {
      const { page } = watched;
      const first = await page.goto('/#/login');
      await expectLoginPage(page);
      const policy = first!.headers()['content-security-policy'] ?? '';
      const nonce = /'nonce-([^']+)'/.exec(policy)?.[1];
      expect(policy).toContain("script-src 'self';");
      expect(policy).not.toContain('unsafe-');
      expect(
        await page.evaluate(() => document.querySelector<HTMLMetaElement>('meta[property="csp-nonce"]')?.nonce),
      ).toBe(nonce);
      const again = await page.reload();
      await expectLoginPage(page);
      expect(again!.headers()['content-security-policy']).not.toBe(policy);
      await expectNoViolations(watched, 'login page');
      await expectStyled(page, 'fa', { menu: false });
      await snap(page, 'csp-fa-login');

      // The watch sees a violation: a <style> without the nonce is refused and reported, one with it is not.
      const addStyle = (withNonce: boolean) =>
        page.evaluate((withNonce) => {
          const style = document.createElement('style');
          if (withNonce) style.nonce = document.querySelector<HTMLMetaElement>('meta[property="csp-nonce"]')!.nonce;
          style.textContent = 'body { outline: 1px solid red; }';
          document.head.append(style);
          return getComputedStyle(document.body).outlineStyle;
        }, withNonce);
      expect(await addStyle(true)).toBe('solid');
      await expectNoViolations(watched, 'a <style> with the nonce');
      await page.reload();
      await expectLoginPage(page);
      expect(await addStyle(false)).toBe('none');
      await expect
        .poll(() => watched.problems.some((p) => p.includes(`${MARK} style-src-elem refused inline`)))
        .toBe(true);
    } finally {
      await watched.context.close();
    }
  });

  describe.each(ACCOUNTS)('$username', (account) => {
    it('opens every screen of the menu in Persian, then in English, without a violation', async () => {
      const watched = await watchedContext();
      try {
        const { page } = watched;
        await logIn(page, account);
        await expectNoViolations(watched, `${account.username} logged in`);
        await expectStyled(page, 'fa');
        const faScreens = await visitMenu(watched, 'fa', account.username);
        await switchLanguage(page, 'fa', 'en');
        const enScreens = await visitMenu(watched, 'en', account.username);
        expect(enScreens).toEqual(faScreens);
      } finally {
        await watched.context.close();
      }
    });
  });

  /** The request page's documents tab, one document selected by its kind. */
  async function openDocument(page: Page, lang: Lang, kind: keyof typeof files): Promise<void> {
    const t = messages[lang];
    const main = page.locator('#main-content');
    await main.getByRole('tab', { name: t.requests.tabs.documents, exact: true }).click();
    await main
      .getByRole('list', { name: t.documents.list_title, exact: true })
      .getByRole('button', { name: new RegExp(`^${escapeRegExp(t.documents.kinds[kind])}`) })
      .click();
    await main.getByRole('heading', { level: 3, name: t.documents.kinds[kind], exact: true }).waitFor();
  }

  async function previewBoth(watched: Watched, lang: Lang): Promise<void> {
    const { page } = watched;
    const t = messages[lang];
    const main = page.locator('#main-content');

    await openDocument(page, lang, 'lower_degree_diploma');
    const image = main.getByRole('img', { name: t.documents.kinds.lower_degree_diploma, exact: true });
    await image.waitFor();
    await expect
      .poll(() => image.evaluate((img: HTMLImageElement) => [img.src.slice(0, 5), img.complete, img.naturalWidth]))
      .toEqual(['blob:', true, 320]);
    // Zooming and rotating make emotion inject new rules while the page is up.
    const before = await image.boundingBox();
    await main.getByRole('button', { name: t.documents.preview.zoom_in, exact: true }).click();
    await main.getByRole('button', { name: t.documents.preview.rotate_right, exact: true }).click();
    await expect.poll(async () => (await image.boundingBox())?.height).not.toBe(before?.height);
    await expect.poll(() => image.evaluate((img) => getComputedStyle(img).transform)).not.toBe('none');
    await expectNoViolations(watched, `${lang} image preview`);
    await expectStyled(page, lang);
    await snap(page, `csp-${lang}-preview-image`);

    await openDocument(page, lang, 'provisional_certificate');
    const frame = main.locator(`iframe[title="${t.documents.kinds.provisional_certificate}"]`);
    await frame.waitFor();
    expect(await frame.getAttribute('src')).toMatch(/^blob:/);
    await main.getByRole('link', { name: t.documents.preview.open_pdf, exact: true }).waitFor();
    // The PDF viewer inside the frame: wait for it to load the document before looking for violations.
    await expect.poll(() => page.frames().some((f) => f.url().startsWith('blob:')), { timeout: 15_000 }).toBe(true);
    await page.waitForTimeout(1500);
    await expectNoViolations(watched, `${lang} PDF preview`);
    await expectStyled(page, lang);
    await snap(page, `csp-${lang}-preview-pdf`);
  }

  it('previews an image and a PDF in Persian and in English without a violation', async () => {
    const watched = await watchedContext();
    try {
      const { page } = watched;
      await logIn(page, DEMO_ACCOUNTS.find((a) => a.username === 'graduate.office')!);
      await page.goto(`/#/requests/${requestId}/show`);
      await page.reload();
      await previewBoth(watched, 'fa');
      await switchLanguage(page, 'fa', 'en');
      await page.goto(`/#/requests/${requestId}/show`);
      await previewBoth(watched, 'en');
    } finally {
      await watched.context.close();
    }
  });
});

describe('Swagger UI under its Content-Security-Policy', () => {
  it('shows the API documentation and an operation without a violation', async () => {
    const watched = await watchedContext();
    try {
      const { page } = watched;
      const res = await page.goto('/api/docs/');
      expect(res!.headers()['content-security-policy']).toMatch(/^default-src 'self'; script-src 'self';/);
      await page.getByRole('heading', { name: /Diploma Desk API/ }).waitFor();
      const operation = page.locator('#operations-health-get_api_health');
      await operation.locator('button.opblock-summary-control').click();
      await operation.getByRole('button', { name: 'Try it out' }).click();
      await operation.getByRole('button', { name: 'Execute' }).click();
      const status = operation.locator('.live-responses-table tbody .response-col_status').first();
      await status.waitFor();
      expect((await status.textContent())?.trim()).toBe('200');
      await expectNoViolations(watched, 'Swagger UI');
      await snap(page, 'csp-api-docs');
    } finally {
      await watched.context.close();
    }
  });
});
