// Browser test: a number typed out of range is refused beside its field with the allowed range, and
// stays as it was typed (never clamped, never stripped of its sign or decimals); nothing is sent.
// Runs under Jest against the built app started by test/browser/global-setup.ts.
import type { Page, Request } from 'playwright-core';
import { DEMO, UI_TIMEOUT_MS, expectVisible, keepShot, signIn, useBrowser } from './support';

const ELIGIBLE_MRN = process.env.CADENCE_E2E_ELIGIBLE_MRN ?? 'DEMO-000001';
const WEEKDAYS_PROTOCOL = 'Multi-day IV course on weekdays (4–10 sessions)';

jest.setTimeout(120_000);

const inBrowser = useBrowser();

/** The API writes and searches the page sends from now on. */
function sentRequests(page: Page): string[] {
  const sent: string[] = [];
  page.on('request', (request: Request) => {
    if (request.method() !== 'GET' && new URL(request.url()).pathname.startsWith('/api/'))
      sent.push(`${request.method()} ${new URL(request.url()).pathname}`);
  });
  return sent;
}

describe('numbers typed out of range', () => {
  it('refuses a weight of 900 kg beside the field and saves nothing', async () => {
    await inBrowser('weight-out-of-range', async (page) => {
      await signIn(page, DEMO.scheduler);
      await page.waitForURL('**/patients', { timeout: UI_TIMEOUT_MS });
      await page.getByRole('link', { name: 'New patient' }).click();
      await page.getByLabel('MRN').fill(`E2E-W${Date.now().toString(36).toUpperCase()}`);
      await page.getByLabel('Given name').fill('Ada');
      await page.getByLabel('Family name').fill('Heavyweight');
      await page.getByLabel('Date of birth').fill('2 Apr 1980');
      await page.getByLabel('Sex').selectOption('FEMALE');
      const weight = page.getByLabel('Weight (kg)');
      await weight.fill('900');
      const sent = sentRequests(page);
      await page.getByRole('button', { name: 'Save' }).click();

      const message = 'Weight must be from 1 to 500 kg, to at most one decimal place';
      await expectVisible(page.getByText(message));
      await weight.blur();
      expect(await weight.inputValue()).toBe('900');
      expect(await weight.getAttribute('aria-invalid')).toBe('true');
      await keepShot(page, 'patient-form-weight-900');

      // A minus sign and a second decimal are kept as typed and refused the same way.
      for (const typed of ['-70', '72.25']) {
        await weight.fill(typed);
        await weight.blur();
        expect(await weight.inputValue()).toBe(typed);
        await page.getByRole('button', { name: 'Save' }).click();
        await expectVisible(page.getByText(message));
      }
      expect(new URL(page.url()).pathname).toBe('/patients/new');
      expect(sent).toEqual([]);
    });
  });

  it('refuses 20 sessions of a 4–10 session course beside the field and searches nothing', async () => {
    await inBrowser('session-count-out-of-range', async (page) => {
      await signIn(page, DEMO.scheduler);
      await page.waitForURL('**/patients', { timeout: UI_TIMEOUT_MS });
      await page.getByRole('link', { name: 'Book a course' }).click();
      // The patients page has a "Search patients" field too: type only once the wizard is open.
      await page.waitForURL('**/booking', { timeout: UI_TIMEOUT_MS });
      await expectVisible(page.getByRole('heading', { name: 'Book a course' }));
      await page.getByLabel('Search patients').fill(ELIGIBLE_MRN);
      const match = page
        .getByRole('table', { name: 'Matching patients' })
        .getByRole('row')
        .filter({ hasText: ELIGIBLE_MRN });
      await match.getByRole('button', { name: /^Choose / }).click();
      await expectVisible(page.getByLabel('Eligibility status').getByText('Eligible', { exact: true }));
      const next = page.getByRole('button', { name: 'Next', exact: true });
      for (const deadline = Date.now() + UI_TIMEOUT_MS; !(await next.isEnabled());) {
        if (Date.now() > deadline) throw new Error('Next stayed disabled');
        await page.waitForTimeout(100);
      }
      await next.click();

      await page.getByRole('radio', { name: WEEKDAYS_PROTOCOL }).click();
      const sessions = page.getByLabel('Number of sessions');
      const sent = sentRequests(page);
      const message = 'This protocol needs a session count from 4 to 10 chosen at booking';
      for (const typed of ['20', '4.5']) {
        await sessions.fill(typed);
        await sessions.blur();
        expect(await sessions.inputValue()).toBe(typed);
        await expectVisible(page.getByText(message));
        expect(await page.getByRole('button', { name: 'Find dates' }).isDisabled()).toBe(true);
        if (typed === '20') await keepShot(page, 'booking-sessions-20');
      }
      expect(sent).toEqual([]);

      // In range, the search may go ahead.
      await sessions.fill('10');
      await sessions.blur();
      expect(await page.getByText(message).count()).toBe(0);
      expect(await page.getByRole('button', { name: 'Find dates' }).isEnabled()).toBe(true);
    });
  });
});
