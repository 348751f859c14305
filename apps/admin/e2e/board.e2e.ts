// Browser test of the chair board one can work on: a scheduler clicks a free slot and books a course
// whose first session is there; drags a booked session to another chair (asked first, moved by the
// API, shown in its panel); and reads how full each day of the month is. Runs against the demo
// clinic (opening 08:00–18:00 on weekdays) with a patient of its own (CADENCE_E2E_BOARD_MRN, made
// eligible by test/browser/global-setup.ts), on days three weeks ahead that no other test books.
import { DateTime } from 'luxon';
import type { Page } from 'playwright-core';
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

const BOARD_MRN = process.env.CADENCE_E2E_BOARD_MRN ?? 'DEMO-000020';
const SINGLE = 'Single IV infusion (40 min)';
const ZONE = 'Europe/London';

jest.setTimeout(180_000);

const inBrowser = useBrowser();

interface Clinic {
  chairs: { id: string; name: string }[];
  openingHours: { weekday: number; opensAt: string }[];
  closures: { startsOn: string; endsOn: string }[];
}

async function api<T>(page: Page, path: string, body?: unknown): Promise<T> {
  const response =
    body === undefined
      ? await page.request.get(`${BASE_URL}${path}`)
      : await page.request.post(`${BASE_URL}${path}`, { data: body });
  if (!response.ok()) throw new Error(`${path}: ${response.status()} ${await response.text()}`);
  return (await response.json()) as T;
}

/** The clinic-local date `days` ahead, as YYYY-MM-DD, and its ISO weekday. */
function localDay(days: number): { date: string; weekday: number } {
  const day = DateTime.now().setZone(ZONE).startOf('day').plus({ days });
  return { date: day.toISODate() ?? '', weekday: day.weekday };
}

/** The first weekday from `from` days ahead that the clinic opens by 09:00 and no closure covers. */
function openDay(clinic: Clinic, from: number): string {
  for (let d = from; d < from + 14; d++) {
    const { date, weekday } = localDay(d);
    const opens = clinic.openingHours.some((h) => h.weekday === weekday && h.opensAt <= '09:00' && weekday <= 5);
    if (opens && !clinic.closures.some((c) => c.startsOn <= date && date <= c.endsOn)) return date;
  }
  throw new Error('no open weekday found');
}

const chairId = (clinic: Clinic, name: string) => {
  const chair = clinic.chairs.find((c) => c.name === name);
  if (!chair) throw new Error(`no ${name}`);
  return chair.id;
};

/** The centre of the board's cell for a chair at a wall-clock time ("10:00:00"), scrolled into view. */
async function cellCentre(page: Page, resourceId: string, time: string): Promise<{ x: number; y: number }> {
  const header = page.locator(`th.fc-col-header-cell[data-resource-id="${resourceId}"]`).first();
  const lane = page.locator(`td.fc-timegrid-slot-lane[data-time="${time}"]`).first();
  await header.scrollIntoViewIfNeeded();
  await lane.scrollIntoViewIfNeeded();
  const h = await header.boundingBox();
  const l = await lane.boundingBox();
  if (!h || !l) throw new Error('board cell not drawn');
  return { x: h.x + h.width / 2, y: l.y + l.height / 2 };
}

/** The chair column an appointment is drawn in. */
async function columnOf(page: Page, mrn: string): Promise<string | null> {
  return page
    .locator(`[data-testid="board-appointment"][title*="(MRN ${mrn})"]`)
    .first()
    .evaluate((el) => el.closest('[data-resource-id]')?.getAttribute('data-resource-id') ?? null);
}

async function openBoard(page: Page, date: string, view: string) {
  await page.goto(`/board?date=${date}&view=${view}`);
  await expectVisible(page.getByRole('heading', { name: 'Chair board' }));
  await expectVisible(page.locator('.fc'));
}

describe('the chair board', () => {
  it('books a course from a clicked free slot, the first session at that chair and time', async () => {
    await inBrowser('board-book-from-slot', async (page) => {
      await signIn(page, DEMO.scheduler);
      await page.waitForURL('**/patients', { timeout: UI_TIMEOUT_MS });
      const clinic = await api<Clinic>(page, '/api/clinic');
      const day = openDay(clinic, 20);
      const chair6 = chairId(clinic, 'Chair 6');

      await openBoard(page, day, 'day');
      await keepShot(page, 'board-day');
      const cell = await cellCentre(page, chair6, '10:00:00');
      await page.mouse.click(cell.x, cell.y);

      // The wizard opens on the clicked slot, searched from it.
      await page.waitForURL(/\/booking\?.*chair=/, { timeout: UI_TIMEOUT_MS });
      await expectVisible(page.getByTestId('clicked-slot').getByText('Chair 6'));
      expect(await page.getByTestId('clicked-slot').innerText()).toContain('at 10:00');
      await page.getByLabel('Search patients').fill(BOARD_MRN);
      await page
        .getByRole('table', { name: 'Matching patients' })
        .getByRole('row')
        .filter({ hasText: BOARD_MRN })
        .getByRole('button', { name: /^Choose / })
        .click();
      await expectVisible(page.getByLabel('Eligibility status').getByText('Eligible', { exact: true }));
      await clickWhenEnabled(page.getByRole('button', { name: 'Next', exact: true }));
      await page.getByRole('radio', { name: SINGLE }).click();
      await clickWhenEnabled(page.getByRole('button', { name: 'Find dates' }));

      const verdict = page.getByTestId('clicked-slot-verdict');
      await expectVisible(verdict);
      const said = await verdict.innerText();
      expect(said).toContain('The clicked slot is offered');
      const rank = Number(/Option (\d+) starts/.exec(said)?.[1]);
      const plan = page.getByTestId('plan-option').nth(rank - 1);
      expect(await plan.innerText()).toMatch(/10:00–10:40[\s\S]*Chair 6/);
      await plan.click();
      await clickWhenEnabled(page.getByRole('button', { name: 'Next', exact: true }));
      await clickWhenEnabled(page.getByRole('button', { name: 'Book course' }));
      await expectVisible(page.getByTestId('booking-done').getByText('Course booked'));

      // On the board: in Chair 6's column, drawn from the 10:00 line.
      await openBoard(page, day, 'day');
      const session = page.locator(`[data-testid="board-appointment"][title*="(MRN ${BOARD_MRN})"]`);
      await expectVisible(session);
      expect(await columnOf(page, BOARD_MRN)).toBe(chair6);
      const top = (await session.first().boundingBox())?.y ?? 0;
      const line =
        (await page.locator('td.fc-timegrid-slot-lane[data-time="10:00:00"]').first().boundingBox())?.y ?? -99;
      expect(Math.abs(top - line)).toBeLessThan(4);
      await keepShot(page, 'board-day-booked');

      // The week by chair shows it too.
      await openBoard(page, day, 'week');
      await expectVisible(session);
      await keepShot(page, 'board-week');
    });
  });

  it('moves a session dragged to another chair, after asking, and shows the new chair in its panel', async () => {
    await inBrowser('board-drag-to-chair', async (page) => {
      await signIn(page, DEMO.scheduler);
      await page.waitForURL('**/patients', { timeout: UI_TIMEOUT_MS });
      const clinic = await api<Clinic>(page, '/api/clinic');
      const day = openDay(clinic, 23);
      const chair6 = chairId(clinic, 'Chair 6');
      const chair7 = chairId(clinic, 'Chair 7');
      const patients = await api<{ items: { id: string; mrn: string }[] }>(
        page,
        `/api/patients?q=${encodeURIComponent(BOARD_MRN)}`,
      );
      const patientId = patients.items.find((p) => p.mrn === BOARD_MRN)?.id;
      const protocols = await api<{ items: { id: string; name: string }[] }>(page, '/api/protocols');
      const protocolId = protocols.items.find((p) => p.name === SINGLE)?.id;
      // A one-session course at 11:00 in Chair 6, booked through the API's own search.
      const at = DateTime.fromISO(`${day}T11:00`, { zone: ZONE }).toUTC().toISO() ?? '';
      const options = await api<{ plans: { sessions: { chairId: string; startsAt: string; endsAt: string }[] }[] }>(
        page,
        '/api/courses/options',
        { patientId, protocolId, earliest: at, preferredChairId: chair6, k: 1 },
      );
      const sessions = options.plans[0]?.sessions ?? [];
      expect(sessions[0]).toMatchObject({ chairId: chair6, startsAt: at });
      await api(page, '/api/courses', {
        patientId,
        protocolId,
        sessions: sessions.map(({ chairId, startsAt, endsAt }) => ({ chairId, startsAt, endsAt })),
      });

      await openBoard(page, day, 'day');
      const session = page.locator(`[data-testid="board-appointment"][title*="(MRN ${BOARD_MRN})"]`).first();
      await expectVisible(session);
      expect(await columnOf(page, BOARD_MRN)).toBe(chair6);
      // Held near its top and carried sideways: the same 11:00 start, in Chair 7's column.
      const target = await cellCentre(page, chair7, '11:00:00');
      const start = await session.boundingBox();
      if (!start) throw new Error('session not drawn');
      const grab = { x: start.x + start.width / 2, y: start.y + 6 };
      await page.mouse.move(grab.x, grab.y);
      await page.mouse.down();
      for (let i = 1; i <= 10; i++) await page.mouse.move(grab.x + ((target.x - grab.x) * i) / 10, grab.y);
      await page.mouse.up();

      const dialog = page.getByRole('dialog', { name: 'Move this session?' });
      await expectVisible(dialog);
      expect(await dialog.getByTestId('move-question').innerText()).toMatch(
        /^Move .+’s session 1 to Chair 7 at 11:00\?$/,
      );
      await keepShot(page, 'board-move-confirm', { dialog: true });
      await dialog.getByRole('button', { name: 'Move session' }).click();
      await expectVisible(page.getByText(/Session 1 moved to 11:00–11:40, Chair 7/));
      await page.waitForFunction(
        ([mrn, id]) =>
          document
            .querySelector(`[data-testid="board-appointment"][title*="(MRN ${mrn})"]`)
            ?.closest('[data-resource-id]')
            ?.getAttribute('data-resource-id') === id,
        [BOARD_MRN, chair7] as const,
        { timeout: UI_TIMEOUT_MS },
      );
      // Its panel names the new chair.
      await session.click();
      const panel = page.getByRole('dialog', { name: 'Appointment' });
      await expectVisible(panel.getByText(/11:00–11:40 · Chair 7/));
    });
  });

  it('shows how full each day of the month is and opens a day from it', async () => {
    await inBrowser('board-month', async (page) => {
      await signIn(page, DEMO.scheduler);
      await page.waitForURL('**/patients', { timeout: UI_TIMEOUT_MS });
      const today = localDay(0).date;
      await openBoard(page, today, 'month');
      const cell = page.locator(`[data-testid="month-day"][data-date="${today}"]`);
      await expectVisible(cell);
      // Every open day of the month says how full it is; the demo clinic has bookings this week.
      const texts = await page.locator('[data-testid="month-day"]').allInnerTexts();
      expect(texts.some((t) => /\d+% full/.test(t))).toBe(true);
      expect(texts.some((t) => /[1-9]\d*% full/.test(t))).toBe(true);
      await keepShot(page, 'board-month');
      await cell.click();
      await page.waitForURL(new RegExp(`date=${today}&view=day`), { timeout: UI_TIMEOUT_MS });
      await expectVisible(page.locator('.fc-resourceTimeGridDay-view'));
    });
  });
});
