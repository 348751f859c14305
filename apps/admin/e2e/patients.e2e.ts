// Browser test of the front-desk workflow: sign in, register a patient, find them again.
// Runs under Jest against a running Cadence (API + built admin app on one port):
//   CADENCE_E2E_URL=http://localhost:3000 jest <config that matches *.e2e.ts>
// Drives Debian's chromium through playwright-core; a failing step leaves a screenshot in tmp/e2e/.
import { DEMO, UI_TIMEOUT_MS, expectVisible, signIn, useBrowser } from './support';

jest.setTimeout(120_000);

const inBrowser = useBrowser();

/** Unique per run, and valid for the API's rules (MRN: letters, digits, hyphens; up to 32). */
function uniquePatient() {
  const stamp = `${Date.now().toString(36)}${Math.random().toString(36).slice(2, 6)}`.toUpperCase();
  return { mrn: `E2E-${stamp}`, givenName: 'Ada', familyName: `Testpatient${stamp}` };
}

describe('patients in the admin app', () => {
  it('registers a patient and finds them by family name', async () => {
    await inBrowser('register-and-search', async (page) => {
      await signIn(page, DEMO.scheduler);
      await page.waitForURL('**/patients', { timeout: UI_TIMEOUT_MS });
      await expectVisible(page.getByRole('heading', { name: 'Patients' }));

      const patient = uniquePatient();
      await page.getByRole('link', { name: 'New patient' }).click();
      await page.getByLabel('MRN').fill(patient.mrn);
      await page.getByLabel('Given name').fill(patient.givenName);
      await page.getByLabel('Family name').fill(patient.familyName);
      await page.getByLabel('Date of birth').fill('2 Apr 1980');
      await page.getByLabel('Sex').selectOption('FEMALE');
      await page.getByLabel('Weight (kg)').fill('72.5');
      await page.getByLabel('Phone', { exact: true }).fill('+44 20 7946 0958');
      await page.getByLabel('Email', { exact: true }).fill('ada.test@example.org');
      await page.getByRole('button', { name: 'Save' }).click();

      // Saved: the app opens the new patient's record.
      await page.waitForURL(/\/patients\/[0-9a-f-]{36}$/, { timeout: UI_TIMEOUT_MS });
      await expectVisible(page.getByRole('heading', { name: `${patient.familyName}, ${patient.givenName}` }));

      await page.getByRole('link', { name: 'Patients', exact: true }).first().click();
      await page.getByLabel('Search patients').fill(patient.familyName);
      const table = page.getByRole('table', { name: 'Patients' });
      const row = table.getByRole('row').filter({ hasText: patient.mrn });
      await expectVisible(row);
      expect(await row.textContent()).toContain(patient.familyName);
      // The search narrowed the list to this one patient.
      await expectVisible(page.getByText('Showing 1–1 of 1 patients'));
    });
  });

  it('shows an inline error for a wrong password and stays on the login page', async () => {
    await inBrowser('wrong-password', async (page) => {
      // A throwaway address: the API throttles failed sign-ins per email, and repeated runs
      // must not lock out the demo scheduler that the other test signs in as.
      await signIn(page, { email: `nobody-${Date.now()}@demo.cadence.test`, password: 'definitely-not-the-password' });
      const alert = page.getByRole('alert').filter({ hasText: 'Email or password is incorrect' });
      await expectVisible(alert);
      expect(new URL(page.url()).pathname).toBe('/login');
      // The password is cleared for the next attempt; the email is kept.
      expect(await page.getByLabel('Password', { exact: true }).inputValue()).toBe('');
    });
  });
});
