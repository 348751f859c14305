// Browser test of the infusion day on a tablet-sized screen (1024×768): the nurse checks a patient
// in from today's list, the clinician orders the dose, the nurse starts the infusion, enters three
// vitals readings (one with a high blood pressure), confirms the adverse event it drafted, changes
// the rate, stops, discharges and signs; the clinician co-signs.
// The appointment (booked from a few minutes ago, patient eligible) comes from
// test/browser/global-setup.ts (CADENCE_E2E_INFUSION_MRN). With CADENCE_E2E_SHOTS set, each screen is
// also kept as a screenshot at 1440×900 and 1024×768.
import { request, type Locator, type Page } from 'playwright-core';
import { BASE_URL, DEMO, UI_TIMEOUT_MS, expectVisible, keepShot, signIn, useBrowser } from './support';

const MRN = process.env.CADENCE_E2E_INFUSION_MRN ?? 'DEMO-000002';
const RECHECK_MRN = process.env.CADENCE_E2E_RECHECK_MRN ?? 'DEMO-000003';
const TABLET = { width: 1024, height: 768 };

jest.setTimeout(240_000);

const inBrowser = useBrowser();

/**
 * The clinic observes patients for 60 minutes after the last dose by default; the test clinic
 * sets 0 through the API (the admin's settings route) so discharge can follow the stop at once.
 */
async function observeWithoutWaiting(): Promise<void> {
  const context = await request.newContext({ baseURL: BASE_URL, extraHTTPHeaders: { Origin: BASE_URL } });
  try {
    expect((await context.post('/api/auth/login', { data: DEMO.admin })).status()).toBe(200);
    const current = await context.get('/api/clinic/infusion-settings');
    expect(current.status()).toBe(200);
    const settings = (await current.json()) as { version: number };
    const saved = await context.put('/api/clinic/infusion-settings', {
      data: { version: settings.version, infusion: { discharge: { minimumObservationMinutes: 0 } } },
    });
    expect(saved.status()).toBe(200);
  } finally {
    await context.dispose();
  }
}

async function openFromToday(page: Page, mrn = MRN): Promise<void> {
  await page.goto('/today');
  await expectVisible(page.getByRole('heading', { name: 'Today' }));
  await page.getByTestId('today-appointment').filter({ hasText: mrn }).click();
}

/** "HH:mm" on the clinic's clock (the demo clinic is in London), `minutesAgo` before now. */
function clinicTime(minutesAgo: number): string {
  return new Date(Date.now() - minutesAgo * 60_000).toLocaleTimeString('en-GB', {
    timeZone: 'Europe/London',
    hour: '2-digit',
    minute: '2-digit',
  });
}

/** Clicks a segment of a segmented control, found by the control's label. */
async function choose(scope: Page | Locator, group: string, option: string): Promise<void> {
  await scope.getByRole('radiogroup', { name: group }).getByText(option, { exact: true }).click();
}

async function fill(scope: Page | Locator, label: string, value: string): Promise<void> {
  await scope.getByLabel(label, { exact: true }).fill(value);
}

async function enterVitals(page: Page, reading: Record<string, string>, shot?: string): Promise<void> {
  await page.getByRole('button', { name: 'Enter vitals' }).click();
  const dialog = page.getByRole('dialog', { name: 'Vitals' });
  for (const [label, value] of Object.entries(reading)) await fill(dialog, label, value);
  if (shot) await keepShot(page, shot, { dialog: true });
  await dialog.getByRole('button', { name: 'Save reading' }).click();
  await dialog.waitFor({ state: 'hidden' });
}

/** Everything fits the tablet: no sideways scrolling, and every action button is a large touch target. */
async function expectTabletFit(page: Page): Promise<void> {
  const overflow = await page.evaluate(
    () => document.documentElement.scrollWidth - document.documentElement.clientWidth,
  );
  expect(overflow).toBeLessThanOrEqual(0);
  const actions = page.getByRole('region', { name: 'Actions' }).getByRole('button');
  for (const button of await actions.all()) {
    const box = await button.boundingBox();
    expect(box?.height ?? 0).toBeGreaterThanOrEqual(44);
  }
}

describe('the infusion day in the admin app', () => {
  it('checks in, starts, records vitals with an alert, confirms its adverse event, changes the rate, stops, discharges, signs and co-signs', async () => {
    let sessionUrl = '';

    await inBrowser(
      'infusion-check-in',
      async (page) => {
        await signIn(page, DEMO.nurse);
        // Today is the nurse's landing page.
        await page.waitForURL('**/today', { timeout: UI_TIMEOUT_MS });
        const row = page.getByTestId('today-appointment').filter({ hasText: MRN });
        await expectVisible(row.getByText('Expected'));
        await keepShot(page, 'today');
        await row.click();

        await expectVisible(page.getByRole('heading', { name: /^Check-in · / }));
        await fill(page, 'Systolic (mmHg)', '128');
        await fill(page, 'Diastolic (mmHg)', '82');
        await fill(page, 'Heart rate (bpm)', '76');
        await fill(page, 'SpO2 at rest (%)', '98');
        await fill(page, 'Weight (kg)', '70');
        await choose(page, 'Pregnancy status today', 'Not pregnant');
        await choose(page, 'Escort home arranged', 'Yes');
        await choose(page, 'Will drive after treatment', 'No');
        await choose(page, 'Pain before (NRS 0–10)', '6');
        await page.getByRole('combobox', { name: 'Supervising clinician' }).click();
        await page.getByRole('option', { name: 'Dr Helen Marsh' }).click();
        await page.getByLabel("I confirmed the patient's name and date of birth with the patient").check();
        await keepShot(page, 'check-in');
        await page.getByRole('button', { name: 'Check in' }).click();

        await page.waitForURL(/\/sessions\/[0-9a-f-]{36}$/, { timeout: UI_TIMEOUT_MS });
        sessionUrl = new URL(page.url()).pathname;
        const checks = page.getByRole('region', { name: 'Day-of checks' });
        await expectVisible(checks.getByText('Cleared to start'));
        await keepShot(page, 'session-checked-in');
        await expectVisible(page.getByText("The start waits for the clinician's order."));
        await expectTabletFit(page);
      },
      TABLET,
    );

    await inBrowser(
      'infusion-order',
      async (page) => {
        await signIn(page, DEMO.clinician);
        // A clinician lands on the review queue.
        await page.waitForURL('**/review-queue', { timeout: UI_TIMEOUT_MS });
        await page.getByRole('link', { name: 'Today', exact: true }).click();
        await page.waitForURL('**/today', { timeout: UI_TIMEOUT_MS });
        await openFromToday(page);
        await page.getByRole('button', { name: 'Order the dose' }).click();
        const dialog = page.getByRole('dialog', { name: 'Dose order' });
        await fill(dialog, 'Dose (mg/kg/h)', '0.5');
        await fill(dialog, 'Planned infusion minutes', '40');
        await keepShot(page, 'order', { dialog: true });
        await dialog.getByRole('button', { name: 'Order', exact: true }).click();
        await dialog.waitFor({ state: 'hidden' });
        await expectVisible(page.getByRole('table', { name: 'Orders' }).getByText('35 mg/h'));
      },
      TABLET,
    );

    await inBrowser(
      'infusion-session',
      async (page) => {
        await signIn(page, DEMO.nurse);
        await page.waitForURL('**/today', { timeout: UI_TIMEOUT_MS });
        await page.goto(sessionUrl);

        await page.getByRole('button', { name: 'Start the infusion' }).click();
        const start = page.getByRole('dialog', { name: 'Start the infusion' });
        await start.getByRole('button', { name: 'Start the infusion' }).click();
        await start.waitFor({ state: 'hidden' });
        await expectVisible(page.getByText('Infusing', { exact: true }));
        await expectVisible(page.getByTestId('current-rate').getByText('35 mg/h'));
        // The first reading is due at the start: until it is entered, vitals are overdue, on the
        // screen (in red, counting up) and on today's list.
        await expectVisible(page.getByTestId('vitals-countdown').getByText(/overdue/));
        await expectVisible(page.getByTestId('overdue-vitals'));
        await page.goto('/today');
        await expectVisible(
          page.getByTestId('today-appointment').filter({ hasText: MRN }).getByTestId('overdue-vitals'),
        );
        await page.goto(sessionUrl);

        // Three readings; the second crosses the blood pressure limit.
        await enterVitals(
          page,
          {
            'Systolic (mmHg)': '130',
            'Diastolic (mmHg)': '80',
            'Heart rate (bpm)': '78',
            'SpO2 (%)': '98',
            'Resp. rate (/min)': '14',
          },
          'vitals-entry',
        );
        await enterVitals(page, { 'Systolic (mmHg)': '186', 'Diastolic (mmHg)': '104', 'Heart rate (bpm)': '88' });
        const alerts = page.getByRole('region', { name: 'Alerts and adverse events' });
        await expectVisible(alerts.getByText(/Blood pressure 186\/104 mmHg is above 180\/110/).first());
        await expectTabletFit(page);
        await keepShot(page, 'session-alert');

        // The drafted adverse event, confirmed with its CTCAE grade.
        await alerts.getByRole('button', { name: 'Confirm' }).first().click();
        const confirm = page.getByRole('dialog', { name: 'Confirm the adverse event' });
        await expectVisible(confirm.getByText(/Systolic BP >=160 mm Hg/));
        await confirm.getByLabel('Grade 3').check();
        await confirm.getByLabel('Rate reduced').check();
        await confirm.getByRole('combobox', { name: 'Outcome' }).click();
        await page.getByRole('option', { name: 'Resolving' }).click();
        await keepShot(page, 'adverse-event-confirm', { dialog: true });
        await confirm.getByRole('button', { name: 'Confirm the event' }).click();
        await confirm.waitFor({ state: 'hidden' });
        await expectVisible(alerts.getByText('Confirmed'));

        await page.getByRole('button', { name: 'Change the rate' }).click();
        const rate = page.getByRole('dialog', { name: 'Change the rate' });
        await fill(rate, 'New rate (mg/h)', '25');
        await rate.getByRole('button', { name: 'Change the rate' }).click();
        await rate.waitFor({ state: 'hidden' });
        await expectVisible(page.getByTestId('current-rate').getByText('25 mg/h'));

        await page.getByRole('button', { name: 'Stop the infusion' }).click();
        const stop = page.getByRole('dialog', { name: 'Stop' });
        await stop.getByRole('button', { name: 'Stop the infusion' }).click();
        await stop.waitFor({ state: 'hidden' });
        await expectVisible(page.getByText('In recovery', { exact: true }));
        // The third reading, in recovery: discharge compares it with the check-in baseline.
        await enterVitals(page, {
          'Systolic (mmHg)': '132',
          'Diastolic (mmHg)': '84',
          'Heart rate (bpm)': '80',
          'SpO2 (%)': '97',
        });
        expect(await page.getByTestId('flowsheet-row').count()).toBe(3);
        await keepShot(page, 'session-recovery');

        await observeWithoutWaiting();
        await page.getByRole('button', { name: 'Discharge' }).click();
        const discharge = page.getByRole('dialog', { name: 'Discharge' });
        for (const item of ['Activity', 'Respiration', 'Circulation', 'Consciousness'])
          await choose(discharge, item, '2');
        await expectVisible(discharge.getByText('Scored here: 8 of 8'));
        await choose(discharge, 'Pain after (NRS 0–10)', '3');
        // Without the escort the discharge check refuses, saying why; with the escort it passes.
        await discharge.getByRole('button', { name: 'Discharge' }).click();
        await expectVisible(discharge.getByText('The escort home is not here yet'));
        await discharge.getByLabel('The escort home is here').check();
        await keepShot(page, 'discharge', { dialog: true });
        await discharge.getByRole('button', { name: 'Discharge' }).click();
        await discharge.waitFor({ state: 'hidden' });
        await expectVisible(page.getByText('Discharged', { exact: true }));

        // A grade 3 event must be seen by a clinician before the nurse signs.
        await page.getByRole('button', { name: 'Sign the record' }).click();
        await expectVisible(page.getByRole('region', { name: 'Signatures' }).getByText('Not signed'));
      },
      TABLET,
    );

    await inBrowser(
      'infusion-alert',
      async (page) => {
        await signIn(page, DEMO.clinician);
        // A clinician lands on the review queue.
        await page.waitForURL('**/review-queue', { timeout: UI_TIMEOUT_MS });
        await page.getByRole('link', { name: 'Today', exact: true }).click();
        await page.waitForURL('**/today', { timeout: UI_TIMEOUT_MS });
        // The grade 3 event reached the supervising clinician's inbox at once.
        await expectVisible(page.getByTestId('unread-alerts'));
        await page.getByRole('link', { name: /^Alerts,/ }).click();
        const alert = page.getByTestId('staff-alert').filter({ hasText: MRN });
        await expectVisible(alert.getByText('Unread'));
        await keepShot(page, 'alerts');
        await alert.getByRole('link', { name: 'Open the session' }).click();
        await page.waitForURL(/\/sessions\//, { timeout: UI_TIMEOUT_MS });
        await expectVisible(page.getByRole('region', { name: 'Alerts and adverse events' }).getByText('Confirmed'));
        await page.goto('/alerts');
        await expectVisible(page.getByText('0 unread', { exact: false }));
      },
      TABLET,
    );

    await inBrowser(
      'infusion-sign',
      async (page) => {
        await signIn(page, DEMO.nurse);
        await page.waitForURL('**/today', { timeout: UI_TIMEOUT_MS });
        await page.goto(sessionUrl);
        await page.getByRole('button', { name: 'Sign the record' }).click();
        await expectVisible(page.getByTestId('nurse-signature').getByText(/signed/));
      },
      TABLET,
    );

    await inBrowser(
      'infusion-co-sign',
      async (page) => {
        await signIn(page, DEMO.clinician);
        // A clinician lands on the review queue.
        await page.waitForURL('**/review-queue', { timeout: UI_TIMEOUT_MS });
        await page.getByRole('link', { name: 'Today', exact: true }).click();
        await page.waitForURL('**/today', { timeout: UI_TIMEOUT_MS });
        await expectVisible(
          page.getByTestId('today-appointment').filter({ hasText: MRN }).getByText('Nurse signed · co-sign due'),
        );
        await openFromToday(page);
        await page.getByRole('button', { name: 'Co-sign the record' }).click();
        await expectVisible(page.getByTestId('clinician-signature').getByText(/co-signed by Dr Helen Marsh/));
        await keepShot(page, 'session-signed');
        // The patient's record shows the dose given today in the cumulative ledger, against the caps.
        await page.getByRole('link', { name: 'Patient record' }).click();
        const ledger = page.getByRole('table', { name: 'Dose ledger' });
        await expectVisible(ledger.getByRole('row').filter({ hasText: 'IV' }));
        await keepShot(page, 'patient-dose-ledger');
        await page.goto('/today');
        await expectVisible(page.getByTestId('today-appointment').filter({ hasText: MRN }).getByText('Co-signed'));
      },
      TABLET,
    );
  });

  it("rechecks a high blood pressure after rest, keeps both readings, and starts only after a clinician's written override", async () => {
    let sessionUrl = '';
    await inBrowser(
      'infusion-recheck',
      async (page) => {
        await signIn(page, DEMO.nurse);
        await page.waitForURL('**/today', { timeout: UI_TIMEOUT_MS });
        await openFromToday(page, RECHECK_MRN);
        await expectVisible(page.getByRole('heading', { name: /^Check-in · / }));
        // The first reading was taken on arrival, six minutes ago.
        await fill(page, 'Taken at', clinicTime(6));
        await fill(page, 'Systolic (mmHg)', '165');
        await fill(page, 'Diastolic (mmHg)', '95');
        await fill(page, 'Heart rate (bpm)', '80');
        await fill(page, 'SpO2 at rest (%)', '97');
        await fill(page, 'Weight (kg)', '64');
        await choose(page, 'Pregnancy status today', 'Not pregnant');
        await choose(page, 'Escort home arranged', 'Yes');
        await choose(page, 'Will drive after treatment', 'No');
        await page.getByRole('combobox', { name: 'Supervising clinician' }).click();
        await page.getByRole('option', { name: 'Dr Helen Marsh' }).click();
        await page.getByLabel("I confirmed the patient's name and date of birth with the patient").check();
        await page.getByRole('button', { name: 'Check in' }).click();
        await page.waitForURL(/\/sessions\/[0-9a-f-]{36}$/, { timeout: UI_TIMEOUT_MS });
        sessionUrl = new URL(page.url()).pathname;

        const checks = page.getByRole('region', { name: 'Day-of checks' });
        await expectVisible(checks.getByText('Start blocked'));
        await expectVisible(checks.getByText(/recheck after 5 minutes' rest/));
        const recheck = page.getByRole('form', { name: 'Recheck after rest' });
        await fill(recheck, 'Systolic', '150');
        await fill(recheck, 'Diastolic', '92');
        await fill(recheck, 'Heart rate', '78');
        await recheck.getByRole('button', { name: 'Save recheck' }).click();
        // Both readings are kept and shown; the recheck decides, and a clinician decides on it.
        const readings = page.getByTestId('check-in-readings');
        await expectVisible(readings.getByText(/^Recheck at .*150\/92 mmHg/));
        await expectVisible(readings.getByText(/^First at .*165\/95 mmHg/));
        await expectVisible(checks.getByText(/150\/92 mmHg after rest is above 140\/90: a clinician decides/));
        await expectVisible(checks.getByText('Start blocked'));
        await expectTabletFit(page);
        await keepShot(page, 'check-in-recheck');
      },
      TABLET,
    );

    await inBrowser(
      'infusion-override',
      async (page) => {
        await signIn(page, DEMO.clinician);
        // A clinician lands on the review queue.
        await page.waitForURL('**/review-queue', { timeout: UI_TIMEOUT_MS });
        await page.goto(sessionUrl);
        const override = page.getByRole('form', { name: "Clinician's override" });
        await override.getByRole('checkbox', { name: /150\/92 mmHg after rest/ }).check();
        await override
          .getByLabel('Reason')
          .fill('Known white-coat hypertension; resting value near her usual readings');
        await keepShot(page, 'check-in-override');
        await override.getByRole('button', { name: 'Override' }).click();
        const checks = page.getByRole('region', { name: 'Day-of checks' });
        await expectVisible(checks.getByText('Cleared to start'));
        await expectVisible(checks.getByText('accepted by clinician'));
        await expectVisible(checks.getByText(/Known white-coat hypertension/));
      },
      TABLET,
    );
  });
});
