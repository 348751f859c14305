// Outcomes end to end: relief curves counted in PostgreSQL agree course for course with the domain's
// courseRelief (as the patient's timeline computes it), filters change the figures, a group below
// the suppression size is suppressed and left out of the log-rank test, the CSV carries the JSON's
// numbers, and each figure is audited as an aggregate read naming no patient.
import { kaplanMeier, wilsonInterval } from '@cadence/domain';
import { startTestApp, TestContext, TestUser } from '../support/context';
import { localDay, patientWith, type Mechanism, type Pattern } from '../support/outcome-fixtures';

const LOST_1: Pattern = { scores: { 1: 7, 14: 7 } };
const LOST_3: Pattern = { scores: { 1: 3, 3: 7, 7: 7, 14: 7 } };
const LOST_7: Pattern = { scores: { 1: 3, 3: 3, 7: 7, 14: 7 } };
const HELD: Pattern = { scores: { 1: 3, 3: 3, 7: 3, 14: 3 } };
const MISSED_AFTER_1: Pattern = { scores: { 1: 3 } };
const NEW_COURSE_DAY_5: Pattern = { scores: { 1: 3, 3: 3, 14: 3 }, laterOnDay: 5 };
const NO_BASELINE: Pattern = { scores: { 1: 3 }, baseline: null };

describe('outcomes', () => {
  let ctx: TestContext;
  let clinician: TestUser;
  let admin: TestUser;
  let nurse: TestUser;
  const patients: string[] = [];

  beforeAll(async () => {
    ctx = await startTestApp();
    ({ CLINICIAN: clinician, ADMIN: admin, NURSE: nurse } = await ctx.users());
    const groups: [Mechanism, Pattern[]][] = [
      ['NEUROPATHIC', [LOST_3, LOST_3, LOST_7, LOST_7, HELD, HELD, MISSED_AFTER_1, NEW_COURSE_DAY_5, NO_BASELINE]],
      ['NOCICEPTIVE', [LOST_1, LOST_1, LOST_1, LOST_3, HELD, HELD]],
      ['MIXED', [LOST_3, LOST_3, HELD]],
    ];
    for (const [mechanism, patterns] of groups)
      for (const p of patterns) patients.push(await patientWith(ctx, clinician, nurse, mechanism, p));
  }, 120_000);
  afterAll(() => ctx.close());

  const get = (path: string, user = clinician) => ctx.http().get(path).set('Cookie', user.cookie);

  it("counts each course's relief as the domain's courseRelief does on the patient's timeline", async () => {
    const fromTimelines = new Map<string, number>();
    for (const id of patients) {
      const res = await get(`/api/patients/${id}/follow-ups`);
      expect(res.status).toBe(200);
      for (const c of res.body.courses.filter((c: { relief: unknown }) => c.relief)) {
        const key = `${c.relief.outcome.code}@${c.relief.outcome.day}`;
        fromTimelines.set(key, (fromTimelines.get(key) ?? 0) + 1);
      }
    }
    const res = await get('/api/outcomes/relief-curves');
    expect(res.status).toBe(200);
    const [all] = res.body.groups;
    expect(res.body.groups).toHaveLength(1);
    expect(all.group).toBe('ALL');
    const fromCurve = new Map<string, number>();
    for (const s of all.steps) {
      if (s.events) fromCurve.set(`RELIEF_LOST@${s.time}`, s.events);
    }
    const censoredFromTimelines = new Map<number, number>();
    const eventsFromTimelines = new Map<number, number>();
    for (const [key, n] of fromTimelines) {
      const [code, day] = key.split('@');
      if (code === 'NO_BASELINE' || code === 'NO_FOLLOW_UP') continue;
      const map = code === 'RELIEF_LOST' ? eventsFromTimelines : censoredFromTimelines;
      map.set(Number(day), (map.get(Number(day)) ?? 0) + n);
    }
    for (const s of all.steps) {
      expect(s.events).toBe(eventsFromTimelines.get(s.time) ?? 0);
      expect(s.censored).toBe(censoredFromTimelines.get(s.time) ?? 0);
    }
    const outcomeCounts = Object.fromEntries(
      all.outcomes.map((o: { code: string; courses: number }) => [o.code, o.courses]),
    );
    expect(outcomeCounts).toEqual({
      RELIEF_LOST: 10,
      STILL_RESPONDING: 5,
      LOST_TO_FOLLOW_UP: 1,
      NEW_COURSE_STARTED: 1,
      NO_BASELINE: 1,
    });
    expect(all.subjects).toBe(17);
  });

  it('draws one curve per pain mechanism, suppresses the group below the suppression size, and tests the rest', async () => {
    const res = await get('/api/outcomes/relief-curves?groupBy=painMechanism');
    expect(res.status).toBe(200);
    const by = Object.fromEntries(res.body.groups.map((g: { group: string }) => [g.group, g]));
    // Neuropathic: 1+, 3, 3, 5+, 7, 7, 14+, 14+: S(3) = 5/7, S(7) = 5/7 · 2/4; the median is day 7.
    expect(by.NEUROPATHIC.subjects).toBe(8);
    expect(by.NEUROPATHIC.disclosure.code).toBe('SMALL_GROUP');
    expect(by.NEUROPATHIC.median.time).toBe(7);
    expect(by.NEUROPATHIC.steps.map((s: { time: number }) => s.time)).toEqual([1, 3, 5, 7, 14]);
    expect(by.NEUROPATHIC.steps[1].survival).toBeCloseTo(5 / 7, 12);
    expect(by.NEUROPATHIC.steps[3].survival).toBeCloseTo(5 / 14, 12);
    expect(by.NEUROPATHIC.atRisk.slice(0, 3)).toEqual([
      { time: 0, atRisk: 8 },
      { time: 7, atRisk: 4 },
      { time: 14, atRisk: 2 },
    ]);
    // Nociceptive: 1, 1, 1, 3, 14+, 14+: S(1) is exactly 1/2 and drops at 3, so survfit's median is (1 + 3) / 2.
    expect(by.NOCICEPTIVE.median.time).toBe(2);
    expect(by.MIXED.disclosure).toMatchObject({ code: 'SUPPRESSED', shown: false });
    expect(by.MIXED.subjects).toBeNull();
    expect(by.MIXED.steps).toEqual([]);
    expect(res.body.logRank.excludedGroups).toEqual(['MIXED']);
    expect(res.body.logRank.groups.map((g: { group: string }) => g.group)).toEqual(['NEUROPATHIC', 'NOCICEPTIVE']);
    expect(res.body.logRank.degreesOfFreedom).toBe(1);
    expect(res.body.logRank.pValue).toBeGreaterThan(0);
    expect(res.body.logRank.pValue).toBeLessThan(1);

    const comparison = await get(
      '/api/outcomes/comparison?groupBy=painMechanism&painMechanism=NEUROPATHIC,NOCICEPTIVE',
    );
    expect(comparison.status).toBe(200);
    expect(comparison.body.groups.map((g: { group: string }) => g.group)).toEqual(['NEUROPATHIC', 'NOCICEPTIVE']);
    expect(comparison.body.logRank.chiSquare).toBeCloseTo(res.body.logRank.chiSquare, 12);
  });

  it('narrows the figures by each filter', async () => {
    const neuro = await get('/api/outcomes/relief-curves?painMechanism=NEUROPATHIC');
    expect(neuro.body.groups[0].subjects).toBe(8);
    const byCode = await get('/api/outcomes/relief-curves?diagnosis=M17');
    expect(byCode.body.groups[0].subjects).toBe(6);
    const none = await get('/api/outcomes/relief-curves?protocolKey=IV_FIVE_DAY');
    expect(none.body.groups).toEqual([]);
    const old = await get('/api/outcomes/relief-curves?ageBand=AGE_65_AND_OVER');
    expect(old.body.groups).toEqual([]);
    const boosters = await get('/api/outcomes/relief-curves?booster=true');
    expect(boosters.body.groups).toEqual([]);
    const window = await get(`/api/outcomes/relief-curves?from=${localDay(-29)}`);
    expect(window.body.groups).toEqual([]);
    const inWindow = await get(
      `/api/outcomes/relief-curves?from=${localDay(-30)}&to=${localDay(-30)}&route=IV&sex=FEMALE`,
    );
    expect(inWindow.body.groups[0].subjects).toBe(17);
  });

  it('gives responder rates at the milestones with Wilson intervals, and follow-up completion', async () => {
    const res = await get('/api/outcomes/responders?groupBy=painMechanism&painMechanism=NEUROPATHIC');
    expect(res.status).toBe(200);
    const [neuro] = res.body.groups;
    const twoWeeks = neuro.milestones.find((m: { milestone: string }) => m.milestone === 'TWO_WEEKS');
    // Day-14 records: lost ×4 (7), held ×2 (3); the new course's day-14 record measures that course.
    expect(twoWeeks.assessed).toBe(6);
    expect(twoWeeks.moderate).toEqual(wilsonInterval(2, 6));
    expect(twoWeeks.substantial).toEqual(wilsonInterval(2, 6));
    const completion = await get('/api/outcomes/follow-up-completion?painMechanism=NEUROPATHIC');
    const day3 = completion.body.groups[0].offsets.find((o: { offsetDays: number }) => o.offsetDays === 3);
    expect(day3.completed).toEqual(wilsonInterval(7, 9));
    const scores = await get('/api/outcomes/scores?painMechanism=NOCICEPTIVE');
    const day1 = scores.body.groups[0].offsets.find((o: { offsetDays: number }) => o.offsetDays === 1);
    expect(day1.records).toBe(6);
    expect(day1.promisTMean).toBeCloseTo((3 * 62 + 3 * 48) / 6, 9);
    for (const path of ['adverse-events', 'boosters', 'medians'])
      expect((await get(`/api/outcomes/${path}`)).status).toBe(200);
  });

  it('answers CSV with the same numbers as the JSON, for Accept: text/csv and format=csv', async () => {
    const json = await get('/api/outcomes/relief-curves?groupBy=painMechanism');
    for (const res of [
      await get('/api/outcomes/relief-curves?groupBy=painMechanism&format=csv'),
      await ctx
        .http()
        .get('/api/outcomes/relief-curves?groupBy=painMechanism')
        .set('Cookie', admin.cookie)
        .set('Accept', 'text/csv'),
    ]) {
      expect(res.status).toBe(200);
      expect(res.headers['content-type']).toMatch(/^text\/csv/);
      const [header, ...lines] = res.text.trim().split('\n');
      const columns = header.split(',');
      const rows = lines.map((l) => Object.fromEntries(l.split(',').map((v, i) => [columns[i], v])));
      const steps = json.body.groups.flatMap((g: { group: string; steps: Record<string, number | null>[] }) =>
        g.steps.length ? g.steps.map((s) => ({ group: g.group, ...s })) : [{ group: g.group }],
      );
      expect(rows).toHaveLength(steps.length);
      rows.forEach((row, i) => {
        expect(row.group).toBe(steps[i].group);
        for (const key of ['time', 'atRisk', 'events', 'censored', 'survival', 'lower', 'upper'])
          if (steps[i][key] !== undefined) expect(row[key]).toBe(steps[i][key] === null ? '' : String(steps[i][key]));
      });
    }
  });

  it('audits each figure as an aggregate read (CSV as an export) naming no patient', async () => {
    const before = new Date();
    await get('/api/outcomes/medians?painMechanism=NEUROPATHIC');
    await get('/api/outcomes/medians?format=csv');
    const rows = await ctx.prisma.auditEvent.findMany({
      where: { entity: 'Outcomes', at: { gte: before } },
      orderBy: { at: 'asc' },
    });
    expect(rows.map((r) => [r.action, r.patientId, r.fields])).toEqual([
      ['READ', null, ['medians', 'filter:painMechanism']],
      ['EXPORT', null, ['medians']],
    ]);
  });

  it('refuses bad filters with 400 naming the field, and other roles with 403', async () => {
    const bad = await get('/api/outcomes/relief-curves?painMechanism=SHARP&from=2026-02-30');
    expect(bad.status).toBe(400);
    const fields = bad.body.errors.map((e: { field: string }) => e.field);
    expect(fields).toEqual(expect.arrayContaining(['painMechanism', 'from']));
    expect((await get('/api/outcomes/comparison')).status).toBe(400);
    expect((await get('/api/outcomes/relief-curves', nurse)).status).toBe(403);
    expect((await get('/api/outcomes/relief-curves', admin)).status).toBe(200);
  });

  it('matches the domain curve it rests on', async () => {
    const res = await get('/api/outcomes/relief-curves?painMechanism=NOCICEPTIVE');
    const expected = kaplanMeier(
      [1, 1, 1, 3]
        .map((time) => ({ time, reliefLost: true }))
        .concat([14, 14].map((time) => ({ time, reliefLost: false }))),
    );
    expect(res.body.groups[0].steps).toEqual(expected.steps.map(({ logStandardError: _l, ...s }) => s));
  });
});
