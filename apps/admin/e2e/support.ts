// Shared by the browser tests: Chromium driven by playwright-core against the running
// Cadence at CADENCE_E2E_URL (started by test/browser/global-setup.ts), a fresh context per test,
// and a full-page screenshot in tmp/e2e/ when a step fails.
import { mkdirSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { chromium, type Browser, type Locator, type Page } from 'playwright-core';

export const BASE_URL = (process.env.CADENCE_E2E_URL ?? 'http://localhost:3000').replace(/\/$/, '');
export const UI_TIMEOUT_MS = 15_000;
const SCREENSHOT_DIR = resolve(__dirname, '../../../tmp/e2e');

export const DEMO = {
  scheduler: { email: 'scheduler@demo.cadence.test', password: 'demo-scheduler-2026' },
  nurse: { email: 'nurse@demo.cadence.test', password: 'demo-nurse-2026' },
  clinician: { email: 'clinician@demo.cadence.test', password: 'demo-clinician-2026' },
  admin: { email: 'admin@demo.cadence.test', password: 'demo-admin-2026' },
} as const;

/** Launches chromium for the calling test file (closed after it) and returns its runner. */
export function useBrowser() {
  let browser: Browser | undefined;
  beforeAll(async () => {
    browser = await launch();
  });
  afterAll(async () => {
    await browser?.close();
  });

  /** Runs `body` in a fresh context (no cookies); on failure keeps a full-page screenshot. */
  return async function inBrowser(
    name: string,
    body: (page: Page) => Promise<void>,
    viewport: { width: number; height: number } = { width: 1280, height: 900 },
  ): Promise<void> {
    if (!browser) throw new Error('useBrowser() must be called at the top of the test file');
    const context = await browser.newContext({ baseURL: BASE_URL, viewport });
    const page = await context.newPage();
    page.setDefaultTimeout(UI_TIMEOUT_MS);
    try {
      await body(page);
    } catch (error) {
      mkdirSync(SCREENSHOT_DIR, { recursive: true });
      const file = join(SCREENSHOT_DIR, `${name}-${Date.now()}.png`);
      await page.screenshot({ path: file, fullPage: true }).catch(() => undefined);
      if (error instanceof Error) error.message += `\n(screenshot: ${file}; page: ${page.url()})`;
      throw error;
    } finally {
      await context.close();
    }
  };
}

/**
 * The Chromium packaged in @sparticuz/chromium now and then dies with SIGSEGV while it starts (seen
 * about once in four launches after another test file's browser closed); a fresh start then works,
 * so a start that fails is tried again, twice at most. A browser that crashes later still fails its test.
 */
async function launch(): Promise<Browser> {
  for (let attempt = 1; ; attempt++) {
    try {
      return await chromium.launch({ ...chosenChromium(), headless: true });
    } catch (error) {
      if (attempt === 3) throw error;
    }
  }
}

/**
 * The Chromium that test/browser/global-setup.ts chose (CHROMIUM_PATH, Debian's, or the one packaged
 * in @sparticuz/chromium), passed in the env as JSON.
 */
function chosenChromium(): { executablePath: string; args: string[] } {
  const chosen = process.env.CADENCE_E2E_CHROMIUM;
  if (!chosen)
    throw new Error('CADENCE_E2E_CHROMIUM is not set: run the browser tests through test/browser/jest.config.js');
  return JSON.parse(chosen) as { executablePath: string; args: string[] };
}

export async function signIn(page: Page, login: { email: string; password: string }): Promise<void> {
  await page.goto('/login');
  await page.getByLabel('Email').fill(login.email);
  await page.getByLabel('Password', { exact: true }).fill(login.password);
  await page.getByRole('button', { name: 'Log in' }).click();
}

/**
 * Keeps a screenshot of the page at each of the sizes the screens are checked at (a wide desk
 * screen and the tablet), for review: in tmp/e2e/screens, or the folder CADENCE_E2E_SHOTS names.
 */
export async function keepShot(page: Page, name: string, options: { dialog?: boolean } = {}): Promise<void> {
  const folder = process.env.CADENCE_E2E_SHOTS || join(SCREENSHOT_DIR, 'screens');
  mkdirSync(folder, { recursive: true });
  const before = page.viewportSize();
  for (const size of [
    { width: 1440, height: 900 },
    { width: 1024, height: 768 },
  ]) {
    await page.setViewportSize(size);
    // From the top, so the fixed header and navigation are drawn where they belong.
    await page.evaluate(() => window.scrollTo(0, 0));
    await page.waitForTimeout(300);
    // A dialog is drawn over the viewport: the screen as the user sees it, not the whole page.
    await page.screenshot({
      path: join(folder, `${name}-${size.width}x${size.height}.png`),
      fullPage: !options.dialog,
    });
  }
  if (before) await page.setViewportSize(before);
}

export async function expectVisible(locator: Locator): Promise<void> {
  await locator.first().waitFor({ state: 'visible', timeout: UI_TIMEOUT_MS });
}

/** Steps in the wizard are enabled once the API has answered; wait for that, then click. */
export async function clickWhenEnabled(locator: Locator): Promise<void> {
  await expectVisible(locator);
  const deadline = Date.now() + UI_TIMEOUT_MS;
  while (!(await locator.isEnabled())) {
    if (Date.now() > deadline) throw new Error(`Still disabled after ${UI_TIMEOUT_MS} ms: ${locator.toString()}`);
    await new Promise((r) => setTimeout(r, 100));
  }
  await locator.click();
}

/**
 * The controls, badges and labels in `scope` whose text is cut off: wider inside than the box that
 * shows them (scrollWidth > clientWidth), or a button whose bottom is out of reach below the
 * window once scrolled to. Inline elements (no box of their own) are measured by their parent.
 */
export async function clippedIn(scope: Locator): Promise<string[]> {
  return scope.evaluate((root) => {
    const found: string[] = [];
    const selector =
      'button, a[role="button"], .mantine-Badge-root, .mantine-Badge-label, .mantine-Button-label, label, .mantine-InputWrapper-label, [role="tab"], .board-event b';
    for (const el of Array.from(root.querySelectorAll<HTMLElement>(selector))) {
      if (el.offsetParent === null || el.clientWidth === 0) continue;
      if (el.scrollWidth > el.clientWidth + 1) {
        found.push(
          `${el.tagName.toLowerCase()}.${el.className.split(' ')[0]} "${(el.textContent ?? '').trim().slice(0, 60)}" (${el.scrollWidth} > ${el.clientWidth})`,
        );
      }
    }
    return found;
  });
}
