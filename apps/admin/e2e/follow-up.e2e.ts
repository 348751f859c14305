// Browser tests of follow-up's screens. The outbox: staff read the emails to patients waiting to be
// sent by hand (every one, without a mail server). The booster queue: a clinician reads each open
// booster task with every pre-booster check's state and reasons, and dismisses one with a reason.
// The records they start from come from ./follow-up-setup.ts. With CADENCE_E2E_SHOTS set, each
// screen is kept at 1440×900 and 1024×768.
import type { Page } from 'playwright-core';
import { completedCourse, fixedIntervalBoosterTask } from './follow-up-setup';
import { DEMO, UI_TIMEOUT_MS, expectVisible, keepShot, signIn, useBrowser } from './support';

const BOOSTER_MRN = 'DEMO-000012';

jest.setTimeout(240_000);

const inBrowser = useBrowser();

beforeAll(async () => {
  // A weekday course whose last of four sessions was 80 days ago: its 84-day booster is due.
  const course = await completedCourse({
    mrn: BOOSTER_MRN,
    protocolKey: 'IV_MULTI_DAY_WEEKDAYS',
    lastDaysAgo: 80,
    sessions: 4,
    chair: 'Chair 4',
    baselinePainNrs: 7,
  });
  await fixedIntervalBoosterTask(course, 'IV_MULTI_DAY_WEEKDAYS');
});

/** Nothing wider than the window: no sideways scrolling. */
async function expectNoSidewaysScroll(page: Page): Promise<void> {
  const overflow = await page.evaluate(
    () => document.documentElement.scrollWidth - document.documentElement.clientWidth,
  );
  expect(overflow).toBeLessThanOrEqual(0);
}

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

  it("lists the booster queue with every check's state, and dismisses a task with a reason", async () => {
    await inBrowser('follow-up-booster-queue', async (page) => {
      await signIn(page, DEMO.clinician);
      await page.waitForURL('**/today', { timeout: UI_TIMEOUT_MS });
      await page.getByRole('link', { name: 'Booster queue', exact: true }).click();
      await expectVisible(page.getByRole('heading', { name: 'Booster queue' }));
      const task = page.getByTestId('booster-task').filter({ hasText: `MRN ${BOOSTER_MRN}` });
      await expectVisible(task.getByText(/gives a booster every 84 days after the last session/));
      const checks = task.getByRole('table', { name: 'Pre-booster checks' });
      for (const check of [
        "The protocol's booster policy",
        'Eligibility still valid',
        'Bladder symptoms negative or reviewed',
        'Cumulative dose under its caps',
        'A response to the last course',
      ])
        await expectVisible(checks.getByRole('row').filter({ hasText: check }));
      // No follow-up has screened the bladder since the course: that holds the booster, with its reason.
      const bladder = checks.getByRole('row').filter({ hasText: 'Bladder symptoms negative or reviewed' });
      await expectVisible(bladder.getByText('ABSOLUTE', { exact: true }));
      await expectVisible(task.getByText('Held', { exact: true }));
      await expectNoSidewaysScroll(page);
      await keepShot(page, 'follow-up-booster-queue');

      await task.getByRole('button', { name: 'Dismiss' }).click();
      const dialog = page.getByRole('dialog');
      await dialog.getByRole('button', { name: 'Dismiss the task' }).click();
      await expectVisible(dialog.getByText('Say why no booster is offered'));
      await dialog.getByLabel('Reason').fill('Patient prefers to wait: pain manageable with physiotherapy.');
      await keepShot(page, 'follow-up-booster-dismiss', { dialog: true });
      await dialog.getByRole('button', { name: 'Dismiss the task' }).click();
      await dialog.waitFor({ state: 'hidden' });
      await page
        .getByTestId('booster-task')
        .filter({ hasText: `MRN ${BOOSTER_MRN}` })
        .waitFor({ state: 'detached' });
    });
  });
});
