// Browser test of booking: a scheduler books a five-consecutive-day course through the wizard and
// finds all five sessions on the chair board.
// Runs under Jest against a running Cadence (API + built admin app on one port), started by
// test/browser/global-setup.ts, which also signs ELIGIBLE screenings for one demo patient
// (CADENCE_E2E_ELIGIBLE_MRN): booking is offered only to an eligible patient.
// Drives Debian's chromium through playwright-core; a failing step leaves a screenshot in tmp/e2e/.
import { DEMO, UI_TIMEOUT_MS, clickWhenEnabled, expectVisible, signIn, useBrowser } from './support';

const ELIGIBLE_MRN = process.env.CADENCE_E2E_ELIGIBLE_MRN ?? 'DEMO-000001';
const FIVE_DAY_PROTOCOL = 'Five consecutive days, low-dose IV (4 h a day)';

jest.setTimeout(120_000);

const inBrowser = useBrowser();

describe('booking a course in the admin app', () => {
  it('books a five-day course through the wizard and shows every session on the chair board', async () => {
    await inBrowser('book-five-day-course', async (page) => {
      await signIn(page, DEMO.scheduler);
      await page.waitForURL('**/patients', { timeout: UI_TIMEOUT_MS });

      // 1. Patient: found with the patient search, and the API says they are eligible.
      await page.getByRole('link', { name: 'Book a course' }).click();
      await expectVisible(page.getByRole('heading', { name: 'Book a course' }));
      await page.getByLabel('Search patients').fill(ELIGIBLE_MRN);
      const match = page
        .getByRole('table', { name: 'Matching patients' })
        .getByRole('row')
        .filter({ hasText: ELIGIBLE_MRN });
      await match.getByRole('button', { name: /^Choose / }).click();
      await expectVisible(page.getByTestId('chosen-patient'));
      await expectVisible(page.getByLabel('Eligibility status').getByText('Eligible', { exact: true }));
      await clickWhenEnabled(page.getByRole('button', { name: 'Next', exact: true }));

      // 2. Protocol: five consecutive days, from today.
      await page.getByRole('radio', { name: FIVE_DAY_PROTOCOL }).click();
      await clickWhenEnabled(page.getByRole('button', { name: 'Find dates' }));

      // 3. Ranked options: the first (earliest) plan has five sessions, each with date, time and chair.
      const first = page.getByTestId('plan-option').first();
      await expectVisible(first);
      const sessionRows = first.locator('tbody tr');
      expect(await sessionRows.count()).toBe(5);
      const firstRow = (await sessionRows.first().innerText()).trim();
      expect(firstRow).toMatch(/\d{2}:\d{2}–\d{2}:\d{2}/);
      expect(firstRow).toMatch(/(Chair|Bed) \d+/);
      await first.click();
      await clickWhenEnabled(page.getByRole('button', { name: 'Next', exact: true }));

      // 4. Confirm: all five sessions booked at once.
      await expectVisible(page.getByRole('table', { name: 'Sessions' }));
      await clickWhenEnabled(page.getByRole('button', { name: 'Book 5 sessions' }));
      const done = page.getByTestId('booking-done');
      await expectVisible(done.getByText('Course booked'));
      expect(await done.locator('tbody tr').count()).toBe(5);

      // The chair board, on the week of the first session, shows the five sessions.
      await page.getByRole('link', { name: 'Show on the chair board' }).click();
      await page.waitForURL(/\/board\?/, { timeout: UI_TIMEOUT_MS });
      await expectVisible(page.getByRole('heading', { name: 'Chair board' }));
      const sessions = page.locator(`[data-testid="board-appointment"][title*="(MRN ${ELIGIBLE_MRN})"]`);
      await expectVisible(sessions);
      await page.waitForFunction(
        (selector) => document.querySelectorAll(selector).length === 5,
        `[data-testid="board-appointment"][title*="(MRN ${ELIGIBLE_MRN})"]`,
        { timeout: UI_TIMEOUT_MS },
      );
      const texts = await sessions.allInnerTexts();
      for (let n = 1; n <= 5; n += 1) {
        expect(texts.some((text) => text.includes(`Session ${n} of 5`))).toBe(true);
      }
      expect(texts.every((text) => text.includes(FIVE_DAY_PROTOCOL))).toBe(true);

      // Opening one shows the appointment panel with its actions.
      await sessions.first().click();
      const panel = page.getByRole('dialog');
      await expectVisible(panel.getByRole('button', { name: 'Reschedule' }));
      await expectVisible(panel.getByRole('button', { name: 'Cancel session' }));
    });
  });
});
