// Browser tests of the clinic page: the clinic's address; and opening hours: a weekday split around lunch keeps both of its
// windows through a save and a reload (the editor used to keep one window per weekday and
// silently drop the second).
// Runs under Jest against a running Cadence started by test/browser/global-setup.ts; a failing
// step leaves a screenshot in tmp/e2e/.
import { type Page } from 'playwright-core';
import { DEMO, UI_TIMEOUT_MS, expectVisible, keepShot, signIn, useBrowser } from './support';

jest.setTimeout(120_000);

const inBrowser = useBrowser();

// Sunday is closed in the demo clinic and has no nurse shift, so opening it changes no booking
// the other browser tests make; the test closes it again at the end.
const DAY = 'Sunday';

const times = (page: Page, day: string) =>
  page
    .getByRole('table', { name: 'Opening hours by weekday' })
    .getByTestId(`opening-${day}`)
    .locator('input[type="time"]')
    .evaluateAll((inputs) => inputs.map((input) => (input as HTMLInputElement).value));

async function openClinicPage(page: Page): Promise<void> {
  await page.goto('/clinic');
  await expectVisible(page.getByRole('heading', { name: 'Opening hours' }));
}

async function save(page: Page): Promise<void> {
  await page.getByRole('button', { name: 'Save opening hours' }).click();
  await expectVisible(page.getByText('Opening hours saved.'));
}

describe('opening hours in the admin app', () => {
  it('saves a weekday with two windows and finds both after a reload', async () => {
    await inBrowser('opening-hours-two-windows', async (page) => {
      await signIn(page, DEMO.admin);
      await page.waitForURL((url) => !url.pathname.startsWith('/login'), { timeout: UI_TIMEOUT_MS });
      await openClinicPage(page);
      expect(await times(page, DAY)).toEqual([]);

      await page.getByRole('switch', { name: `${DAY} open` }).check();
      await page.getByLabel(`${DAY} window 1 opens`).fill('09:00');
      await page.getByLabel(`${DAY} window 1 closes`).fill('12:00');
      await page.getByRole('button', { name: `Add a window on ${DAY}` }).click();
      await page.getByLabel(`${DAY} window 2 opens`).fill('13:00');
      await page.getByLabel(`${DAY} window 2 closes`).fill('16:30');
      await save(page);

      await page.reload();
      await openClinicPage(page);
      await page.getByLabel(`${DAY} window 2 opens`).waitFor({ timeout: UI_TIMEOUT_MS });
      expect(await times(page, DAY)).toEqual(['09:00', '12:00', '13:00', '16:30']);
      // The other days are as they were: Monday keeps its single window.
      expect(await times(page, 'Monday')).toEqual(['08:00', '18:00']);

      // Removing one window keeps the other; closing the day removes it from the week.
      await page.getByRole('button', { name: `Remove ${DAY} window 1` }).click();
      await save(page);
      await page.reload();
      await openClinicPage(page);
      await page.getByLabel(`${DAY} window 1 opens`).waitFor({ timeout: UI_TIMEOUT_MS });
      expect(await times(page, DAY)).toEqual(['13:00', '16:30']);

      await page.getByRole('switch', { name: `${DAY} open` }).uncheck();
      await save(page);
      await page.reload();
      await openClinicPage(page);
      expect(await times(page, DAY)).toEqual([]);
    });
  });
});

describe('the clinic address in the admin app', () => {
  it('saves the address that reminders and calendar files print, and clears it again', async () => {
    await inBrowser('clinic-address', async (page) => {
      await signIn(page, DEMO.admin);
      await page.waitForURL((url) => !url.pathname.startsWith('/login'), { timeout: UI_TIMEOUT_MS });
      await openClinicPage(page);
      const settings = page.getByRole('form', { name: 'Clinic settings' });
      const address = settings.getByLabel('Address');
      await address.fill('12 Harbour Street, Leith, Edinburgh EH6 6AA');
      await settings.getByRole('button', { name: 'Save' }).click();
      await expectVisible(page.getByText('Clinic settings saved.'));
      await keepShot(page, 'clinic-settings-address');

      await page.reload();
      await openClinicPage(page);
      const reloaded = page.getByRole('form', { name: 'Clinic settings' }).getByLabel('Address');
      expect(await reloaded.inputValue()).toBe('12 Harbour Street, Leith, Edinburgh EH6 6AA');
      await reloaded.fill('');
      await page.getByRole('form', { name: 'Clinic settings' }).getByRole('button', { name: 'Save' }).click();
      await expectVisible(page.getByText('Clinic settings saved.'));
    });
  });
});
