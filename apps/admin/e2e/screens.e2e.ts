// Browser test of the screens at the sizes they are used at (a desk screen and a 1024×768 tablet):
// the screening form's live feedback and its impossible-pair refusal, the prompt before leaving a
// half-filled screening, the clinician's landing on the review queue with its count, and nothing
// clipped on the screening form, the review queue or the chair board.
import { request, type Page } from 'playwright-core';
import { BASE_URL, DEMO, UI_TIMEOUT_MS, clippedIn, expectVisible, keepShot, signIn, useBrowser } from './support';

jest.setTimeout(180_000);

const inBrowser = useBrowser();
const TABLET = { width: 1024, height: 768 };

async function registerPatient(): Promise<{ id: string; givenName: string; familyName: string }> {
  const stamp = `${Date.now().toString(36)}${Math.random().toString(36).slice(2, 6)}`.toUpperCase();
  const patient = { mrn: `E2E-T-${stamp}`, givenName: 'Tabitha', familyName: `Tablettest${stamp}` };
  const context = await request.newContext({ baseURL: BASE_URL });
  try {
    expect((await context.post('/api/auth/login', { data: DEMO.scheduler })).status()).toBe(200);
    const created = await context.post('/api/patients', {
      data: { ...patient, dateOfBirth: '1969-04-02', sex: 'FEMALE', weightKg: 70 },
    });
    expect(created.status()).toBe(201);
    return { id: ((await created.json()) as { id: string }).id, ...patient };
  } finally {
    await context.dispose();
  }
}

async function expectNothingClipped(page: Page, region: string): Promise<void> {
  expect({ region, clipped: await clippedIn(page.locator('main')) }).toEqual({ region, clipped: [] });
}

describe('screens at desk and tablet size', () => {
  it('the screening form judges typed blood pressures live, refuses an impossible pair, asks before leaving, and fits a tablet', async () => {
    const patient = await registerPatient();
    await inBrowser(
      'screens-screening',
      async (page) => {
        await signIn(page, DEMO.nurse);
        await page.waitForURL('**/today', { timeout: UI_TIMEOUT_MS });
        await page.goto(`/patients/${patient.id}`);
        await page.getByRole('link', { name: 'New screening' }).click();
        await page.getByRole('link', { name: 'Cardiovascular screening' }).click();
        await expectVisible(page.getByRole('heading', { name: 'Cardiovascular screening' }));

        const panel = page.getByRole('region', { name: 'What the answers so far mean' });
        await expectVisible(panel.getByText('No eligibility rule is tripped by the answers so far.'));
        await page.getByLabel('Blood pressure reading 1: systolic').fill('190');
        await page.getByLabel('Blood pressure reading 1: diastolic').fill('115');
        // The same rule and limits the API applies at submission, while the nurse is still typing.
        await expectVisible(
          panel.getByText('Blood pressure at or above the blocking limit on one reading, unconfirmed by the other'),
        );
        await expectVisible(panel.getByText('reading 1 190/115 mmHg', { exact: false }));

        // A diastolic above its systolic is refused beside the field, and not judged.
        await page.getByLabel('Blood pressure reading 2: systolic').fill('115');
        await page.getByLabel('Blood pressure reading 2: diastolic').fill('190');
        await page.getByLabel('Blood pressure reading 2: systolic').focus();
        await expectVisible(page.getByText(/must be lower than the systolic \(115 mmHg\)/));
        await expectVisible(panel.getByText('Answers marked in red are not judged until they are corrected.'));

        // Dates are typed as the clinic writes them (1 Dec 2026), not in the browser's mm/dd/yyyy.
        const miDate = page.getByLabel('Date of last myocardial infarction');
        expect(await miDate.getAttribute('placeholder')).toBe('e.g. 1 Dec 2026');
        await miDate.fill('2 Apr 2025');
        await miDate.press('Tab');
        expect(await miDate.inputValue()).toBe('2 Apr 2025');

        await keepShot(page, 'screening-form-live-feedback');
        await page.setViewportSize(TABLET);
        await expectNothingClipped(page, 'screening form');
        // The actions stay within reach on the tablet: the side panel scrolls inside the window.
        const submit = page.getByRole('button', { name: 'Submit for review' });
        await submit.scrollIntoViewIfNeeded();
        const box = (await submit.boundingBox())!;
        expect(box.y + box.height).toBeLessThanOrEqual(TABLET.height);

        // Leaving with unsaved answers asks first; staying keeps them.
        await page.getByRole('link', { name: 'Patients', exact: true }).click();
        const prompt = page.getByRole('dialog', { name: 'Leave this screening without saving?' });
        await expectVisible(prompt);
        await keepShot(page, 'screening-leave-prompt', { dialog: true });
        await prompt.getByRole('button', { name: 'Stay on the screening' }).click();
        expect(await page.getByLabel('Blood pressure reading 1: systolic').inputValue()).toBe('190');
        expect(new URL(page.url()).pathname).toMatch(/\/screenings\/new|\/patients\//);

        // Corrected and saved as a draft, it leaves without a question.
        await page.getByLabel('Blood pressure reading 2: diastolic').fill('95');
        await page.getByRole('button', { name: 'Save draft' }).click();
        await page.waitForURL(/\/screenings\/[0-9a-f-]{36}$/, { timeout: UI_TIMEOUT_MS });
        await page.getByRole('link', { name: 'Patients', exact: true }).click();
        await page.waitForURL('**/patients', { timeout: UI_TIMEOUT_MS });
      },
      { width: 1440, height: 900 },
    );
  });

  it('a clinician lands on the review queue with its count in the menu, and the queue and the board fit a tablet', async () => {
    await inBrowser(
      'screens-clinician',
      async (page) => {
        await signIn(page, DEMO.clinician);
        await page.waitForURL('**/review-queue', { timeout: UI_TIMEOUT_MS });
        await expectVisible(page.getByRole('heading', { name: 'Review queue' }));
        const count = page.getByTestId('review-queue-count');
        await expectVisible(count);
        expect(Number((await count.textContent())?.replace('+', ''))).toBeGreaterThan(0);
        expect(await count.getAttribute('aria-label')).toMatch(/^\d+ waiting/);
        await keepShot(page, 'review-queue-landing');
        await expectNothingClipped(page, 'review queue');
      },
      TABLET,
    );
    await inBrowser(
      'screens-board',
      async (page) => {
        await signIn(page, DEMO.scheduler);
        await page.waitForURL('**/patients', { timeout: UI_TIMEOUT_MS });
        await page.getByRole('link', { name: 'Chair board', exact: true }).click();
        await expectVisible(page.getByTestId('board-appointment'));
        await keepShot(page, 'chair-board');
        await expectNothingClipped(page, 'chair board');
        // A name wraps between words, never inside one: every word keeps to one line.
        const broken = await page.locator('.board-event__word').evaluateAll((words) =>
          words
            .filter((w) => (w as HTMLElement).offsetParent !== null)
            .filter(
              (w) =>
                w.getClientRects().length > 1 ||
                (w as HTMLElement).offsetHeight > 2 * parseFloat(getComputedStyle(w).lineHeight || '16'),
            )
            .map((w) => w.textContent),
        );
        expect(broken).toEqual([]);
      },
      TABLET,
    );
  });
});
