// Browser test of the chair board one can work on: a scheduler clicks a free slot and books a course
// whose first session is there; drags a booked session to another chair (asked first, moved by the
// API, shown in its panel); sees a drag the API refuses put back with the reason, nothing stored;
// sees closed hours and closure days shaded; and reads how full each day of the month is, by mouse
// or keyboard. Runs against the demo
// clinic (opening 08:00–18:00 on weekdays) with a patient of its own (CADENCE_E2E_BOARD_MRN, made
// eligible by test/browser/global-setup.ts), on days three weeks ahead that no other test books.
import { DateTime } from 'luxon';
import pg from 'pg';
import { request, type Locator, type Page } from 'playwright-core';
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
  openingHours: { weekday: number; opensAt: string; closesAt: string }[];
  closures: { id: string; startsOn: string; endsOn: string; reason: string }[];
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

/**
 * A one-session single infusion for the board's patient at a clinic-local time in a chair, booked
 * through the API's own search; its appointment id.
 */
async function bookSingle(page: Page, day: string, time: string, chair: string): Promise<string> {
  const patients = await api<{ items: { id: string; mrn: string }[] }>(
    page,
    `/api/patients?q=${encodeURIComponent(BOARD_MRN)}`,
  );
  const patientId = patients.items.find((p) => p.mrn === BOARD_MRN)?.id;
  const protocols = await api<{ items: { id: string; name: string }[] }>(page, '/api/protocols');
  const protocolId = protocols.items.find((p) => p.name === SINGLE)?.id;
  const at = DateTime.fromISO(`${day}T${time}`, { zone: ZONE }).toUTC().toISO() ?? '';
  const options = await api<{ plans: { sessions: { chairId: string; startsAt: string; endsAt: string }[] }[] }>(
    page,
    '/api/courses/options',
    { patientId, protocolId, earliest: at, preferredChairId: chair, k: 1 },
  );
  const sessions = options.plans[0]?.sessions ?? [];
  expect(sessions[0]).toMatchObject({ chairId: chair, startsAt: at });
  const course = await api<{ appointments: { id: string }[] }>(page, '/api/courses', {
    patientId,
    protocolId,
    sessions: sessions.map(({ chairId, startsAt, endsAt }) => ({ chairId, startsAt, endsAt })),
  });
  return course.appointments[0]?.id ?? '';
}

/** Presses on a drawn session 6 px below its top and carries that point to `to` in ten steps. */
async function drag(page: Page, session: Locator, to: { x: number; y: number }) {
  const start = await session.boundingBox();
  if (!start) throw new Error('session not drawn');
  const grab = { x: start.x + start.width / 2, y: start.y + 6 };
  await page.mouse.move(grab.x, grab.y);
  await page.mouse.down();
  for (let i = 1; i <= 10; i++)
    await page.mouse.move(grab.x + ((to.x - grab.x) * i) / 10, grab.y + ((to.y - grab.y) * i) / 10);
  await page.mouse.up();
}

/** The stored row of an appointment and how many reschedules the audit log holds for it. */
async function stored(id: string): Promise<{ row: unknown; reschedules: number }> {
  const client = new pg.Client({ connectionString: process.env.CADENCE_E2E_DATABASE_URL });
  await client.connect();
  try {
    const row = await client.query(
      `SELECT "chairId", "startsAt", "endsAt", status, version FROM "Appointment" WHERE id = $1`,
      [id],
    );
    const audit = await client.query(
      `SELECT count(*)::int AS n FROM "AuditEvent" WHERE "entityId" = $1 AND action = 'RESCHEDULE'`,
      [id],
    );
    return { row: row.rows[0], reschedules: audit.rows[0].n };
  } finally {
    await client.end();
  }
}

/**
 * The shaded stretches of a column of the time grid, as "HH:mm–HH:mm" between the slot
 * lines they start and end on (the end of the grid reads as its last line's end).
 */
async function shadedSpans(page: Page, columnSelector: string, selector: string): Promise<string[]> {
  return page.evaluate(
    ([col, sel]) => {
      const lanes = Array.from(document.querySelectorAll<HTMLElement>('td.fc-timegrid-slot-lane')).map((l) => {
        const box = l.getBoundingClientRect();
        return { time: (l.dataset.time ?? '').slice(0, 5), top: box.top, bottom: box.bottom };
      });
      const last = lanes[lanes.length - 1];
      const [h, m] = (last?.time ?? '00:00').split(':').map(Number);
      const end = `${String(h + Math.floor((m + 30) / 60)).padStart(2, '0')}:${String((m + 30) % 60).padStart(2, '0')}`;
      const lineAt = (y: number) => {
        if (last && Math.abs(y - last.bottom) < 3) return end;
        return lanes.find((l) => Math.abs(l.top - y) < 3)?.time ?? `?${Math.round(y)}`;
      };
      const column = document.querySelector(col);
      return Array.from(column?.querySelectorAll<HTMLElement>(sel) ?? [])
        .map((el) => el.getBoundingClientRect())
        .sort((a, b) => a.top - b.top)
        .map((box) => `${lineAt(box.top)}–${lineAt(box.bottom)}`);
    },
    [columnSelector, selector] as const,
  );
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
      // A one-session course at 11:00 in Chair 6.
      await bookSingle(page, day, '11:00', chair6);

      await openBoard(page, day, 'day');
      const session = page.locator(`[data-testid="board-appointment"][title*="(MRN ${BOARD_MRN})"]`).first();
      await expectVisible(session);
      expect(await columnOf(page, BOARD_MRN)).toBe(chair6);
      // Held near its top and carried sideways: the same 11:00 start, in Chair 7's column.
      const target = await cellCentre(page, chair7, '11:00:00');
      const top = await session.boundingBox();
      await drag(page, session, { x: target.x, y: (top?.y ?? 0) + 6 });

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

  it('puts a session dragged into closed hours back where it was, says why the API refused, and stores nothing', async () => {
    await inBrowser('board-drag-refused', async (page) => {
      await signIn(page, DEMO.scheduler);
      await page.waitForURL('**/patients', { timeout: UI_TIMEOUT_MS });
      const clinic = await api<Clinic>(page, '/api/clinic');
      const day = openDay(clinic, 26);
      const chair6 = chairId(clinic, 'Chair 6');
      const id = await bookSingle(page, day, '08:30', chair6);
      try {
        const before = await stored(id);
        expect(before.reschedules).toBe(0);
        await openBoard(page, day, 'day');
        const session = page.locator(`[data-testid="board-appointment"][data-appointment-id="${id}"]`);
        await expectVisible(session);
        const lineTop = async (time: string) =>
          (await page.locator(`td.fc-timegrid-slot-lane[data-time="${time}"]`).first().boundingBox())?.y ?? -99;
        /** Whether the session is drawn in Chair 6 from the 08:30 line, where it is booked. */
        const inPlace = async () =>
          (await columnOf(page, BOARD_MRN)) === chair6 &&
          Math.abs(((await session.boundingBox())?.y ?? 0) - (await lineTop('08:30:00'))) < 4;
        expect(await inPlace()).toBe(true);

        // Carried up an hour, to 07:30: before the clinic opens.
        const from = await session.boundingBox();
        await drag(page, session, { x: (from?.x ?? 0) + (from?.width ?? 0) / 2, y: (await lineTop('07:30:00')) + 6 });
        const dialog = page.getByRole('dialog', { name: 'Move this session?' });
        await expectVisible(dialog);
        expect(await dialog.getByTestId('move-question').innerText()).toMatch(/ to Chair 6 at 07:30\?$/);
        const answered = page.waitForResponse(
          (r) => r.url().endsWith(`/api/appointments/${id}/reschedule`) && r.request().method() === 'POST',
        );
        await dialog.getByRole('button', { name: 'Move session' }).click();
        const response = await answered;
        expect(response.status()).toBeGreaterThanOrEqual(400);
        expect(response.status()).toBeLessThan(500);
        expect(response.headers()['content-type']).toContain('application/problem+json');
        const problem = (await response.json()) as { detail: string; errors: { message: string }[] };
        expect(problem.errors.length).toBeGreaterThan(0);

        // The dialog says why, in the API's words; the session is back at 08:30 in Chair 6 behind it.
        const alert = dialog.getByRole('alert');
        await expectVisible(alert);
        const said = await alert.innerText();
        expect(said).toContain('Not moved');
        expect(said).toContain(problem.detail);
        for (const e of problem.errors) expect(said).toContain(e.message);
        await page.waitForFunction(() => !document.querySelector('.fc-event-mirror'));
        expect(await inPlace()).toBe(true);
        await keepShot(page, 'board-move-refused', { dialog: true });
        await dialog.getByRole('button', { name: 'Close' }).click();
        await dialog.waitFor({ state: 'hidden', timeout: UI_TIMEOUT_MS });
        expect(await inPlace()).toBe(true);
        expect(await stored(id)).toEqual(before);
      } finally {
        // The day is left as it was for the other browser tests.
        const { row } = await stored(id);
        await api(page, `/api/appointments/${id}/cancel`, {
          version: (row as { version: number }).version,
          reason: 'Browser test of a refused move',
        });
      }
    });
  });

  it('shades closed hours and closure days on the day, week, list and month views', async () => {
    const REASON = 'Board shading check';
    const admin = await request.newContext({ baseURL: BASE_URL, extraHTTPHeaders: { Origin: BASE_URL } });
    expect((await admin.post('/api/auth/login', { data: DEMO.admin })).status()).toBe(200);
    let closureId: string | undefined;
    try {
      await inBrowser('board-closed-shaded', async (page) => {
        await signIn(page, DEMO.scheduler);
        await page.waitForURL('**/patients', { timeout: UI_TIMEOUT_MS });
        const before = await api<Clinic>(page, '/api/clinic');
        // Far ahead, on days no browser test books: an open weekday and a closure on the next one.
        const open = openDay(before, 40);
        const shut = openDay(before, DateTime.fromISO(open).diff(DateTime.fromISO(localDay(0).date), 'days').days + 1);
        const added = await admin.post('/api/clinic/closures', {
          data: { startsOn: shut, endsOn: shut, reason: REASON },
        });
        expect(added.status()).toBe(201);
        const clinic = await api<Clinic>(page, '/api/clinic');
        closureId = clinic.closures.find((c) => c.reason === REASON)?.id;
        const chair6 = chairId(clinic, 'Chair 6');

        // An open weekday: each chair shaded before 08:00 and after 18:00 (the demo clinic's hours).
        await openBoard(page, open, 'day');
        const columns = await page
          .locator('td.fc-timegrid-col[data-resource-id]')
          .evaluateAll((tds) => tds.map((td) => td.getAttribute('data-resource-id') ?? ''));
        expect(columns).toContain(chair6);
        for (const id of columns) {
          const column = `td.fc-timegrid-col[data-resource-id="${id}"]`;
          expect(await shadedSpans(page, column, '.fc-non-business')).toEqual(['07:00–08:00', '18:00–19:00']);
          expect(await shadedSpans(page, column, '.board-closure')).toEqual([]);
        }

        // The closure day: every chair shaded all day, the reason written in it.
        await openBoard(page, shut, 'day');
        for (const id of columns) {
          const column = `td.fc-timegrid-col[data-resource-id="${id}"]`;
          expect(await shadedSpans(page, column, '.board-closure')).toEqual(['07:00–19:00']);
          expect(await page.locator(`${column} .board-closure`).innerText()).toBe(`Closed: ${REASON}`);
        }
        await keepShot(page, 'board-closure-day');

        // The week by chair: the closure day's column of each chair, and no other day's.
        await openBoard(page, shut, 'week');
        const shutColumn = `td.fc-timegrid-col[data-resource-id="${chair6}"][data-date="${shut}"]`;
        expect(await shadedSpans(page, shutColumn, '.board-closure')).toEqual(['07:00–19:00']);
        expect(await page.locator(`td.fc-timegrid-col[data-resource-id="${chair6}"] .board-closure`).count()).toBe(1);
        await keepShot(page, 'board-closure-week');

        // The week list and the month: the day is marked closed.
        await openBoard(page, shut, 'list');
        await expectVisible(page.locator(`td.fc-daygrid-day[data-date="${shut}"] .board-closure`));
        expect(await page.locator('.board-closure').count()).toBe(1);
        await keepShot(page, 'board-list');
        await openBoard(page, shut, 'month');
        const cell = page.locator(`[data-testid="month-day"][data-date="${shut}"]`);
        await expectVisible(cell);
        expect(await cell.getAttribute('aria-label')).toMatch(/: Closed$/);
        await expectVisible(page.locator(`td.fc-daygrid-day[data-date="${shut}"] .board-closure`));
        expect(await page.locator('.board-closure').count()).toBe(1);
        await keepShot(page, 'board-closure-month');
      });
    } finally {
      if (closureId) expect((await admin.delete(`/api/clinic/closures/${closureId}`)).status()).toBe(204);
      await admin.dispose();
    }
  });

  it('opens a month day from the keyboard, each day named by its date and how full it is', async () => {
    await inBrowser('board-month-keyboard', async (page) => {
      await signIn(page, DEMO.scheduler);
      await page.waitForURL('**/patients', { timeout: UI_TIMEOUT_MS });
      const today = localDay(0).date;
      const first = DateTime.fromISO(today).startOf('month');
      const [one, two] = [first, first.plus({ days: 1 })];
      await openBoard(page, today, 'month');
      const named = (day: DateTime) =>
        page.getByRole('button', {
          name: new RegExp(`^${day.toFormat('cccc d LLLL yyyy')}: (\\d+% full|Not open|Closed)$`),
        });
      await expectVisible(named(one));
      await expectVisible(named(two));

      // Tab goes from one day to the next; Enter opens the focused day.
      await named(one).focus();
      await page.keyboard.press('Tab');
      expect(await page.evaluate(() => document.activeElement?.getAttribute('data-date'))).toBe(two.toISODate());
      await page.keyboard.press('Enter');
      await page.waitForURL(new RegExp(`date=${two.toISODate()}&view=day`), { timeout: UI_TIMEOUT_MS });
      await expectVisible(page.locator('.fc-resourceTimeGridDay-view'));

      // Space does the same.
      await openBoard(page, today, 'month');
      await named(one).focus();
      await page.keyboard.press('Space');
      await page.waitForURL(new RegExp(`date=${one.toISODate()}&view=day`), { timeout: UI_TIMEOUT_MS });
      await expectVisible(page.locator('.fc-resourceTimeGridDay-view'));
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
      // Every session of the day is on the grid, those outside opening hours too (the infusion
      // tests' sessions start whenever the tests run).
      const from = DateTime.fromISO(today, { zone: ZONE });
      const listed = await api<{ items: { id: string; status: string }[] }>(
        page,
        `/api/appointments?${new URLSearchParams({ from: from.toUTC().toISO() ?? '', to: from.plus({ days: 1 }).toUTC().toISO() ?? '' })}`,
      );
      const shown = listed.items.filter((a) => a.status !== 'CANCELLED');
      expect(shown.length).toBeGreaterThan(0);
      for (const a of shown)
        await expectVisible(page.locator(`[data-testid="board-appointment"][data-appointment-id="${a.id}"]`));
      await keepShot(page, 'board-day-today');
      // This week, as a list: the demo clinic's sessions under their days.
      await openBoard(page, today, 'list');
      await expectVisible(page.getByTestId('board-appointment'));
      await keepShot(page, 'board-list-today');
    });
  });
});
