// Browser test of a closure that leads somewhere: the admin adds a closure over a booked day and
// sees the booking it would strand before anything is saved, then confirms; the front desk finds
// the session in the bookings to move and marked on the chair board, opens it from the queue, is
// told the clinic is closed that day, and takes it off the queue.
// The session (a single infusion of DEMO-000030, eligible for 30 days) is booked through the API
// about two weeks ahead; the closure is removed at the end so the other browser tests see the
// clinic as it was.
import { request, type APIRequestContext, type Page } from 'playwright-core';
import { DateTime } from 'luxon';
import { BASE_URL, DEMO, UI_TIMEOUT_MS, expectVisible, keepShot, signIn, useBrowser } from './support';

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

/** Books a single infusion for the patient, on the first free slot from about two weeks ahead. */
async function bookSession(desk: APIRequestContext): Promise<Booked> {
  const patients = await ok<{ items: { id: string; givenName: string; familyName: string }[] }>(
    desk.get(`/api/patients?q=${MRN}`),
  );
  const patient = patients.items[0];
  const protocols = await ok<{ items: { id: string; key: string; active: boolean }[] }>(desk.get('/api/protocols'));
  const single = protocols.items.find((p) => p.key === 'IV_SINGLE_INFUSION' && p.active)!.id;
  const earliest = DateTime.now().setZone(ZONE).plus({ days: 14 }).toISODate()!;
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

async function addClosureInTheAdminApp(page: Page, booked: Booked): Promise<void> {
  await signIn(page, DEMO.admin);
  await page.waitForURL((url) => !url.pathname.startsWith('/login'), { timeout: UI_TIMEOUT_MS });
  await page.goto('/clinic');
  const form = page.getByRole('form', { name: 'Add a closure' });
  await expectVisible(form);
  // The demo clinic's dates read "1 Dec 2026"; typed as shown.
  await form.getByLabel('From').fill(DateTime.fromISO(booked.day).toFormat('d LLL yyyy'));
  await form.getByLabel('From').press('Tab');
  await form.getByLabel('Reason').fill(REASON);
  await form.getByRole('button', { name: 'Add closure' }).click();

  // The preview names the session before anything is saved.
  const preview = page.getByRole('alert', { name: new RegExp(`^“${REASON}” falls on \\d+ booked sessions?$`) });
  await expectVisible(preview);
  const time = DateTime.fromISO(booked.startsAt, { zone: ZONE }).toFormat('HH:mm');
  await expectVisible(
    preview
      .getByRole('listitem')
      .filter({ hasText: `${time}` })
      .filter({ hasText: `${booked.chairName}, session 1 of 1` }),
  );
  expect(await page.getByRole('table', { name: 'Closures' }).getByText(REASON).count()).toBe(0);
  await keepShot(page, 'closure-preview');

  await preview.getByRole('button', { name: /^Close and leave \d+ bookings? to move$/ }).click();
  await expectVisible(page.getByRole('table', { name: 'Closures' }).getByText(REASON));
  await expectVisible(page.getByText(`Closure “${REASON}” saved over`));
  await expect(preview.isVisible()).resolves.toBe(false);
}

describe('closures that lead somewhere', () => {
  it('adds a closure over a booked day after its preview, then the desk finds the stranded session in the work queue and on the board', async () => {
    const desk = await signedIn(DEMO.scheduler);
    const admin = await signedIn(DEMO.admin);
    let closureId: string | undefined;
    try {
      const booked = await bookSession(desk);
      await inBrowser('closure-preview', (page) => addClosureInTheAdminApp(page, booked));
      const clinic = await ok<{ closures: { id: string; reason: string }[] }>(admin.get('/api/clinic'));
      closureId = clinic.closures.find((c) => c.reason === REASON)?.id;
      expect(closureId).toBeDefined();

      await inBrowser('closure-work-queue', async (page) => {
        await signIn(page, DEMO.scheduler);
        await page.waitForURL((url) => !url.pathname.startsWith('/login'), { timeout: UI_TIMEOUT_MS });
        await page.goto('/board');
        const queue = page.getByRole('table', { name: 'Bookings to move' });
        const row = queue.getByRole('row').filter({ hasText: booked.patientName });
        await expectVisible(row);
        expect(await row.innerText()).toContain('Clinic closed');
        await keepShot(page, 'closure-work-queue');

        // Move opens the session on its own day, marked "to move" on the board and in its panel.
        await row.getByRole('button', { name: `Move session 1 of ${booked.patientName}` }).click();
        await page.waitForURL(new RegExp(`date=${booked.day}`), { timeout: UI_TIMEOUT_MS });
        const event = page.locator(`[data-testid="board-appointment"][data-appointment-id="${booked.appointmentId}"]`);
        await expectVisible(event.getByTestId('board-to-move'));
        expect(await event.getAttribute('title')).toContain('to move: Clinic closed');
        const panel = page.getByRole('dialog');
        await expectVisible(panel.getByText('To move: Clinic closed'));
        await panel.getByRole('button', { name: 'Reschedule' }).click();
        await panel.getByRole('button', { name: 'Find times' }).click();
        await expectVisible(panel.getByText(`The clinic is closed on ${booked.day} (${REASON})`, { exact: false }));
        await keepShot(page, 'closure-stranded-panel', { dialog: true });
        await page.keyboard.press('Escape');
        await keepShot(page, 'closure-board-marked');

        // Cancelled with a reason from the queue, the session leaves it and the board unmarks it.
        await row.getByRole('button', { name: `Cancel session 1 of ${booked.patientName}` }).click();
        const dialog = page.getByRole('dialog', { name: 'Cancel this session' });
        await dialog.getByLabel('Reason').fill('Clinic closed for repairs; patient will rebook');
        await dialog.getByRole('button', { name: 'Cancel session' }).click();
        await row.waitFor({ state: 'detached', timeout: UI_TIMEOUT_MS });
        await event.getByTestId('board-to-move').waitFor({ state: 'detached', timeout: UI_TIMEOUT_MS });
      });
    } finally {
      if (closureId) expect((await admin.delete(`/api/clinic/closures/${closureId}`)).status()).toBe(204);
      await desk.dispose();
      await admin.dispose();
    }
  });
});
