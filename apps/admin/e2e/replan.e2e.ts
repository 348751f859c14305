// Browser test of re-planning: a scheduler opens session 4 of a five-day course on the chair board
// and re-plans sessions 4–5 onto later days from the appointment panel.
// The patient is made eligible here (signed screenings written as the owner role, as the global
// setup does for the booking test's patient) and the course is booked through the API, so this file
// depends on no other file's bookings.
import { DateTime } from 'luxon';
import pg from 'pg';
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

const MRN = 'DEMO-000047';
const ZONE = 'Europe/London';

jest.setTimeout(120_000);

const inBrowser = useBrowser();

/** Signed ELIGIBLE screenings of every kind for the patient, valid 30 days from today. */
async function makeEligible(mrn: string): Promise<void> {
  const url = process.env.CADENCE_E2E_DATABASE_URL;
  if (!url) throw new Error('CADENCE_E2E_DATABASE_URL is not set: run through test/browser/jest.config.js');
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    const { rowCount } = await client.query(
      `WITH patient AS (
         SELECT p.id, p."clinicId", (now() AT TIME ZONE c.timezone)::date AS today
         FROM "Patient" p JOIN "Clinic" c ON c.id = p."clinicId" WHERE p.mrn = $1
       ), clinician AS (
         SELECT u.id FROM "User" u JOIN patient p ON u."clinicId" = p."clinicId"
         WHERE 'CLINICIAN'::"Role" = ANY(u.roles) ORDER BY u.email LIMIT 1
       ), template AS (
         SELECT DISTINCT ON (kind) t.id, t.kind FROM "ScreeningTemplate" t JOIN patient p ON t."clinicId" = p."clinicId"
         ORDER BY kind, version DESC
       )
       INSERT INTO "Screening" (id, "clinicId", "patientId", "templateId", kind, status, answers, result, reasons,
         "createdById", "createdAt", "updatedAt", "submittedById", "submittedAt", "signedById", "signedAt", "signedOn", "validUntil")
       SELECT gen_random_uuid(), p."clinicId", p.id, t.id, t.kind, 'SIGNED'::"ScreeningStatus", '{}'::jsonb,
         'ELIGIBLE'::"EligibilityStatus", '[]'::jsonb, u.id, now(), now(), u.id, now(), u.id, now(), p.today, p.today + 30
       FROM patient p CROSS JOIN clinician u CROSS JOIN template t`,
      [mrn],
    );
    if (rowCount !== 3) throw new Error(`Expected 3 signed screenings for ${mrn}, wrote ${rowCount}`);
  } finally {
    await client.end();
  }
}

const dayOf = (instant: string) => DateTime.fromISO(instant).setZone(ZONE).toISODate()!;
const plusDays = (date: string, days: number) => DateTime.fromISO(date).plus({ days }).toISODate()!;

interface Appointment {
  id: string;
  sessionNumber: number;
  startsAt: string;
  endsAt: string;
  chairId: string;
  status: string;
}

describe('re-planning a course from the chair board', () => {
  beforeAll(() => makeEligible(MRN));

  it('re-plans sessions 4–5 of a five-day course onto later days', async () => {
    await inBrowser('replan-five-day-course', async (page) => {
      await signIn(page, DEMO.scheduler);
      await page.waitForURL('**/patients', { timeout: UI_TIMEOUT_MS });

      // A five-day course from the earliest option two days ahead, booked through the API.
      const api = async (path: string, body?: object) => {
        const res = body
          ? await page.request.post(`${BASE_URL}${path}`, { data: body })
          : await page.request.get(`${BASE_URL}${path}`);
        expect(res.status()).toBeLessThan(300);
        return res.json();
      };
      const patientId = (await api(`/api/patients?q=${MRN}`)).items[0].id as string;
      const protocols = (await api('/api/protocols')).items as { id: string; key: string; active: boolean }[];
      const fiveDay = protocols.filter((p) => p.key === 'IV_FIVE_DAY_LOW_DOSE' && p.active).at(-1)!.id;
      const today = DateTime.now().setZone(ZONE).toISODate()!;
      const offered = await api('/api/courses/options', {
        patientId,
        protocolId: fiveDay,
        earliest: plusDays(today, 2),
        k: 1,
      });
      const sessions = (offered.plans[0].sessions as Appointment[]).map(({ chairId, startsAt, endsAt }) => ({
        chairId,
        startsAt,
        endsAt,
      }));
      const course = await api('/api/courses', { patientId, protocolId: fiveDay, sessions });
      const before = course.appointments as Appointment[];
      const fourthDay = dayOf(before[3].startsAt);

      // Session 4 on the board, opened: the panel offers the re-plan.
      await page.goto(`/board?date=${fourthDay}&view=day`);
      await expectVisible(page.getByRole('heading', { name: 'Chair board' }));
      const fourth = page
        .locator(`[data-testid="board-appointment"][title*="(MRN ${MRN})"]`)
        .filter({ hasText: 'Session 4 of 5' });
      await fourth.first().click();
      const panel = page.getByRole('dialog');
      await clickWhenEnabled(panel.getByRole('button', { name: 'Re-plan from this session' }));

      // The sessions that move are 4 and 5; the search starts a week after session 4's day.
      const moving = panel.getByRole('table', { name: 'Sessions being re-planned' });
      await expectVisible(moving);
      expect(await moving.locator('tbody tr').allInnerTexts()).toEqual([
        expect.stringMatching(/^4 of 5/),
        expect.stringMatching(/^5 of 5/),
      ]);
      const earliest = plusDays(fourthDay, 7);
      const field = panel.getByLabel('Earliest new day');
      await field.fill(earliest);
      await field.press('Enter');
      await clickWhenEnabled(panel.getByRole('button', { name: 'Find options' }));
      // The field shows the day in the clinic's format, and the rule names it the same way.
      const shown = await field.inputValue();
      expect(shown).not.toBe('');
      await expectVisible(panel.getByTestId('replan-rule').filter({ hasText: `no earlier than ${shown}` }));
      expect(await panel.getByTestId('replan-rule').innerText()).toMatch(
        /^Sessions 4–5 stay on consecutive days with each other/,
      );
      const option = panel.getByTestId('plan-option').first();
      await expectVisible(option);
      expect(await option.locator('tbody tr').allInnerTexts()).toEqual([
        expect.stringMatching(/^4 of 5/),
        expect.stringMatching(/^5 of 5/),
      ]);
      expect(await option.getByTestId('option-reason').count()).toBeGreaterThan(0);
      await option.click();
      await keepShot(page, 'board-replan-options', { dialog: true });

      await clickWhenEnabled(panel.getByRole('button', { name: 'Re-plan sessions 4–5' }));
      await expectVisible(page.getByText(/Sessions 4–5 re-planned from/));

      // Sessions 1–3 stay; 4 and 5 are on consecutive days from the earliest day asked.
      const after = (await api(`/api/courses/${course.id}`)).appointments as Appointment[];
      expect(after.slice(0, 3).map((a) => a.startsAt)).toEqual(before.slice(0, 3).map((a) => a.startsAt));
      const [d4, d5] = after.slice(3).map((a) => dayOf(a.startsAt));
      expect(d4 >= earliest).toBe(true);
      expect(d5).toBe(plusDays(d4, 1));
      expect(after.every((a) => a.status === 'BOOKED')).toBe(true);

      // The board shows session 4 on its new day.
      await page.goto(`/board?date=${d4}&view=day`);
      await expectVisible(
        page.locator(`[data-testid="board-appointment"][title*="(MRN ${MRN})"]`).filter({ hasText: 'Session 4 of 5' }),
      );
    });
  });

  it('says why session 5 of a five-day course keeps its day, beside the date typed', async () => {
    await inBrowser('move-other-day-refused', async (page) => {
      await signIn(page, DEMO.scheduler);
      await page.waitForURL('**/patients', { timeout: UI_TIMEOUT_MS });
      const res = await page.request.get(`${BASE_URL}/api/patients?q=${MRN}`);
      const patientId = (await res.json()).items[0].id as string;
      const courses = (await (await page.request.get(`${BASE_URL}/api/patients/${patientId}/courses`)).json())
        .items as { status: string; appointments: Appointment[] }[];
      const fifth = courses.find((c) => c.status === 'BOOKED')!.appointments[4];

      await page.goto(`/board?date=${dayOf(fifth.startsAt)}&view=day`);
      await page
        .locator(`[data-testid="board-appointment"][title*="(MRN ${MRN})"]`)
        .filter({ hasText: 'Session 5 of 5' })
        .first()
        .click();
      const panel = page.getByRole('dialog');
      await clickWhenEnabled(panel.getByRole('button', { name: 'Move to another day' }));
      const typed = plusDays(dayOf(fifth.startsAt), 3);
      const field = panel.getByLabel('New day');
      await field.fill(typed);
      await field.press('Enter');
      await clickWhenEnabled(panel.getByRole('button', { name: 'Find times' }));
      await expectVisible(panel.getByText(/must be on .*the day after session 4.*re-plan from session 5/));
      // The date stays as typed: the refusal is shown beside it, with the way to move the day.
      expect(await field.inputValue()).not.toBe('');
      await expectVisible(panel.getByRole('button', { name: 'Re-plan from session 5' }));
      await keepShot(page, 'board-move-other-day-refused', { dialog: true });
    });
  });
});
