// Browser tests of the admin's editors: a new protocol version refused field by field and then
// published; a staff account's roles edited, its password reset, deactivated and reactivated; the
// clinic's time zone picked from IANA zones; and the clinic's date format followed by a date input.
// Runs under Jest against a running Cadence started by test/browser/global-setup.ts (a fresh
// database per run); a failing step leaves a screenshot in tmp/e2e/.
import { type Page } from 'playwright-core';
import { DEMO, UI_TIMEOUT_MS, expectVisible, keepShot, signIn, useBrowser } from './support';

jest.setTimeout(180_000);

const inBrowser = useBrowser();

async function signInAsAdmin(page: Page): Promise<void> {
  await signIn(page, DEMO.admin);
  await page.waitForURL((url) => !url.pathname.startsWith('/login'), { timeout: UI_TIMEOUT_MS });
}

/** The error Mantine shows under the input labelled `label`. */
const errorOf = (page: Page, label: string) =>
  page.getByLabel(label, { exact: true }).evaluate((input) => {
    const id = input
      .getAttribute('aria-describedby')
      ?.split(' ')
      .find((part) => part.endsWith('-error'));
    return id ? (document.getElementById(id)?.textContent ?? '') : '';
  });

describe('admin editors', () => {
  it('publishes a new protocol version after the API names the field it refused', async () => {
    await inBrowser('protocol-new-version', async (page) => {
      await signInAsAdmin(page);
      await page.goto('/protocols');
      const table = page.getByRole('table', { name: 'Protocols' });
      const row = table.getByRole('row').filter({ hasText: 'IV_FIVE_DAY_LOW_DOSE' });
      await expectVisible(row);
      const versionBefore = Number(/version (\d+)/.exec((await row.textContent()) ?? '')?.[1]);
      await row.getByRole('button', { name: /New version of/ }).click();

      const dialog = page.getByRole('dialog');
      await expectVisible(dialog.getByLabel('Name', { exact: true }));
      // Prefilled from the current version.
      expect(await dialog.getByLabel('Name', { exact: true }).inputValue()).not.toBe('');
      const courseCap = Number(await dialog.getByLabel('Most a course (mg)').inputValue());
      await dialog.getByLabel('Most a session (mg)').fill(String(courseCap + 100));
      await dialog.getByRole('button', { name: `Publish version ${versionBefore + 1}` }).click();
      await page.waitForFunction(() => document.querySelector('[aria-invalid="true"]') !== null);
      expect(await errorOf(page, 'Most a session (mg)')).toBe('Most a session must not exceed most a course');
      await keepShot(page, 'protocol-version-refused', { dialog: true });

      await dialog.getByLabel('Most a session (mg)').fill(String(Math.floor(courseCap / 2)));
      // The name is kept: other browser tests choose this protocol by it.
      await dialog.getByRole('button', { name: `Publish version ${versionBefore + 1}` }).click();
      await expectVisible(page.getByText('Version published'));
      await expectVisible(row.getByText(`version ${versionBefore + 1}`, { exact: false }));
      await keepShot(page, 'protocols-after-publish');
    });
  });

  it("edits a staff account's roles, resets its password, deactivates and reactivates it", async () => {
    await inBrowser('staff-edit', async (page) => {
      await signInAsAdmin(page);
      await page.goto('/staff');
      const name = `Robin Editor ${Date.now().toString(36)}`;
      await page.getByRole('button', { name: 'New staff account' }).click();
      const create = page.getByRole('dialog');
      await create.getByLabel('Name').fill(name);
      await create.getByLabel('Email').fill(`${name.replace(/\s/g, '.').toLowerCase()}@demo.cadence.test`);
      await create.getByLabel('Initial password').fill('an-initial-password-1');
      await create.getByLabel('Nurse').check();
      await create.getByRole('button', { name: 'Create account' }).click();
      const row = page.getByRole('table', { name: 'Staff' }).getByRole('row').filter({ hasText: name });
      await expectVisible(row);

      await row.getByRole('button', { name: `Edit ${name}` }).click();
      const edit = page.getByRole('dialog', { name: `Edit ${name}` });
      await edit.getByLabel('Clinician').check();
      await keepShot(page, 'staff-edit', { dialog: true });
      await edit.getByRole('button', { name: 'Save account' }).click();
      await expectVisible(page.getByText('Account saved'));
      await expectVisible(row.getByText('Clinician'));
      expect(await row.textContent()).toContain('Nurse');

      await row.getByRole('button', { name: `Edit ${name}` }).click();
      await edit.getByLabel('New password').fill('short');
      await edit.getByRole('button', { name: 'Reset password' }).click();
      expect(await errorOf(page, 'New password')).toBe('Use 12 to 256 characters');
      await edit.getByLabel('New password').fill('a-brand-new-password-2');
      await edit.getByRole('button', { name: 'Reset password' }).click();
      await expectVisible(page.getByText('Password reset'));
      await page.keyboard.press('Escape');

      await row.getByRole('button', { name: `Deactivate ${name}` }).click();
      await page.getByRole('dialog').getByRole('button', { name: 'Deactivate' }).click();
      await expectVisible(row.getByText('Deactivated'));
      await row.getByRole('button', { name: `Reactivate ${name}` }).click();
      await expectVisible(page.getByText('Account reactivated'));
      await expectVisible(row.getByText('Active', { exact: true }));
      await keepShot(page, 'staff-after-reactivate');
    });
  });

  it('picks the time zone from IANA zones, refuses a review limit above the block limit, and writes dates in the clinic format', async () => {
    await inBrowser('clinic-settings', async (page) => {
      await signInAsAdmin(page);
      await page.goto('/clinic');
      const settings = page.getByRole('form', { name: 'Clinic settings' });
      await expectVisible(settings);

      const zone = settings.getByLabel('Time zone', { exact: true });
      expect(await zone.inputValue()).toBe('Europe/London');
      await zone.click();
      await zone.fill('Mars/Olympus');
      await expectVisible(page.getByText('No such time zone'));
      await zone.fill('Europe/Dub');
      await expectVisible(page.getByRole('option', { name: 'Europe/Dublin' }));
      await keepShot(page, 'clinic-zone-picker');
      await page.keyboard.press('Escape');
      await page.reload();
      await expectVisible(settings);

      // The domain's rule, beside the field, before anything is sent.
      await settings.getByLabel('Review above systolic').fill('185');
      await settings.getByRole('button', { name: 'Save' }).click();
      expect(await errorOf(page, 'Review above systolic')).toBe('Review systolic must be below block systolic');
      await settings.getByLabel('Review above systolic').fill('140');

      await settings.getByLabel('Date format', { exact: true }).click();
      await page.getByRole('option', { name: '01/12/2026 (DD/MM/YYYY)' }).click();
      await settings.getByRole('button', { name: 'Save' }).click();
      await expectVisible(page.getByText('Clinic settings saved.'));
      await keepShot(page, 'clinic-settings');

      // A date input in the clinic's format: typed day first, shown as typed, and its placeholder says so.
      await page.reload();
      const from = page.getByRole('form', { name: 'Add a closure' }).getByLabel('From');
      expect(await from.getAttribute('placeholder')).toBe('e.g. 01/12/2026');
      await from.fill('25/12/2030');
      await from.press('Tab');
      expect(await from.inputValue()).toBe('25/12/2030');
      await keepShot(page, 'clinic-date-input');

      // Back to the default, which the other browser tests type their dates in.
      await settings.getByLabel('Date format', { exact: true }).click();
      await page.getByRole('option', { name: '1 Dec 2026 (D MMM YYYY)' }).click();
      await settings.getByRole('button', { name: 'Save' }).click();
      await expectVisible(page.getByText('Clinic settings saved.'));
    });
  });
});
