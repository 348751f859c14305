// Browser test of screening: a nurse records a psychiatric screening with a positive PHQ-9 item 9
// and submits it; the clinician finds it at the top of the review queue, flagged for suicidality.
// Runs under Jest against a running Cadence (API + built admin app on one port):
//   CADENCE_E2E_URL=http://localhost:3000 jest <config that matches *.e2e.ts>
// Drives Debian's chromium through playwright-core; a failing step leaves a screenshot in tmp/e2e/.
import { request, type Locator, type Page } from 'playwright-core';
import { BASE_URL, DEMO, UI_TIMEOUT_MS, expectVisible, keepShot, signIn, useBrowser } from './support';

jest.setTimeout(180_000);

const inBrowser = useBrowser();

/** The patient under test, registered by the front desk through the API (registering is covered elsewhere). */
async function registerPatient(): Promise<{ id: string; givenName: string; familyName: string; mrn: string }> {
  const stamp = `${Date.now().toString(36)}${Math.random().toString(36).slice(2, 6)}`.toUpperCase();
  const patient = { mrn: `E2E-S-${stamp}`, givenName: 'Grace', familyName: `Screentest${stamp}` };
  const context = await request.newContext({ baseURL: BASE_URL });
  try {
    const login = await context.post('/api/auth/login', { data: DEMO.scheduler });
    expect(login.status()).toBe(200);
    const created = await context.post('/api/patients', {
      data: { ...patient, dateOfBirth: '1975-09-14', sex: 'FEMALE', weightKg: 64 },
    });
    expect(created.status()).toBe(201);
    const { id } = (await created.json()) as { id: string };
    return { id, ...patient };
  } finally {
    await context.dispose();
  }
}

/** Picks an answer to a question asked as a group of radio buttons, by the question's label. */
async function answer(scope: Page | Locator, question: string | RegExp, option: string): Promise<void> {
  const group = scope.getByRole('radiogroup', { name: question });
  await group.getByRole('radio', { name: option, exact: true }).check();
}

/** Answers the numbered questions 1..count of an instrument section with the same option. */
async function answerAll(section: Locator, count: number, option: string, except: number[] = []): Promise<void> {
  for (let n = 1; n <= count; n += 1) {
    if (except.includes(n)) continue;
    await answer(section, new RegExp(`^${n}\\. `), option);
  }
}

describe('screening in the admin app', () => {
  it('flags a positive PHQ-9 item 9 to the nurse at once and puts it first in the clinician queue', async () => {
    const patient = await registerPatient();

    await inBrowser('screening-nurse', async (page) => {
      await signIn(page, DEMO.nurse);
      await page.waitForURL((url) => !url.pathname.startsWith('/login'), { timeout: UI_TIMEOUT_MS });
      await page.goto(`/patients/${patient.id}`);
      await expectVisible(page.getByRole('heading', { name: `${patient.familyName}, ${patient.givenName}` }));
      // Nothing signed yet: the eligibility badge says so, with its reasons.
      const eligibility = page.getByRole('region', { name: 'Eligibility for treatment' });
      await expectVisible(eligibility.getByText('Not eligible'));
      await expectVisible(eligibility.getByText('No signed psychiatric screening'));

      await page.getByRole('link', { name: 'New screening' }).click();
      await page.getByRole('link', { name: 'Psychiatric screening' }).click();
      await expectVisible(page.getByRole('heading', { name: 'Psychiatric screening' }));

      await answer(page, 'History of psychosis or schizophrenia', 'No');
      await answer(page, 'Bipolar disorder', 'No');
      const auditc = page.getByRole('region', { name: 'Alcohol use (AUDIT-C)' });
      await answer(auditc, /How often do you have a drink containing alcohol/, 'Never');
      await answer(page, /Any non-prescribed drug use in the past 12 months/, 'No');
      await answer(page, /Current substance use disorder/, 'No');

      const cssrs = page.getByRole('region', { name: 'Suicide risk (C-SSRS screener)' });
      await answer(cssrs, /^1\. /, 'No');
      await answer(cssrs, /^2\. /, 'No');
      await answer(cssrs, /^6\. /, 'No');

      const phq9 = page.getByRole('region', { name: 'Depression (PHQ-9)' });
      await answerAll(phq9, 8, 'Not at all');
      // No alert before the self-harm question is answered positively...
      expect(await page.getByRole('alert').filter({ hasText: 'inform the clinician now' }).count()).toBe(0);
      await answer(phq9, /^9\. Thoughts that you would be better off dead/, 'Several days');
      // ...and a prominent one the moment it is, before anything is saved.
      await expectVisible(page.getByRole('alert').filter({ hasText: 'inform the clinician now' }));
      // The score is computed live in the browser with the domain's own scoring: 1 of 27, none–minimal.
      await expectVisible(phq9.getByText('1 of 27 · None–minimal'));
      await expectVisible(phq9.getByText('Suicidality', { exact: true }));

      const gad7 = page.getByRole('region', { name: 'Anxiety (GAD-7)' });
      await answerAll(gad7, 7, 'Not at all');
      await expectVisible(gad7.getByText('0 of 21 · Minimal'));

      await page.getByRole('button', { name: 'Submit for review' }).click();
      await page.waitForURL(/\/screenings\/[0-9a-f-]{36}$/, { timeout: UI_TIMEOUT_MS });
      await expectVisible(page.getByText('Awaiting clinician'));
      // The computed result is a proposal until a clinician signs: never shown as eligible.
      await expectVisible(page.getByText('Computed result: needs review; not signed yet'));
      expect(await page.getByText('Eligible', { exact: true }).count()).toBe(0);
      await expectVisible(page.getByText('Suicidality flag').first());
    });

    await inBrowser('screening-clinician', async (page) => {
      await signIn(page, DEMO.clinician);
      await page.waitForURL((url) => !url.pathname.startsWith('/login'), { timeout: UI_TIMEOUT_MS });
      await page.getByRole('link', { name: 'Review queue' }).click();
      await expectVisible(page.getByRole('heading', { name: 'Review queue' }));
      const queue = page.getByRole('list', { name: 'Screenings awaiting review' });
      const first = queue.getByRole('listitem').first();
      await expectVisible(first);
      expect(await first.getAttribute('aria-label')).toContain(`${patient.familyName}, ${patient.givenName}`);
      await expectVisible(first.getByText('Suicidality flag'));
      // A result that needs review is cleared by an override with a reason, never a bare sign.
      await expectVisible(first.getByRole('button', { name: /^Override / }));
      expect(await first.getByRole('button', { name: /^Sign / }).count()).toBe(0);

      await keepShot(page, 'review-queue');

      // Overridden with a reason, it is signed as eligible by override, and said so everywhere.
      await first.getByRole('button', { name: /^Override / }).click();
      const dialog = page.getByRole('dialog', { name: 'Override relative contraindications' });
      await dialog
        .getByLabel('Reason for override')
        .fill('Passive thoughts only, no plan; seen today with the crisis plan agreed.');
      await dialog.getByRole('button', { name: 'Override and sign' }).click();
      await expectVisible(page.getByText('Screening signed: eligible by override'));
      await page.goto(`/patients/${patient.id}`);
      const screenings = page.getByRole('table', { name: 'Screenings' });
      await expectVisible(screenings.getByText('Eligible by override', { exact: true }));
      await expectVisible(screenings.getByText(/^Override: Passive thoughts only/));
      await keepShot(page, 'patient-screenings-override');
    });
  });
});
