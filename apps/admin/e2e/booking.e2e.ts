// Browser test of booking: a scheduler books a five-consecutive-day course through the wizard and
// finds all five sessions on the chair board.
// Runs under Jest against a running Cadence (API + built admin app on one port), started by
// test/browser/global-setup.ts, which also signs ELIGIBLE screenings for one demo patient
// (CADENCE_E2E_ELIGIBLE_MRN): booking is offered only to an eligible patient.
// Drives Debian's chromium through playwright-core; a failing step leaves a screenshot in tmp/e2e/.
import {
  BASE_URL,
  DEMO,
  UI_TIMEOUT_MS,
  clickWhenEnabled,
  expectVisible,
  keepShot,
  signIn,
  useBrowser,
} from './support';

const ELIGIBLE_MRN = process.env.CADENCE_E2E_ELIGIBLE_MRN ?? 'DEMO-000001';
const FIVE_DAY_PROTOCOL = 'Five consecutive days, low-dose IV (4 h a day)';
const SESSION_TIME = /(\d{2}):(\d{2})–\d{2}:\d{2}/g;

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

  it('offers only afternoon options with their reasons when asked for afternoons, and warns of a course already booked', async () => {
    await inBrowser('book-afternoon-options', async (page) => {
      await signIn(page, DEMO.scheduler);
      await page.waitForURL('**/patients', { timeout: UI_TIMEOUT_MS });

      // A single infusion booked for the patient first, through the API: the course to be warned of.
      const api = async (path: string, body?: object) => {
        const res = body
          ? await page.request.post(`${BASE_URL}${path}`, { data: body })
          : await page.request.get(`${BASE_URL}${path}`);
        expect(res.status()).toBeLessThan(300);
        return res.json();
      };
      const patientId = (await api(`/api/patients?q=${ELIGIBLE_MRN}`)).items[0].id as string;
      const protocols = (await api('/api/protocols')).items as { id: string; key: string; active: boolean }[];
      const single = protocols.find((p) => p.key === 'IV_SINGLE_INFUSION' && p.active)!.id;
      const tomorrow = new Date(Date.now() + 86_400_000).toISOString().slice(0, 10);
      const offered = await api('/api/courses/options', { patientId, protocolId: single, earliest: tomorrow, k: 1 });
      const sessions = offered.plans[0].sessions.map((s: { chairId: string; startsAt: string; endsAt: string }) => ({
        chairId: s.chairId,
        startsAt: s.startsAt,
        endsAt: s.endsAt,
      }));
      await api('/api/courses', { patientId, protocolId: single, sessions });

      await page.getByRole('link', { name: 'Book a course' }).click();
      // The patients page has a "Search patients" field too: type only once the wizard is open.
      await page.waitForURL('**/booking', { timeout: UI_TIMEOUT_MS });
      await expectVisible(page.getByRole('heading', { name: 'Book a course' }));
      await page.getByLabel('Search patients').fill(ELIGIBLE_MRN);
      await page
        .getByRole('table', { name: 'Matching patients' })
        .getByRole('row')
        .filter({ hasText: ELIGIBLE_MRN })
        .getByRole('button', { name: /^Choose / })
        .click();
      await expectVisible(page.getByLabel('Eligibility status').getByText('Eligible', { exact: true }));
      await clickWhenEnabled(page.getByRole('button', { name: 'Next', exact: true }));
      await page.getByRole('radio', { name: FIVE_DAY_PROTOCOL }).click();
      await clickWhenEnabled(page.getByRole('button', { name: 'Find dates' }));

      // The warning comes with the options, before anything is booked.
      const warning = page.getByTestId('open-courses');
      await expectVisible(warning);
      expect(await warning.innerText()).toMatch(/already booked|under way/);

      // Afternoons only: every session of every option starts at 12:00 or later, and says why it is offered.
      await expectVisible(page.getByTestId('plan-option').first());
      await page.getByTestId('option-filters').getByText('Afternoon', { exact: true }).click();
      await page.waitForFunction(
        () => {
          const cards = Array.from(document.querySelectorAll('[data-testid="plan-option"]'));
          return (
            cards.length > 0 &&
            cards.every((card) =>
              [...(card.textContent ?? '').matchAll(/(\d{2}):\d{2}–/g)].every((m) => Number(m[1]) >= 12),
            )
          );
        },
        undefined,
        { timeout: UI_TIMEOUT_MS },
      );
      const cards = page.getByTestId('plan-option');
      const count = await cards.count();
      expect(count).toBeGreaterThan(1);
      const days = new Set<string>();
      for (let i = 0; i < count; i += 1) {
        const card = cards.nth(i);
        const text = await card.innerText();
        const hours = [...text.matchAll(SESSION_TIME)].map((m) => Number(m[1]));
        expect(hours).toHaveLength(5);
        expect(hours.every((h) => h >= 12)).toBe(true);
        const reasons = await card.getByTestId('option-reason').allTextContents();
        expect(reasons).toContain('Afternoons');
        if (i === 0) expect(reasons).toContain('Earliest');
        days.add((await card.locator('tbody tr').first().innerText()).trim());
      }
      // One option per start day: afternoons asked for, the options differ by day.
      expect(days.size).toBe(count);
      await expectVisible(warning);
      await keepShot(page, 'booking-afternoon-options');
    });
  });
});
