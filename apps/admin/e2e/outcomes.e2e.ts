// Browser tests of the outcomes screens on the demo clinic's generated history: an admin opens the
// dashboard, filters by a protocol, reads the relief curve's numbers as a table and downloads the
// API's CSV of it (the same rows, value for value), saves the chart as a PNG, and compares two pain
// types (a withheld group says why; two shown groups get the log-rank test). A clinician reads the
// relief forecast on a generated patient's page, and the forecasts list on the booster queue. With
// CADENCE_E2E_SHOTS set, each screen is kept at 1440×900 and 1024×768, and the cards by themselves.
import { mkdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { DateTime } from 'luxon';
import pg from 'pg';
import type { Locator, Page } from 'playwright-core';
import { DEMO, expectVisible, keepShot, signIn, useBrowser } from './support';

jest.setTimeout(300_000);

const inBrowser = useBrowser();
const PROTOCOL = 'IV_FIVE_DAY_LOW_DOSE';
const SIZES = [
  { width: 1440, height: 900 },
  { width: 1024, height: 768 },
];

/** RFC 4180 rows (quoted fields, doubled quotes) as objects keyed by the header. */
function parseCsv(text: string): { header: string[]; rows: Record<string, string>[] } {
  const records: string[][] = [];
  let field = '';
  let record: string[] = [];
  let quoted = false;
  for (let i = 0; i < text.length; i++) {
    const c = text[i];
    if (quoted) {
      if (c === '"' && text[i + 1] === '"') {
        field += '"';
        i++;
      } else if (c === '"') quoted = false;
      else field += c;
    } else if (c === '"') quoted = true;
    else if (c === ',') {
      record.push(field);
      field = '';
    } else if (c === '\n' || c === '\r') {
      if (c === '\r' && text[i + 1] === '\n') i++;
      record.push(field);
      records.push(record);
      field = '';
      record = [];
    } else field += c;
  }
  if (field !== '' || record.length > 0) records.push([...record, field]);
  const [header = [], ...body] = records;
  return { header, rows: body.map((r) => Object.fromEntries(header.map((h, i) => [h, r[i] ?? '']))) };
}

/** The numbers table of a figure card: each row's raw values by the CSV column they show. */
async function tableRows(card: Locator): Promise<Record<string, string>[]> {
  return card
    .locator('table')
    .first()
    .evaluate((table) =>
      Array.from(table.querySelectorAll('tbody tr')).map((tr) =>
        Object.fromEntries(
          Array.from(tr.querySelectorAll('td[data-key]')).map((td) => [
            td.getAttribute('data-key') ?? '',
            td.getAttribute('data-value') ?? '',
          ]),
        ),
      ),
    );
}

async function download(page: Page, click: () => Promise<void>): Promise<{ name: string; body: Buffer }> {
  const [file] = await Promise.all([page.waitForEvent('download', { timeout: 60_000 }), click()]);
  const path = await file.path();
  return { name: file.suggestedFilename(), body: readFileSync(path) };
}

async function getJson<T>(page: Page, url: string): Promise<T> {
  const response = await page.request.get(url);
  expect(response.status()).toBe(200);
  return (await response.json()) as T;
}

/** Picks an option of a Mantine Select or MultiSelect by the field's label. */
async function choose(scope: Page | Locator, page: Page, label: string, option: string): Promise<void> {
  await scope.getByRole('combobox', { name: label, exact: true }).click();
  await page.getByRole('option', { name: option, exact: true }).click();
}

/**
 * A figure that waits on the outcomes API: the dashboard asks for its nine figures at once, each
 * aggregated over the whole history in PostgreSQL, so on a loaded machine one takes longer than a page of records.
 */
async function expectFigure(locator: Locator): Promise<void> {
  await locator.first().waitFor({ state: 'visible', timeout: 60_000 });
}

/** The page has nothing wider than the window at the tablet's size (nothing clipped or off to the side). */
async function expectNoSideways(page: Page): Promise<void> {
  const before = page.viewportSize();
  await page.setViewportSize(SIZES[1]);
  await page.waitForTimeout(400);
  const overflow = await page.evaluate(
    () => document.documentElement.scrollWidth - document.documentElement.clientWidth,
  );
  expect(overflow).toBeLessThanOrEqual(0);
  if (before) await page.setViewportSize(before);
}

/** A card by itself at both sizes, for review (recharts is drawn in an element's screenshot). */
async function cardShot(page: Page, card: Locator, name: string): Promise<void> {
  const folder = process.env.CADENCE_E2E_SHOTS;
  if (!folder) return;
  mkdirSync(folder, { recursive: true });
  const before = page.viewportSize();
  for (const size of SIZES) {
    await page.setViewportSize(size);
    await card.scrollIntoViewIfNeeded();
    await page.waitForTimeout(400);
    await card.screenshot({ path: join(folder, `${name}-${size.width}x${size.height}.png`) });
  }
  if (before) await page.setViewportSize(before);
}

const displayDate = (iso: string) => DateTime.fromISO(iso).toFormat('d LLL yyyy');

interface MedianAnswer {
  groups: { group: string; median: { time: number | null; lower: number | null; upper: number | null } | null }[];
}
interface ComparisonAnswer {
  groups: { group: string; disclosure: { code: string; message: string } }[];
  logRank: { chiSquare: number; degreesOfFreedom: number; pValue: number | null } | null;
}

test('an admin filters the dashboard by protocol, downloads the CSV, saves the image and compares two pain types', async () => {
  await inBrowser('outcomes-dashboard', async (page) => {
    await signIn(page, DEMO.admin);
    await page.getByRole('link', { name: 'Outcomes' }).click();
    const curves = page.getByTestId('figure-relief-curves');
    // Filtered at once: the whole clinic's figures aggregate every course and take longest.
    await expectVisible(page.getByRole('form', { name: 'Filters' }));

    const protocols = await getJson<{ items: { key: string; name: string }[] }>(page, '/api/protocols');
    const protocolName = protocols.items.find((p) => p.key === PROTOCOL)?.name ?? '';
    // Both figures compared below answer for the protocol before they are read (the previous stay up while loading).
    const filtered = Promise.all(
      ['medians', 'relief-curves'].map((figure) =>
        page.waitForResponse(
          (r) =>
            r.url().includes(`/api/outcomes/${figure}?`) &&
            r.url().includes(`protocolKey=${PROTOCOL}`) &&
            !r.url().includes('groupBy'),
          { timeout: 60_000 },
        ),
      ),
    );
    await choose(page.getByRole('form', { name: 'Filters' }), page, 'Protocol', protocolName);
    await page.keyboard.press('Escape');
    await filtered;
    await expectFigure(curves.getByTestId('relief-chart'));
    await expectVisible(curves.getByTestId('at-risk-table'));

    // The median shown is the API's for the protocol alone.
    const medians = await getJson<MedianAnswer>(page, `/api/outcomes/medians?protocolKey=${PROTOCOL}`);
    const median = medians.groups[0]?.median;
    expect(median?.time).not.toBeNull();
    await expectFigure(
      page.getByTestId('figure-medians').getByText(`${median?.time} days (95 % CI ${median?.lower}–${median?.upper})`),
    );

    // The curve's numbers as a table, and the API's CSV of it: the same rows, value for value.
    await curves.getByRole('switch', { name: 'Show as table' }).click();
    await expectFigure(curves.getByRole('table', { name: 'Relief duration: numbers' }));
    const table = await tableRows(curves);
    expect(table.length).toBeGreaterThan(5);
    const csv = await download(page, () => curves.getByRole('button', { name: 'Download CSV' }).click());
    expect(csv.name).toBe('outcomes-relief-curves.csv');
    const parsed = parseCsv(csv.body.toString('utf8'));
    expect(parsed.header.slice(0, 3)).toEqual(['group', 'disclosure', 'time']);
    for (const key of Object.keys(table[0] ?? {})) expect(parsed.header).toContain(key);
    const csvRows = parsed.rows.filter((r) => r.disclosure !== 'SUPPRESSED');
    expect(csvRows).toHaveLength(table.length);
    table.forEach((row, i) => {
      for (const [key, value] of Object.entries(row))
        expect(`${i}:${key}=${csvRows[i]?.[key]}`).toBe(`${i}:${key}=${value}`);
    });

    // The chart saved as a picture: a PNG at twice the chart's width.
    await curves.getByRole('switch', { name: 'Show as table' }).click();
    await expectVisible(curves.getByTestId('relief-chart'));
    const image = await download(page, () => curves.getByRole('button', { name: 'Save image' }).click());
    expect(image.name).toBe('relief-duration.png');
    expect(image.body.subarray(0, 8).toString('hex')).toBe('89504e470d0a1a0a');
    const chartWidth = (await curves.getByTestId('relief-chart').boundingBox())?.width ?? 0;
    expect(image.body.readUInt32BE(16)).toBe(Math.ceil(chartWidth * 2));

    // Two pain types within the protocol: a withheld group says the API's reason instead of a curve ...
    const comparison = page.getByTestId('figure-comparison');
    const answer = await getJson<ComparisonAnswer>(
      page,
      `/api/outcomes/comparison?groupBy=painMechanism&protocolKey=${PROTOCOL}&painMechanism=NEUROPATHIC&painMechanism=NOCICEPTIVE`,
    );
    const nociceptive = answer.groups.find((g) => g.group === 'NOCICEPTIVE');
    if (nociceptive?.disclosure.code === 'SUPPRESSED') {
      await expectFigure(comparison.getByTestId('figure-suppressed').getByText(nociceptive.disclosure.message));
    }
    // ... and two shown groups are overlaid with the log-rank test.
    await choose(comparison, page, 'Second group', 'Nociplastic');
    const tested = await getJson<ComparisonAnswer>(
      page,
      `/api/outcomes/comparison?groupBy=painMechanism&protocolKey=${PROTOCOL}&painMechanism=NEUROPATHIC&painMechanism=NOCIPLASTIC`,
    );
    const test = tested.logRank;
    expect(test?.pValue).not.toBeNull();
    const p = (test?.pValue ?? 0) < 0.0001 ? '< 0.0001' : (test?.pValue ?? 0).toFixed(4);
    await expectFigure(
      comparison
        .getByTestId('log-rank')
        .getByText(`Log-rank χ² = ${test?.chiSquare.toFixed(2)} on ${test?.degreesOfFreedom} df, p = ${p}`),
    );
    expect(await comparison.locator('.recharts-line').count()).toBe(2);

    await expectNoSideways(page);
    await keepShot(page, 'outcomes-dashboard');
    await cardShot(page, curves, 'outcomes-relief-card');
    await cardShot(page, comparison, 'outcomes-comparison-card');
    await cardShot(page, page.getByTestId('figure-responders'), 'outcomes-responders-card');
  });
});

interface Forecast {
  code: string;
  expectedLossOn: string | null;
  patientsBehind: number | null;
  reasons: { code: string; message: string }[];
}

/** Generated patients (DEMO-H…) with the forecast codes wanted, read as the clinician through the API. */
async function generatedPatients(
  page: Page,
  wanted: (f: Forecast) => boolean,
): Promise<{ id: string; forecast: Forecast }> {
  const client = new pg.Client({ connectionString: process.env.CADENCE_E2E_DATABASE_URL });
  await client.connect();
  const { rows } = await client
    .query<{ id: string }>(`SELECT id FROM "Patient" WHERE mrn LIKE 'DEMO-H%' ORDER BY mrn`)
    .finally(() => client.end());
  for (const { id } of rows) {
    const forecast = await getJson<Forecast>(page, `/api/patients/${id}/relief-forecast`);
    if (wanted(forecast)) return { id, forecast };
  }
  throw new Error('No generated patient has such a forecast');
}

test('a clinician sees where a generated patient sits on their curve, and the forecasts on the booster queue', async () => {
  await inBrowser('outcomes-forecast', async (page) => {
    await signIn(page, DEMO.clinician);
    await page.waitForURL((url) => !url.pathname.startsWith('/login'));
    const today = DateTime.now().toISODate() ?? '';
    const { id, forecast } = await generatedPatients(
      page,
      (f) => f.code === 'FORECAST' && (f.expectedLossOn ?? '') >= today,
    );
    await page.goto(`/patients/${id}`);
    const card = page.getByTestId('relief-forecast');
    await expectVisible(card.getByTestId('forecast-expected').getByText(displayDate(forecast.expectedLossOn ?? '')));
    await expectVisible(card.getByTestId('forecast-patients').getByText(String(forecast.patientsBehind)));
    await expectVisible(card.getByTestId('relief-chart'));
    await expectVisible(card.getByText(/^Relief held to day \d+$/));
    await cardShot(page, card, 'patient-forecast-card');
    await keepShot(page, 'patient-forecast');

    // Too few patients like this one: the forecast says so instead of a date.
    const few = await generatedPatients(page, (f) => f.code === 'TOO_FEW_PATIENTS');
    await page.goto(`/patients/${few.id}`);
    const fewCard = page.getByTestId('relief-forecast');
    await expectVisible(fewCard.getByTestId('forecast-reason').getByText(few.forecast.reasons[0]?.message ?? ''));
    expect(await fewCard.getByTestId('forecast-expected').count()).toBe(0);
    await cardShot(page, fewCard, 'patient-forecast-too-few');

    await page.getByRole('link', { name: 'Booster queue' }).click();
    const forecasts = page.getByTestId('booster-forecasts');
    // The queue judges every open task's checks as it loads: slower than a page of records.
    await forecasts.waitFor({ state: 'visible', timeout: 60_000 });
    const queue = await getJson<{ forecasts: { expectedLossOn: string; patientsBehind: number }[] }>(
      page,
      '/api/boosters/queue',
    );
    expect(await forecasts.getByTestId('booster-forecast').count()).toBe(queue.forecasts.length);
    if (queue.forecasts.length === 0) await expectVisible(forecasts.getByText(/No patient's relief is forecast/));
    await expectNoSideways(page);
    await cardShot(page, forecasts, 'booster-queue-forecasts');
    await keepShot(page, 'booster-queue');
  });
});

test('a clinician pages through a booster queue longer than a page, soonest due first', async () => {
  // Open tasks on earlier courses (never a patient's latest, so no forecast changes), due in two
  // years, after every task the demo clinic has: written as the daily job would, as the owner role.
  const client = new pg.Client({ connectionString: process.env.CADENCE_E2E_DATABASE_URL });
  await client.connect();
  await client
    .query(
      `INSERT INTO "BoosterTask" (id, "clinicId", "patientId", "courseId", "dueBy", reason)
       SELECT gen_random_uuid(), c."clinicId", c."patientId", c.id, current_date + 730 + (row_number() OVER (ORDER BY c.id))::int,
              'Booster due: an earlier course, for the paging test'
       FROM "Course" c
       WHERE c.status = 'COMPLETED' AND NOT EXISTS (SELECT 1 FROM "BoosterTask" t WHERE t."courseId" = c.id)
         AND EXISTS (SELECT 1 FROM "Course" l WHERE l."patientId" = c."patientId" AND l.status = 'COMPLETED'
                       AND l.id <> c.id AND l."createdAt" >= c."createdAt")
       ORDER BY c.id LIMIT 30`,
    )
    .finally(() => client.end());
  await inBrowser('booster-queue-pages', async (page) => {
    await signIn(page, DEMO.clinician);
    await page.waitForURL((url) => !url.pathname.startsWith('/login'));
    const { total } = await getJson<{ total: number }>(page, '/api/boosters/queue?pageSize=1');
    expect(total).toBeGreaterThan(25);
    await page.getByRole('link', { name: 'Booster queue' }).click();
    // Each task's checks are judged as the page loads: slower than a page of records.
    await page.getByText(`Tasks 1–25 of ${total}, soonest due first`).waitFor({ state: 'visible', timeout: 60_000 });
    expect(await page.getByTestId('booster-task').count()).toBe(25);
    // The pages are offered above the tasks and after them.
    await expectVisible(page.getByLabel('Booster task pages, after the list', { exact: true }));
    await page
      .getByLabel('Booster task pages', { exact: true })
      .getByRole('button', { name: '2', exact: true })
      .click();
    await page
      .getByText(`Tasks 26–${Math.min(total, 50)} of ${total}, soonest due first`)
      .waitFor({ state: 'visible', timeout: 60_000 });
    const last = await getJson<{ items: { dueBy: string; patient: { familyName: string } }[] }>(
      page,
      '/api/boosters/queue?page=2',
    );
    expect(await page.getByTestId('booster-task').count()).toBe(last.items.length);
    expect(last.items.map((i) => i.dueBy)).toEqual([...last.items.map((i) => i.dueBy)].sort());
    await expectNoSideways(page);
    await keepShot(page, 'booster-queue-page-2');
  });
});
