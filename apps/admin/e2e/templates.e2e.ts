// Browser test of the screening checklist editor: an admin rewords one item of the general
// checklist, the API refuses a blank question beside it, and the corrected wording is published as
// the next version. Runs under Jest against a running Cadence started by test/browser/global-setup.ts
// (a fresh database per run); a failing step leaves a screenshot in tmp/e2e/.
import { type Locator } from 'playwright-core';
import { BASE_URL, DEMO, UI_TIMEOUT_MS, expectVisible, keepShot, signIn, useBrowser } from './support';

jest.setTimeout(180_000);

const inBrowser = useBrowser();

/** The error Mantine shows under `input`. */
const errorOf = (input: Locator) =>
  input.evaluate((el) => {
    const id = el
      .getAttribute('aria-describedby')
      ?.split(' ')
      .find((part) => part.endsWith('-error'));
    return id ? (document.getElementById(id)?.textContent ?? '') : '';
  });

describe('screening checklists', () => {
  it('publishes a reworded general checklist after the API refuses a blank question beside it', async () => {
    await inBrowser('checklist-new-version', async (page) => {
      await signIn(page, DEMO.admin);
      await page.waitForURL((url) => !url.pathname.startsWith('/login'), { timeout: UI_TIMEOUT_MS });
      await page.getByRole('link', { name: 'Screening checklists' }).click();
      const table = page.getByRole('table', { name: 'Screening checklists' });
      const row = table.getByRole('row').filter({ hasText: 'general · version' });
      await expectVisible(row);
      const versionBefore = Number(/version (\d+)/.exec((await row.textContent()) ?? '')?.[1]);
      expect(versionBefore).toBeGreaterThanOrEqual(1);
      await keepShot(page, 'checklists');
      await row.getByRole('button', { name: /New version of/ }).click();

      const dialog = page.getByRole('dialog');
      const allergies = dialog.getByRole('group', { name: /^Item \d+: Allergies$/ });
      const question = allergies.getByLabel('Question', { exact: true });
      await expectVisible(question);
      // Prefilled from the latest version, and marked as read by an eligibility rule.
      expect(await question.inputValue()).toBe('Allergies');
      expect(await allergies.getByLabel('Help text').inputValue()).toBe("Write 'none known' if none.");
      await expectVisible(allergies.getByText('used by an eligibility rule: wording only'));

      const publish = dialog.getByRole('button', { name: `Publish version ${versionBefore + 1}` });
      await question.fill('   ');
      await publish.click();
      await page.waitForFunction(() => document.querySelector('[aria-invalid="true"]') !== null);
      expect(await errorOf(question)).toBe('Question must be non-blank text of at most 500 characters');
      expect(await dialog.locator('[aria-invalid="true"]').count()).toBe(1);
      await keepShot(page, 'checklist-version-refused', { dialog: true });

      await question.fill('Allergies (medicines, latex, food)');
      await publish.click();
      await expectVisible(page.getByText('Version published'));
      const published = table.getByRole('row').filter({ hasText: `general · version ${versionBefore + 1}` });
      await expectVisible(published);
      await keepShot(page, 'checklists-after-publish');

      // New screenings are started on the published wording.
      const response = await page.request.get(`${BASE_URL}/api/screening-templates`);
      expect(response.status()).toBe(200);
      const latest = (await response.json()) as {
        items: { key: string; version: number; definition: { items: { id: string; label: string }[] } }[];
      };
      const general = latest.items.find((t) => t.key === 'general')!;
      expect(general.version).toBe(versionBefore + 1);
      expect(general.definition.items.find((item) => item.id === 'allergies')?.label).toBe(
        'Allergies (medicines, latex, food)',
      );
    });
  });
});
