// Browser tests of follow-up's screens. The outbox: staff read the emails to patients waiting to be
// sent by hand (every one, without a mail server), and clinicians read it without acting on it.
// With CADENCE_E2E_SHOTS set, each screen is kept at 1440×900 and 1024×768.
import { DEMO, UI_TIMEOUT_MS, expectVisible, keepShot, signIn, useBrowser } from './support';

jest.setTimeout(240_000);

const inBrowser = useBrowser();

describe('follow-up in the admin app', () => {
  it('shows the outbox to the staff who contact patients', async () => {
    await inBrowser('follow-up-outbox', async (page) => {
      await signIn(page, DEMO.scheduler);
      await page.waitForURL('**/patients', { timeout: UI_TIMEOUT_MS });
      await page.getByRole('link', { name: 'Outbox', exact: true }).click();
      await expectVisible(page.getByRole('heading', { name: 'Outbox' }));
      // The browser tests' Cadence has no mail server: the outbox says so.
      await expectVisible(page.getByText('No mail server is configured'));
      await keepShot(page, 'follow-up-outbox');
    });
  });
});
