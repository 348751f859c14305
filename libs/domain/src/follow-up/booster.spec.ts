import type { DoseRecord } from '../dosing/ledger';
import { findProtocol, type Protocol, type ProtocolBoosterPolicy } from '../scheduling/protocol';
import { BLADDER_SYMPTOMS } from './bladder';
import { boosterChecks, boosterDecision, type BoosterFacts } from './booster';

const multiDay = findProtocol('IV_MULTI_DAY_WEEKDAYS') as Protocol; // every 84 days, 4 a year, caps 2000 / 3000 mg
const fiveDay = findProtocol('IV_FIVE_DAY_LOW_DOSE') as Protocol; // relief lost, ≥ 56 days after, 3 a year

/** A 4-hour infusion at `mgPerHour` on a date: 4 × mgPerHour mg. */
const infusion = (id: string, startIso: string, mgPerHour: number): DoseRecord => {
  const atMs = Date.parse(startIso);
  return {
    kind: 'INFUSION',
    id,
    route: 'IV',
    events: [
      { kind: 'START', atMs, rateMgPerHour: mgPerHour, by: 'n1' },
      { kind: 'STOP', atMs: atMs + 4 * 3_600_000, by: 'n1' },
    ],
  };
};

const facts = (over: Partial<BoosterFacts> = {}): BoosterFacts => ({
  boosterOn: '2026-04-10',
  today: '2026-04-01',
  nowMs: Date.parse('2026-04-01T10:00:00Z'),
  policy: multiDay.boosterPolicy,
  caps: multiDay.caps,
  // Last session Friday 16 January: 84 days later is Friday 10 April.
  lastCourse: {
    lastSessionOn: '2026-01-16',
    baselinePainNrs: 7,
    followUps: [
      { offsetDays: 7, painNrs: 3 },
      { offsetDays: 14, painNrs: 4 },
      { offsetDays: 28, painNrs: 6 },
    ],
  },
  otherBoosterDates: [],
  eligibility: { on: '2026-04-10', status: 'ELIGIBLE' },
  bladderScreens: [{ recordedOn: '2026-03-20', positive: [] }],
  // 800 mg so far: with a booster of up to 2000 mg that is 2800, under the 3000 mg cap.
  doses: [infusion('d1', '2026-01-12T09:00:00Z', 100), infusion('d2', '2026-01-13T09:00:00Z', 100)],
  ...over,
});
const codes = (f: BoosterFacts) => boosterChecks(f).reasons.map((r) => r.code);
const policy = (over: Partial<Extract<ProtocolBoosterPolicy, { kind: 'FIXED_INTERVAL' }>>): ProtocolBoosterPolicy => ({
  kind: 'FIXED_INTERVAL',
  intervalDays: 28,
  maxPerYear: 3,
  checks: ['SCREENING_VALID', 'BLADDER_SYMPTOMS_REVIEWED', 'CUMULATIVE_DOSE_UNDER_CAP', 'RESPONSE_TO_LAST_COURSE'],
  ...over,
});

describe('boosterChecks', () => {
  it('passes every check for a responder due a booster, clean bladder answers and room under the caps', () => {
    const assessment = boosterChecks(facts());
    expect(assessment.checks.map((c) => [c.check, c.result])).toEqual([
      ['POLICY', 'PASS'],
      ['SCREENING_VALID', 'PASS'],
      ['BLADDER_SYMPTOMS_REVIEWED', 'PASS'],
      ['CUMULATIVE_DOSE_UNDER_CAP', 'PASS'],
      ['RESPONSE_TO_LAST_COURSE', 'PASS'],
    ]);
    expect(assessment).toMatchObject({ reasons: [], earliestOn: '2026-04-10' });
    expect(assessment.ledger.total.allTimeMg).toBe(800);
    expect(boosterDecision(assessment).allowed).toBe(true);
  });

  describe('a fixed interval: the day before, on and after', () => {
    it('refuses the day before the interval is reached, naming the earliest date', () => {
      expect(
        boosterChecks(facts({ boosterOn: '2026-04-09', eligibility: { on: '2026-04-09', status: 'ELIGIBLE' } }))
          .reasons,
      ).toEqual([
        {
          code: 'INTERVAL_NOT_REACHED',
          ruleId: 'booster.interval',
          severity: 'ABSOLUTE',
          message:
            "This protocol's boosters are every 84 days: the earliest after the last session on 2026-01-16 is 2026-04-10",
        },
      ]);
    });

    it('allows it on the day and the day after', () => {
      expect(codes(facts())).toEqual([]);
      expect(codes(facts({ boosterOn: '2026-04-11', eligibility: { on: '2026-04-11', status: 'ELIGIBLE' } }))).toEqual(
        [],
      );
    });
  });

  describe('response-triggered: the day before, on and after, once relief is lost', () => {
    // Five-day course ending 2 January; relief lost at day 56 (pain 6 against 7), so a booster is due from 27 February.
    const triggered = (
      boosterOn: string,
      followUps = [
        { offsetDays: 28, painNrs: 3 },
        { offsetDays: 56, painNrs: 6 },
      ],
    ) =>
      facts({
        boosterOn,
        policy: fiveDay.boosterPolicy,
        caps: fiveDay.caps,
        lastCourse: { lastSessionOn: '2026-01-02', baselinePainNrs: 7, followUps },
        eligibility: { on: boosterOn, status: 'ELIGIBLE' },
      });

    it('refuses the day before the minimum days since the last session, and allows the day and the day after', () => {
      expect(codes(triggered('2026-02-26'))).toEqual(['TOO_SOON_AFTER_LAST_SESSION']);
      expect(codes(triggered('2026-02-27'))).toEqual([]);
      expect(codes(triggered('2026-02-28'))).toEqual([]);
    });

    it('holds for review while relief still holds at the latest follow-up (30 % and more)', () => {
      const held = boosterChecks(
        triggered('2026-02-27', [
          { offsetDays: 28, painNrs: 3 },
          { offsetDays: 56, painNrs: 4.9 },
        ]),
      );
      expect(held.reasons).toEqual([
        expect.objectContaining({
          code: 'RELIEF_NOT_LOST',
          severity: 'RELATIVE',
          message:
            "Relief still holds at day 56 (a 30 % reduction): this protocol's booster is offered when relief fades",
        }),
      ]);
      expect(
        codes(
          triggered('2026-02-27', [
            { offsetDays: 28, painNrs: 3 },
            { offsetDays: 56, painNrs: 5 },
          ]),
        ),
      ).toEqual([]);
    });
  });

  describe('maxPerYear at the limit', () => {
    const withOthers = (boosterOn: string, otherBoosterDates: string[]) =>
      facts({
        policy: policy({ maxPerYear: 3 }),
        boosterOn,
        otherBoosterDates,
        eligibility: { on: boosterOn, status: 'ELIGIBLE' },
      });

    it('allows the third booster in a year and refuses a fourth', () => {
      expect(codes(withOthers('2026-07-10', ['2026-01-10', '2026-04-10']))).toEqual([]);
      expect(boosterChecks(withOthers('2027-01-09', ['2026-01-10', '2026-04-10', '2026-07-10'])).reasons).toEqual([
        expect.objectContaining({
          code: 'MAX_PER_YEAR',
          ruleId: 'booster.max-per-year',
          severity: 'ABSOLUTE',
          message: "This would be booster 4 in the year from 2026-01-10, more than the protocol's 3 a year",
        }),
      ]);
    });

    it('allows it a year to the day after the first of three', () => {
      expect(codes(withOthers('2027-01-10', ['2026-01-10', '2026-04-10', '2026-07-10']))).toEqual([]);
    });

    it('counts boosters already booked after the new one', () => {
      expect(codes(withOthers('2026-07-10', ['2026-04-10', '2026-10-10', '2027-01-10']))).toEqual(['MAX_PER_YEAR']);
    });
  });

  it('refuses a protocol without boosters, whatever the override', () => {
    const assessment = boosterChecks(facts({ policy: { kind: 'NONE' } }));
    expect(assessment.checks.map((c) => [c.check, c.result])).toEqual([
      ['POLICY', 'ABSOLUTE'],
      ['SCREENING_VALID', 'NOT_REQUIRED'],
      ['BLADDER_SYMPTOMS_REVIEWED', 'NOT_REQUIRED'],
      ['CUMULATIVE_DOSE_UNDER_CAP', 'NOT_REQUIRED'],
      ['RESPONSE_TO_LAST_COURSE', 'NOT_REQUIRED'],
    ]);
    const decision = boosterDecision(assessment, {
      by: 'c1',
      reason: 'Patient requests a repeat of the nasal dose',
      accepts: ['NO_BOOSTERS'],
    });
    expect(decision).toMatchObject({ allowed: false, standing: [{ code: 'NO_BOOSTERS' }] });
  });

  it('refuses a booster with no completed course to follow', () => {
    expect(codes(facts({ lastCourse: null }))).toEqual(['NO_COURSE_TO_BOOST']);
  });

  it('refuses without eligibility valid on the booster date', () => {
    expect(boosterChecks(facts({ eligibility: { on: '2026-04-10', status: 'NOT_ELIGIBLE' } })).reasons).toEqual([
      expect.objectContaining({
        code: 'SCREENING_NOT_VALID',
        ruleId: 'booster.screening-valid',
        severity: 'ABSOLUTE',
        message: 'Eligibility on 2026-04-10 is not eligible: screen again before a booster',
      }),
    ]);
    expect(codes(facts({ eligibility: { on: '2026-04-01', status: 'ELIGIBLE' } }))).toEqual(['SCREENING_NOT_VALID']);
  });

  describe('bladder symptoms', () => {
    it.each(BLADDER_SYMPTOMS.map((s) => [s]))(
      'refuses on a single unreviewed "yes" to %s, which no override lifts',
      (symptom) => {
        const assessment = boosterChecks(
          facts({ bladderScreens: [{ recordedOn: '2026-03-20', positive: [symptom] }] }),
        );
        expect(assessment.checks[2]).toMatchObject({ check: 'BLADDER_SYMPTOMS_REVIEWED', result: 'ABSOLUTE' });
        expect(assessment.reasons).toEqual([
          expect.objectContaining({ code: 'BLADDER_SYMPTOMS_UNREVIEWED', ruleId: 'booster.bladder-reviewed' }),
        ]);
        const decision = boosterDecision(assessment, {
          by: 'c1',
          reason: 'Symptoms were mild and have settled',
          accepts: ['BLADDER_SYMPTOMS_UNREVIEWED'],
        });
        expect(decision.allowed).toBe(false);
      },
    );

    it('passes once a clinician has reviewed them, and refuses a later unreviewed "yes"', () => {
      const reviewed = {
        recordedOn: '2026-03-06',
        positive: ['URGENCY' as const],
        review: { by: 'c1', on: '2026-03-09' },
      };
      expect(codes(facts({ bladderScreens: [reviewed, { recordedOn: '2026-03-20', positive: [] }] }))).toEqual([]);
      expect(
        boosterChecks(facts({ bladderScreens: [reviewed, { recordedOn: '2026-03-20', positive: ['BLOOD_IN_URINE'] }] }))
          .reasons,
      ).toEqual([
        expect.objectContaining({
          code: 'BLADDER_SYMPTOMS_UNREVIEWED',
          message: "Bladder symptoms reported on 2026-03-20 (blood in urine) await a clinician's review",
        }),
      ]);
    });

    it('wants answers from the last 28 days: 28 days old passes, 29 does not, none does not', () => {
      expect(codes(facts({ bladderScreens: [{ recordedOn: '2026-03-04', positive: [] }] }))).toEqual([]);
      expect(codes(facts({ bladderScreens: [{ recordedOn: '2026-03-03', positive: [] }] }))).toEqual([
        'BLADDER_NOT_SCREENED',
      ]);
      expect(boosterChecks(facts({ bladderScreens: [] })).reasons).toEqual([
        expect.objectContaining({
          code: 'BLADDER_NOT_SCREENED',
          severity: 'ABSOLUTE',
          message: 'No bladder-symptom answers since the last course: ask them at a follow-up',
        }),
      ]);
    });

    it('applies the bladder and cumulative checks even to a policy that does not list them', () => {
      const assessment = boosterChecks(facts({ policy: policy({ checks: [] }), bladderScreens: [] }));
      expect(assessment.checks.map((c) => [c.check, c.result])).toEqual([
        ['POLICY', 'PASS'],
        ['SCREENING_VALID', 'NOT_REQUIRED'],
        ['BLADDER_SYMPTOMS_REVIEWED', 'ABSOLUTE'],
        ['CUMULATIVE_DOSE_UNDER_CAP', 'PASS'],
        ['RESPONSE_TO_LAST_COURSE', 'NOT_REQUIRED'],
      ]);
    });
  });

  describe('the cumulative dose, with the booster course at its cap', () => {
    it('allows a booster that would reach the cap exactly and holds one a microgram over, for a written override', () => {
      const atCap = [infusion('d1', '2026-01-12T09:00:00Z', 250)]; // 1000 mg + 2000 = 3000
      expect(codes(facts({ doses: atCap }))).toEqual([]);
      const over = [
        ...atCap,
        {
          kind: 'BOLUS' as const,
          id: 'h1',
          route: 'ORAL' as const,
          atMs: Date.parse('2026-02-01T12:00:00Z'),
          mg: 0.001,
        },
      ];
      const assessment = boosterChecks(facts({ doses: over }));
      expect(assessment.reasons).toEqual([
        {
          code: 'CUMULATIVE_CAP',
          ruleId: 'booster.cumulative-dose-under-cap',
          severity: 'RELATIVE',
          message:
            'The cumulative dose across every route is 1000.001 mg; a booster course of up to 2000 mg would bring it to 3000.001 mg, above the cap of 3000 mg',
        },
      ]);
      expect(boosterDecision(assessment).allowed).toBe(false);
      expect(
        boosterDecision(assessment, {
          by: 'c1',
          reason: 'The booster is prescribed at half the usual rate',
          accepts: ['CUMULATIVE_CAP'],
        }).allowed,
      ).toBe(true);
    });

    it("counts the clinic's rolling-window caps, home doses included", () => {
      const settings = {
        responder: { moderatePercent: 30, substantialPercent: 50, minimumPoints: 2 },
        followUp: { bladderScreenMaxAgeDays: 28 },
        dosing: { windowCapsMg: { 30: null, 90: 2500, 365: null } },
      };
      const home = {
        kind: 'BOLUS' as const,
        id: 'h1',
        route: 'INTRANASAL' as const,
        atMs: Date.parse('2026-03-30T20:00:00Z'),
        mg: 50,
      };
      expect(boosterChecks(facts(), settings).reasons).toEqual([expect.objectContaining({ code: 'WINDOW_90_CAP' })]);
      // The January course is outside the 90 days: only the home dose counts, 50 + 2000 ≤ 2500.
      expect(
        boosterChecks(
          facts({ nowMs: Date.parse('2026-04-15T10:00:00Z'), today: '2026-04-15', doses: [...facts().doses, home] }),
          settings,
        ).reasons,
      ).toEqual([]);
    });
  });

  describe('response to the last course (IMMPACT, clinical-facts §4)', () => {
    const course = (baselinePainNrs: number | null, followUps: { offsetDays: number; painNrs: number }[]) =>
      facts({ lastCourse: { lastSessionOn: '2026-01-16', baselinePainNrs, followUps } });

    it('counts a 30 % reduction at any follow-up, an early one too', () => {
      expect(
        codes(
          course(10, [
            { offsetDays: 1, painNrs: 7 },
            { offsetDays: 14, painNrs: 10 },
          ]),
        ),
      ).toEqual([]);
    });

    it('holds for review when no follow-up reached 30 %', () => {
      expect(
        boosterChecks(
          course(10, [
            { offsetDays: 7, painNrs: 7.1 },
            { offsetDays: 14, painNrs: 8 },
          ]),
        ).reasons,
      ).toEqual([
        expect.objectContaining({
          code: 'NO_RESPONSE',
          ruleId: 'booster.response-to-last-course',
          severity: 'RELATIVE',
          message:
            'No follow-up of the last course reached the 30 % reduction IMMPACT calls moderately important (best 29 % at day 7)',
        }),
      ]);
    });

    it('holds for review without a baseline above 0 or any follow-up score', () => {
      expect(codes(course(null, [{ offsetDays: 7, painNrs: 3 }]))).toEqual(['NO_RESPONSE_DATA']);
      expect(codes(course(0, [{ offsetDays: 7, painNrs: 0 }]))).toEqual(['NO_RESPONSE_DATA']);
      expect(codes(course(7, []))).toEqual(['NO_RESPONSE_DATA']);
    });
  });

  it('returns every reason at once, from every check', () => {
    expect(
      codes(
        facts({
          boosterOn: '2026-04-09',
          eligibility: { on: '2026-04-09', status: 'NEEDS_REVIEW' },
          bladderScreens: [{ recordedOn: '2026-03-20', positive: ['FREQUENCY', 'NIGHT_TIME_VOIDING'] }],
          doses: [infusion('d1', '2026-01-12T09:00:00Z', 300)],
          lastCourse: { lastSessionOn: '2026-01-16', baselinePainNrs: 7, followUps: [{ offsetDays: 7, painNrs: 7 }] },
        }),
      ),
    ).toEqual([
      'INTERVAL_NOT_REACHED',
      'SCREENING_NOT_VALID',
      'BLADDER_SYMPTOMS_UNREVIEWED',
      'CUMULATIVE_CAP',
      'NO_RESPONSE',
    ]);
  });
});
