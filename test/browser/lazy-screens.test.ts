import type { Browser, BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { launchBrowser } from '../support/browser.ts';
import { type RunningServer, startServer } from '../support/server.ts';
import { DEMO_ACCOUNTS, expectLoginPage, hashOf, logIn, newContext, settle } from './helpers.ts';

/**
 * The production build loads each screen's code when first visited (issue 6, part 3; admin-ui/vite.config.ts,
 * src/common/lazyNamed.ts): the login page fetches no screen, a screen's chunk comes when it is opened, and a
 * tab still running an older release, whose chunks the server no longer has, loads the current release once
 * instead of breaking (src/common/staleChunks.ts) — and does not reload forever when a chunk stays missing.
 * bench/src/ui.ts measures the sizes.
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

const admin = DEMO_ACCOUNTS.find((a) => a.username === 'admin')!;
const SCREEN_CHUNK =
  /\/assets\/(Dashboard|RequestList|RequestShow|GraduateList|UserList|AuditEventList|DocumentPreview)-/;
const USERS_LIST = /\/assets\/UserList-[\w-]+\.js$/;
const rows = (page: Page) => page.locator('.RaDataTable-tbody .RaDataTable-row');

/** A fresh profile with the scripts its pages fetch and how often a page (re)loaded. */
async function watched(): Promise<{ context: BrowserContext; page: Page; scripts: string[]; loads: () => number }> {
  const context = await newContext(browser, server.url);
  const page = await context.newPage();
  const scripts: string[] = [];
  let loads = 0;
  page.on('request', (request) => {
    const url = new URL(request.url());
    if (url.pathname.endsWith('.js')) scripts.push(url.pathname);
  });
  page.on('load', () => {
    loads += 1;
  });
  return { context, page, scripts, loads: () => loads };
}

describe('screens are loaded when first visited', () => {
  it('the login page fetches the app and its libraries, and no screen', async () => {
    const { context, page, scripts } = await watched();
    try {
      await page.goto('/#/login');
      await expectLoginPage(page);
      await page.waitForLoadState('networkidle');
      expect(scripts.some((s) => /\/assets\/index-[\w-]+\.js$/.test(s))).toBe(true);
      expect(scripts.filter((s) => SCREEN_CHUNK.test(s))).toEqual([]);
    } finally {
      await context.close();
    }
  });

  it("a screen's chunk is fetched when the screen is opened, not before", async () => {
    const { context, page, scripts } = await watched();
    try {
      await logIn(page, admin);
      await page.waitForLoadState('networkidle');
      expect(scripts.filter((s) => USERS_LIST.test(s))).toEqual([]);
      await page.evaluate(() => {
        window.location.hash = '#/users';
      });
      await rows(page).first().waitFor();
      expect(scripts.filter((s) => USERS_LIST.test(s))).toHaveLength(1);
    } finally {
      await context.close();
    }
  });
});

describe('a tab of an older release', () => {
  it("whose screen's chunk is gone from the server loads the current release once, and shows the screen", async () => {
    const { context, page, loads } = await watched();
    try {
      await logIn(page, admin);
      // The chunk is gone the first time it is asked for, as after a deployment; there afterwards.
      let refused = 0;
      await page.route(USERS_LIST, async (route) => {
        if (refused === 0) {
          refused += 1;
          return route.fulfill({ status: 404, contentType: 'application/problem+json', body: '{}' });
        }
        return route.continue();
      });
      const before = loads();
      await page.evaluate(() => {
        window.location.hash = '#/users';
      });
      await rows(page).first().waitFor();
      expect(refused).toBe(1);
      expect(loads() - before).toBe(1);
      expect(hashOf(page)).toBe('#/users');
    } finally {
      await context.close();
    }
  });

  it('does not reload again and again when the chunk stays missing: the error shows instead', async () => {
    const { context, page, loads } = await watched();
    try {
      await logIn(page, admin);
      let refused = 0;
      await page.route(USERS_LIST, async (route) => {
        refused += 1;
        return route.fulfill({ status: 404, contentType: 'application/problem+json', body: '{}' });
      });
      const before = loads();
      await page.evaluate(() => {
        window.location.hash = '#/users';
      });
      // One reload, the chunk refused again, then react-admin's error page (its title is an alert) in the
      // layout, and nothing more happens.
      await expect.poll(() => refused, { timeout: 30_000 }).toBeGreaterThanOrEqual(2);
      await page.getByRole('main').getByRole('alert').first().waitFor();
      const refusedByThen = refused;
      await page.waitForTimeout(3_000);
      await settle(page);
      expect(loads() - before).toBe(1);
      expect(refused).toBe(refusedByThen);
      expect(await rows(page).count()).toBe(0);
    } finally {
      await context.close();
    }
  });
});
