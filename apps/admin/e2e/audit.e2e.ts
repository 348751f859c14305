// Browser test of the access report: an admin finds a patient's events by name in the audit log,
// opens who has seen or changed that record, and downloads it as CSV.
import { readFile } from 'node:fs/promises';
import { DEMO, UI_TIMEOUT_MS, expectVisible, keepShot, signIn, useBrowser } from './support';

jest.setTimeout(120_000);

const inBrowser = useBrowser();

describe('the access report', () => {
  it('filters the audit log by patient name, opens the patient’s access report and downloads its CSV', async () => {
    const stamp = `${Date.now().toString(36)}${Math.random().toString(36).slice(2, 6)}`.toUpperCase();
    const patient = { mrn: `AUD-${stamp}`, givenName: 'Wilhelmina', familyName: `Auditson${stamp}` };

    // A scheduler registers the patient and opens the record three times in a row.
    await inBrowser('access-report-reads', async (page) => {
      await signIn(page, DEMO.scheduler);
      await page.waitForURL('**/patients', { timeout: UI_TIMEOUT_MS });
      const created = await page.request.post('/api/patients', {
        data: { ...patient, dateOfBirth: '1979-03-14', sex: 'FEMALE' },
      });
      expect(created.status()).toBe(201);
      const { id } = (await created.json()) as { id: string };
      for (let i = 0; i < 3; i++) {
        await page.goto(`/patients/${id}`);
        await expectVisible(page.getByRole('heading', { name: `${patient.familyName}, ${patient.givenName}` }));
      }
    });

    await inBrowser('access-report', async (page) => {
      await signIn(page, DEMO.admin);
      await page.getByRole('link', { name: 'Audit log' }).first().click();
      await expectVisible(page.getByRole('heading', { name: 'Audit log' }));
      await page.getByLabel('Patient', { exact: true }).fill(patient.familyName.toLowerCase());
      await page.getByRole('button', { name: 'Apply' }).click();

      const table = page.getByRole('table', { name: 'Audit events' });
      await expectVisible(table.getByText('Created a patient record'));
      const text = (await table.textContent()) ?? '';
      expect(text).toContain('Read the patient record');
      expect(text).toContain(`${patient.familyName}, ${patient.givenName}`);
      expect(text).toContain(`MRN ${patient.mrn}`);
      expect(text).toContain('Scheduler');
      // No codes, emails or truncated ids.
      expect(text).not.toMatch(/\bREAD\b|\bCREATE\b|@demo\.cadence|…/);
      expect(await table.getByRole('row').count()).toBeGreaterThanOrEqual(5);
      await keepShot(page, 'audit-log-by-patient');

      await table
        .getByRole('link', { name: `${patient.familyName}, ${patient.givenName}` })
        .first()
        .click();
      await expectVisible(page.getByRole('heading', { name: 'Who has seen or changed this record' }));
      const report = page.getByRole('table', { name: 'Access report' });
      // The three openings (and the read the registration answered) are one line within ten minutes.
      const reads = report.getByRole('row').filter({ hasText: /Read the patient record ×\d/ });
      await expectVisible(reads);
      expect(await reads.count()).toBe(1);
      expect(await reads.textContent()).toMatch(/Read the patient record ×[34]/);
      await expectVisible(report.getByText('Created a patient record'));
      await keepShot(page, 'access-report');

      const [download] = await Promise.all([
        page.waitForEvent('download'),
        page.getByRole('link', { name: 'Download CSV' }).click(),
      ]);
      expect(download.suggestedFilename()).toBe('access-report.csv');
      const csv = await readFile(await download.path(), 'utf8');
      const [header, ...lines] = csv.trim().split('\n');
      expect(header).toBe('Staff member,Roles,Action,Times,First,Last,Fields,Record id');
      expect(lines.some((l) => /,Read the patient record,[34],/.test(l))).toBe(true);
      expect(lines.some((l) => l.includes('Created a patient record'))).toBe(true);

      // The download is itself on the report now.
      await page.reload();
      await expectVisible(
        page.getByRole('table', { name: 'Access report' }).getByText("Exported the patient's access report"),
      );
      // A range of days the record was not touched on shows nothing.
      await page.getByLabel('From').fill('2099-01-01');
      await page.getByRole('button', { name: 'Show these days' }).click();
      await expectVisible(page.getByText('Nobody opened or changed this record on these days.'));
    });
  });
});
