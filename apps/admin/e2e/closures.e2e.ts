// Browser test of a closure that leads somewhere: the admin adds a closure over booked days and
// sees the bookings it would strand before anything is saved, then confirms; the front desk finds
// the sessions in the bookings to move and marked on the chair board, opens one from the queue, is
// told the clinic is closed that day and moves it to another day, and cancels the other with a
// reason; each leaves the queue.
// The sessions (two single infusions of DEMO-000030, eligible for 30 days) are booked through the
// API about two weeks ahead, on two days in a row where the clinic is open; the closure is removed
// at the end so the other browser tests see the clinic as it was.
import { request, type APIRequestContext, type Page } from 'playwright-core';
import { DateTime } from 'luxon';
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

const MRN = process.env.CADENCE_E2E_CLOSURE_MRN ?? 'DEMO-000030';
const ZONE = 'Europe/London';
const REASON = 'Water main repair';

jest.setTimeout(180_000);

const inBrowser = useBrowser();

async function signedIn(login: { email: string; password: string }): Promise<APIRequestContext> {
  const context = await request.newContext({ baseURL: BASE_URL, extraHTTPHeaders: { Origin: BASE_URL } });
  expect((await context.post('/api/auth/login', { data: login })).status()).toBe(200);
  return context;
}

async function ok<T>(response: Promise<{ status(): number; json(): Promise<unknown> }>): Promise<T> {
  const res = await response;
  expect(res.status()).toBeLessThan(300);
  return (await res.json()) as T;
}

interface Booked {
  appointmentId: string;
  chairName: string;
  patientName: string;
  startsAt: string;
  day: string;
}

/** Books a single infusion for the patient, on the first free slot from `earliest` (clinic-local date). */
async function bookSession(desk: APIRequestContext, earliest: string): Promise<Booked> {
  const patients = await ok<{ items: { id: string; givenName: string; familyName: string }[] }>(
    desk.get(`/api/patients?q=${MRN}`),
  );
  const patient = patients.items[0];
  const protocols = await ok<{ items: { id: string; key: string; active: boolean }[] }>(desk.get('/api/protocols'));
  const single = protocols.items.find((p) => p.key === 'IV_SINGLE_INFUSION' && p.active)!.id;
  const offered = await ok<{
    plans: { sessions: { chairId: string; chairName: string; startsAt: string; endsAt: string }[] }[];
  }>(desk.post('/api/courses/options', { data: { patientId: patient.id, protocolId: single, earliest, k: 1 } }));
  const sessions = offered.plans[0].sessions.map(({ chairId, startsAt, endsAt }) => ({ chairId, startsAt, endsAt }));
  const course = await ok<{ appointments: { id: string; startsAt: string }[] }>(
    desk.post('/api/courses', { data: { patientId: patient.id, protocolId: single, sessions } }),
  );
  const startsAt = course.appointments[0].startsAt;
  return {
    appointmentId: course.appointments[0].id,
    chairName: offered.plans[0].sessions[0].chairName,
    patientName: `${patient.givenName} ${patient.familyName}`,
    startsAt,
    day: DateTime.fromISO(startsAt, { zone: ZONE }).toISODate()!,
  };
}

const typed = (date: string) => DateTime.fromISO(date).toFormat('d LLL yyyy');
const nextDay = (date: string) => DateTime.fromISO(date).plus({ days: 1 }).toISODate()!;

async function addClosureInTheAdminApp(page: Page, first: Booked, last: Booked): Promise<void> {
  await signIn(page, DEMO.admin);
  await page.waitForURL((url) => !url.pathname.startsWith('/login'), { timeout: UI_TIMEOUT_MS });
  await page.goto('/clinic');
  const form = page.getByRole('form', { name: 'Add a closure' });
  await expectVisible(form);
  // The demo clinic's dates read "1 Dec 2026"; typed as shown.
  await form.getByLabel('From').fill(typed(first.day));
  await form.getByLabel('From').press('Tab');
  await form.getByLabel('To (inclusive)').fill(typed(last.day));
  await form.getByLabel('To (inclusive)').press('Tab');
  await form.getByLabel('Reason').fill(REASON);
  await form.getByRole('button', { name: 'Add closure' }).click();

  // The preview names both sessions before anything is saved.
  const preview = page.getByRole('alert', { name: new RegExp(`^“${REASON}” falls on \\d+ booked sessions$`) });
  await expectVisible(preview);
  for (const booked of [first, last]) {
    const slot = DateTime.fromISO(booked.startsAt, { zone: ZONE }).toFormat('ccc d LLL yyyy, HH:mm');
    await expectVisible(
      preview
        .getByRole('listitem')
        .filter({ hasText: slot })
        .filter({ hasText: `${booked.chairName}, session 1 of 1` }),
    );
  }
  expect(await page.getByRole('table', { name: 'Closures' }).getByText(REASON).count()).toBe(0);
  await keepShot(page, 'closure-preview');

  await preview.getByRole('button', { name: /^Close and leave \d+ bookings to move$/ }).click();
  await expectVisible(page.getByRole('table', { name: 'Closures' }).getByText(REASON));
  await expectVisible(page.getByText(`Closure “${REASON}” saved over`));
  await expect(preview.isVisible()).resolves.toBe(false);
}

describe('closures that lead somewhere', () => {
  it('adds a closure over booked days after its preview; the desk finds the stranded sessions in the work queue and on the board, moves one to another day and cancels the other', async () => {
    const desk = await signedIn(DEMO.scheduler);
    const admin = await signedIn(DEMO.admin);
    let closureId: string | undefined;
    try {
      const moved = await bookSession(desk, DateTime.now().setZone(ZONE).plus({ days: 14 }).toISODate()!);
      const cancelled = await bookSession(desk, nextDay(moved.day));
      await inBrowser('closure-preview', (page) => addClosureInTheAdminApp(page, moved, cancelled));
      const clinic = await ok<{ closures: { id: string; reason: string }[] }>(admin.get('/api/clinic'));
      closureId = clinic.closures.find((c) => c.reason === REASON)?.id;
      expect(closureId).toBeDefined();

      await inBrowser('closure-work-queue', async (page) => {
        await signIn(page, DEMO.scheduler);
        await page.waitForURL((url) => !url.pathname.startsWith('/login'), { timeout: UI_TIMEOUT_MS });
        await page.goto('/board');
        const queue = page.getByRole('table', { name: 'Bookings to move' });
        const rowOf = (booked: Booked) =>
          queue
            .getByRole('row')
            .filter({ hasText: booked.patientName })
            .filter({ hasText: DateTime.fromISO(booked.startsAt, { zone: ZONE }).toFormat('ccc d LLL yyyy, HH:mm') });
        await expectVisible(rowOf(moved));
        await expectVisible(rowOf(cancelled));
        expect(await rowOf(moved).innerText()).toContain('Clinic closed');
        await keepShot(page, 'closure-work-queue');

        // Move opens the session on its own day, marked "to move" on the board and in its panel.
        await rowOf(moved)
          .getByRole('button', { name: `Move session 1 of ${moved.patientName}` })
          .click();
        await page.waitForURL(new RegExp(`date=${moved.day}`), { timeout: UI_TIMEOUT_MS });
        const event = page.locator(`[data-testid="board-appointment"][data-appointment-id="${moved.appointmentId}"]`);
        await expectVisible(event.getByTestId('board-to-move'));
        expect(await event.getAttribute('title')).toContain('to move: Clinic closed');
        await keepShot(page, 'closure-board-marked');
        const panel = page.getByRole('dialog');
        await expectVisible(panel.getByText('To move: Clinic closed'));

        // Its own day has no chair, and the panel says why.
        await panel.getByRole('button', { name: 'Reschedule' }).click();
        await panel.getByRole('button', { name: 'Find times' }).click();
        await expectVisible(
          panel.getByText(
            `The clinic is closed from ${typed(moved.day)} to ${typed(cancelled.day)} (${REASON}), so no chair is free`,
            {
              exact: false,
            },
          ),
        );
        await keepShot(page, 'closure-stranded-panel', { dialog: true });
        await panel.getByRole('button', { name: 'Back' }).click();

        // Moved to the first open day after the closure, it leaves the queue.
        await clickWhenEnabled(panel.getByRole('button', { name: 'Move to another day' }));
        let newDay = nextDay(cancelled.day);
        if (DateTime.fromISO(newDay).weekday === 7) newDay = nextDay(newDay);
        const field = panel.getByLabel('New day');
        await field.fill(typed(newDay));
        await field.press('Tab');
        await clickWhenEnabled(panel.getByRole('button', { name: 'Find times' }));
        await panel.getByRole('radio').first().check();
        await clickWhenEnabled(panel.getByRole('button', { name: 'Move session to this day' }));
        await rowOf(moved).waitFor({ state: 'detached', timeout: UI_TIMEOUT_MS });

        // Cancelled with a reason from the queue, the other session leaves it too.
        await rowOf(cancelled)
          .getByRole('button', { name: `Cancel session 1 of ${cancelled.patientName}` })
          .click();
        const dialog = page.getByRole('dialog', { name: 'Cancel this session' });
        await dialog.getByLabel('Reason').fill('Clinic closed for repairs; patient will rebook');
        await dialog.getByRole('button', { name: 'Cancel session' }).click();
        await rowOf(cancelled).waitFor({ state: 'detached', timeout: UI_TIMEOUT_MS });
      });

      // The moved session stands on the new day, no longer to move.
      const from = DateTime.fromISO(moved.day, { zone: ZONE });
      const board = await ok<{ items: { id: string; startsAt: string; status: string; toMove: string[] }[] }>(
        desk.get('/api/appointments', {
          params: { from: from.toUTC().toISO()!, to: from.plus({ days: 10 }).toUTC().toISO()! },
        }),
      );
      const now = board.items.find((a) => a.id === moved.appointmentId)!;
      expect(now).toMatchObject({ status: 'BOOKED', toMove: [] });
      expect(DateTime.fromISO(now.startsAt, { zone: ZONE }).toISODate()! > cancelled.day).toBe(true);
      expect(board.items.find((a) => a.id === cancelled.appointmentId)).toMatchObject({ status: 'CANCELLED' });
    } finally {
      if (closureId) expect((await admin.delete(`/api/clinic/closures/${closureId}`)).status()).toBe(204);
      await desk.dispose();
      await admin.dispose();
    }
  });
});
