import {
  blockingReasons,
  combineEligibility,
  screeningSignedOn,
  signingDates,
  validUntilFor,
  type CombinedReason,
  type SignedScreening,
  type UnsignedScreening,
} from './combine-eligibility';
import type { EligibilityResult } from './eligibility';
import type { ScreeningKind } from './templates';
import { DEFAULT_SCREENING_SETTINGS } from './settings';

const eligible: EligibilityResult = {
  status: 'ELIGIBLE',
  reasons: [],
  suicidalityFlag: false,
  noSerialInfusionsWithoutOverride: false,
};
const relative = (ruleId: string, extra: Partial<EligibilityResult> = {}): EligibilityResult => ({
  ...eligible,
  status: 'NEEDS_REVIEW',
  reasons: [{ ruleId, reason: ruleId, severity: 'RELATIVE', source: 'guideline', evidence: 'answers' }],
  ...extra,
});
const absolute = (ruleId: string): EligibilityResult => ({
  ...eligible,
  status: 'CONTRAINDICATED',
  reasons: [
    { ruleId, reason: ruleId, severity: 'ABSOLUTE', source: 'guideline', evidence: 'answers' },
    { ruleId: 'urinary-symptoms', reason: 'urinary', severity: 'RELATIVE', source: 'policy', evidence: 'answers' },
  ],
});

let nextId = 0;
/** A screening signed at 10:00 UTC on `signedOn`, valid for the default 30 days. */
function signed(kind: ScreeningKind, signedOn: string, extra: Partial<SignedScreening> = {}): SignedScreening {
  return {
    id: `${kind.toLowerCase()}-${++nextId}`,
    kind,
    signedAt: `${signedOn}T10:00:00Z`,
    signedOn,
    validUntil: validUntilFor(signedOn),
    result: eligible,
    ...extra,
  };
}
const allThree = (signedOn: string, extra: Partial<Record<ScreeningKind, Partial<SignedScreening>>> = {}) => [
  signed('CARDIOVASCULAR', signedOn, extra.CARDIOVASCULAR),
  signed('PSYCHIATRIC', signedOn, extra.PSYCHIATRIC),
  signed('GENERAL', signedOn, extra.GENERAL),
];

/** An unsigned screening submitted at 09:00 UTC on `submittedOn`. */
function unsigned(
  kind: ScreeningKind,
  submittedOn: string,
  status: UnsignedScreening['status'],
  result: EligibilityResult = eligible,
): UnsignedScreening {
  return {
    id: `${kind.toLowerCase()}-u${++nextId}`,
    kind,
    status,
    submittedAt: `${submittedOn}T09:00:00Z`,
    submittedOn,
    result,
  };
}

describe('validity', () => {
  it('runs to assessment date + validityDays, inclusive', () => {
    expect(validUntilFor('2026-03-01')).toBe('2026-03-31');
    expect(validUntilFor('2026-02-27', { ...DEFAULT_SCREENING_SETTINGS, validityDays: 2 })).toBe('2026-03-01');
  });

  it('takes the signing date in the clinic zone', () => {
    expect(screeningSignedOn('2026-03-01T23:30:00Z', 'Australia/Sydney')).toBe('2026-03-02');
    expect(screeningSignedOn('2026-03-01T23:30:00Z', 'America/New_York')).toBe('2026-03-01');
  });

  describe('signingDates', () => {
    it('counts validity from the day the answers were submitted, not the day they were signed', () => {
      // Submitted on day 0, signed on day 20: the vitals are relied on to day 30, not day 50.
      expect(
        signingDates({
          submittedAt: '2026-03-01T10:00:00Z',
          signedAt: '2026-03-21T15:00:00Z',
          timeZone: 'Europe/London',
        }),
      ).toEqual({ signedOn: '2026-03-21', assessedOn: '2026-03-01', validUntil: '2026-03-31' });
    });

    it('takes both days in the clinic zone', () => {
      const dates = signingDates(
        { submittedAt: '2026-03-01T23:30:00Z', signedAt: '2026-03-02T23:30:00Z', timeZone: 'Australia/Sydney' },
        { ...DEFAULT_SCREENING_SETTINGS, validityDays: 7 },
      );
      expect(dates).toEqual({ signedOn: '2026-03-03', assessedOn: '2026-03-02', validUntil: '2026-03-09' });
    });

    it('takes a screening with no submission instant as assessed when signed', () => {
      expect(signingDates({ signedAt: '2026-03-05T10:00:00Z', timeZone: 'Europe/London' })).toEqual({
        signedOn: '2026-03-05',
        assessedOn: '2026-03-05',
        validUntil: '2026-04-04',
      });
    });

    it('can leave a screening signed too late already expired', () => {
      const { validUntil } = signingDates({
        submittedAt: '2026-03-01T10:00:00Z',
        signedAt: '2026-04-10T10:00:00Z',
        timeZone: 'UTC',
      });
      expect(validUntil).toBe('2026-03-31');
      const late = signed('GENERAL', '2026-04-10', { assessedOn: '2026-03-01', validUntil });
      const r = combineEligibility([late, ...allThree('2026-04-10').slice(0, 2)], '2026-04-10');
      expect(r.status).toBe('NOT_ELIGIBLE');
      expect(r.reasons).toEqual([
        expect.objectContaining({ type: 'expired', kind: 'GENERAL', validUntil: '2026-03-31' }),
      ]);
    });
  });
});

describe('combineEligibility', () => {
  it('is ELIGIBLE with all three kinds signed, unexpired and clear, resting on their ids', () => {
    const screenings = allThree('2026-03-01');
    const r = combineEligibility(screenings, '2026-03-10');
    expect(r).toMatchObject({ status: 'ELIGIBLE', reasons: [], expiresAt: '2026-03-31', suicidalityFlag: false });
    expect(r.screeningIds).toEqual(screenings.map((s) => s.id));
  });

  it.each(['CARDIOVASCULAR', 'PSYCHIATRIC', 'GENERAL'] as const)(
    'is NOT_ELIGIBLE when the %s screening is missing, naming it',
    (kind) => {
      const r = combineEligibility(
        allThree('2026-03-01').filter((s) => s.kind !== kind),
        '2026-03-10',
      );
      expect(r.status).toBe('NOT_ELIGIBLE');
      expect(r.reasons).toEqual([{ type: 'missing', kind, reason: `No signed ${kind.toLowerCase()} screening` }]);
      expect(r.screeningIds).toHaveLength(2);
    },
  );

  it('is NOT_ELIGIBLE naming all three kinds with no screenings', () => {
    const r = combineEligibility([], '2026-03-10');
    expect(r.status).toBe('NOT_ELIGIBLE');
    expect(r.reasons.map((x) => x.type === 'missing' && x.kind)).toEqual(['CARDIOVASCULAR', 'PSYCHIATRIC', 'GENERAL']);
    expect(r.expiresAt).toBeUndefined();
  });

  describe('expiry at the boundary day', () => {
    const screenings = allThree('2026-03-01'); // valid until 2026-03-31

    it('is valid on the last day (signing + 30)', () => {
      expect(combineEligibility(screenings, '2026-03-31')).toMatchObject({
        status: 'ELIGIBLE',
        expiresAt: '2026-03-31',
      });
    });

    it('is expired the day after', () => {
      const r = combineEligibility(screenings, '2026-04-01');
      expect(r.status).toBe('NOT_ELIGIBLE');
      expect(r.reasons).toHaveLength(3);
      expect(r.reasons[0]).toEqual({
        type: 'expired',
        kind: 'CARDIOVASCULAR',
        screeningId: screenings[0].id,
        validUntil: '2026-03-31',
        reason: 'The cardiovascular screening expired: valid until 2026-03-31',
      });
    });

    it('expires one kind alone when it was signed earlier', () => {
      const mixed = [signed('CARDIOVASCULAR', '2026-02-28'), ...allThree('2026-03-10').slice(1)];
      expect(combineEligibility(mixed, '2026-03-30').status).toBe('ELIGIBLE');
      const r = combineEligibility(mixed, '2026-03-31');
      expect(r.status).toBe('NOT_ELIGIBLE');
      expect(r.reasons.map((x) => x.type)).toEqual(['expired']);
    });

    it('computes validUntil from the clinic setting when a screening has none stored', () => {
      const bare = allThree('2026-03-01').map(({ validUntil: _unused, ...s }) => s);
      const weekly = { ...DEFAULT_SCREENING_SETTINGS, validityDays: 7 };
      expect(combineEligibility(bare, '2026-03-08', weekly)).toMatchObject({
        status: 'ELIGIBLE',
        expiresAt: '2026-03-08',
      });
      expect(combineEligibility(bare, '2026-03-09', weekly).status).toBe('NOT_ELIGIBLE');
    });

    it('computes it from the assessment date when one is known', () => {
      const bare = allThree('2026-03-10').map(({ validUntil: _unused, ...s }) => ({ ...s, assessedOn: '2026-03-01' }));
      const weekly = { ...DEFAULT_SCREENING_SETTINGS, validityDays: 7 };
      expect(combineEligibility(bare, '2026-03-10', weekly).status).toBe('NOT_ELIGIBLE');
      expect(combineEligibility(bare, '2026-03-10', { ...weekly, validityDays: 9 })).toMatchObject({
        status: 'ELIGIBLE',
        expiresAt: '2026-03-10',
      });
    });
  });

  it('reports the earliest expiry among the screenings relied on', () => {
    const screenings = [
      signed('CARDIOVASCULAR', '2026-03-05'),
      signed('PSYCHIATRIC', '2026-03-02'),
      signed('GENERAL', '2026-03-09'),
    ];
    expect(combineEligibility(screenings, '2026-03-10').expiresAt).toBe('2026-04-01');
  });

  it('uses the latest signed unexpired screening of each kind', () => {
    const older = signed('CARDIOVASCULAR', '2026-03-01', { result: absolute('bp-block-confirmed') });
    const newer = signed('CARDIOVASCULAR', '2026-03-08');
    const r = combineEligibility([newer, older, ...allThree('2026-03-01').slice(1)], '2026-03-10');
    expect(r.status).toBe('ELIGIBLE');
    expect(r.screeningIds[0]).toBe(newer.id);
  });

  it('orders same-day screenings by signing instant, across offsets', () => {
    const morning = signed('GENERAL', '2026-03-08', {
      signedAt: '2026-03-08T09:00:00+01:00',
      result: relative('urinary-symptoms'),
    });
    const afternoon = signed('GENERAL', '2026-03-08', { signedAt: '2026-03-08T08:30:00Z' }); // 09:30+01:00
    const r = combineEligibility([afternoon, morning, ...allThree('2026-03-08').slice(0, 2)], '2026-03-10');
    expect(r.screeningIds).toContain(afternoon.id);
    expect(r.status).toBe('ELIGIBLE');
  });

  it('ignores screenings signed after the day asked about', () => {
    const r = combineEligibility(allThree('2026-03-11'), '2026-03-10');
    expect(r.status).toBe('NOT_ELIGIBLE');
    expect(r.reasons.every((x) => x.type === 'missing')).toBe(true);
  });

  it('is NEEDS_REVIEW with a relative reason and no override, carrying the reason and its screening', () => {
    const screenings = allThree('2026-03-01', { GENERAL: { result: relative('raised-intraocular-pressure') } });
    const r = combineEligibility(screenings, '2026-03-10');
    expect(r.status).toBe('NEEDS_REVIEW');
    expect(r.reasons).toEqual([
      {
        type: 'rule',
        kind: 'GENERAL',
        screeningId: screenings[2].id,
        ruleId: 'raised-intraocular-pressure',
        reason: 'raised-intraocular-pressure',
        severity: 'RELATIVE',
        source: 'guideline',
        evidence: 'answers',
      },
    ]);
  });

  it('turns a relative NEEDS_REVIEW into ELIGIBLE with a clinician override, keeping the reason marked', () => {
    const override = { by: 'clinician-7', reason: 'Glaucoma treated and pressures normal per ophthalmology letter' };
    const screenings = allThree('2026-03-01', {
      GENERAL: { result: relative('raised-intraocular-pressure'), override },
    });
    const r = combineEligibility(screenings, '2026-03-10');
    expect(r.status).toBe('ELIGIBLE');
    expect(r.reasons).toHaveLength(1);
    expect(r.reasons[0]).toMatchObject({ type: 'rule', ruleId: 'raised-intraocular-pressure', overriddenBy: override });
  });

  it('never lets an override lift an absolute contraindication', () => {
    const override = { by: 'clinician-7', reason: 'Patient insists' };
    const r = combineEligibility(
      allThree('2026-03-01', { GENERAL: { result: absolute('pregnancy'), override } }),
      '2026-03-10',
    );
    expect(r.status).toBe('CONTRAINDICATED');
    expect(r.reasons.some((x) => x.type === 'rule' && x.overriddenBy)).toBe(false);
  });

  it('an override on one screening does not cover another screening still needing review', () => {
    const override = { by: 'clinician-7', reason: 'Reviewed' };
    const r = combineEligibility(
      allThree('2026-03-01', {
        GENERAL: { result: relative('urinary-symptoms'), override },
        PSYCHIATRIC: { result: relative('bipolar-without-mood-stabiliser') },
      }),
      '2026-03-10',
    );
    expect(r.status).toBe('NEEDS_REVIEW');
  });

  it('puts CONTRAINDICATED ahead of a missing kind, and NOT_ELIGIBLE ahead of a relative reason', () => {
    const blocked = combineEligibility(
      [signed('GENERAL', '2026-03-01', { result: absolute('pregnancy') })],
      '2026-03-10',
    );
    expect(blocked.status).toBe('CONTRAINDICATED');
    expect(blocked.reasons.filter((x) => x.type === 'missing')).toHaveLength(2);
    const review = combineEligibility(
      [signed('GENERAL', '2026-03-01', { result: relative('urinary-symptoms') })],
      '2026-03-10',
    );
    expect(review.status).toBe('NOT_ELIGIBLE');
  });

  it('carries the suicidality flag and the serial-infusion marker; an override clears only the marker', () => {
    const flagged = relative('substance-misuse-active', {
      suicidalityFlag: true,
      noSerialInfusionsWithoutOverride: true,
    });
    const r = combineEligibility(allThree('2026-03-01', { PSYCHIATRIC: { result: flagged } }), '2026-03-10');
    expect(r).toMatchObject({ status: 'NEEDS_REVIEW', suicidalityFlag: true, noSerialInfusionsWithoutOverride: true });
    const overridden = combineEligibility(
      allThree('2026-03-01', {
        PSYCHIATRIC: { result: flagged, override: { by: 'c', reason: 'In recovery, monitored' } },
      }),
      '2026-03-10',
    );
    expect(overridden).toMatchObject({
      status: 'ELIGIBLE',
      suicidalityFlag: true,
      noSerialInfusionsWithoutOverride: false,
    });
  });

  describe('answers valid only on the day recorded (pregnancy status)', () => {
    const dayOnly = [{ itemId: 'pregnancy', label: 'pregnancy status', recordedOn: '2026-03-01' }];
    const screenings = allThree('2026-03-01', { GENERAL: { dayOnly } });

    it('needs nothing more on the day it was recorded', () => {
      expect(combineEligibility(screenings, '2026-03-01')).toMatchObject({ status: 'ELIGIBLE', requiresOnTheDay: [] });
    });

    it('leaves the status as decided on a later day but asks for re-confirmation', () => {
      expect(combineEligibility(screenings, '2026-03-02')).toMatchObject({
        status: 'ELIGIBLE',
        requiresOnTheDay: ['pregnancy status'],
      });
    });
  });

  describe('newer screenings not yet signed, or declined', () => {
    const base = () => allThree('2026-03-01');

    it('blocks at once on a newer submitted screening that found an absolute contraindication', () => {
      const pending = unsigned('GENERAL', '2026-03-05', 'SUBMITTED', absolute('pregnancy'));
      const r = combineEligibility(base(), '2026-03-10', DEFAULT_SCREENING_SETTINGS, [pending]);
      expect(r.status).toBe('CONTRAINDICATED');
      expect(r.reasons).toEqual([
        expect.objectContaining({
          type: 'pending',
          kind: 'GENERAL',
          screeningId: pending.id,
          submittedOn: '2026-03-05',
          result: 'CONTRAINDICATED',
          ruleId: 'pregnancy',
          severity: 'ABSOLUTE',
          reason: 'The general screening of 2026-03-05, awaiting a clinician, found: pregnancy',
        }),
        expect.objectContaining({ type: 'pending', ruleId: 'urinary-symptoms', severity: 'RELATIVE' }),
      ]);
      // The signed screening it is newer than is still what the decision rests on.
      expect(r.screeningIds).toHaveLength(3);
    });

    it('says a kind with only a submitted screening awaits a signature, not that it has none', () => {
      const [cardiovascular, psychiatric] = base();
      const pending = unsigned('GENERAL', '2026-03-05', 'SUBMITTED');
      const r = combineEligibility([cardiovascular, psychiatric], '2026-03-06', DEFAULT_SCREENING_SETTINGS, [pending]);
      expect(r.status).toBe('NOT_ELIGIBLE');
      expect(r.reasons).toEqual([
        {
          type: 'missing',
          kind: 'GENERAL',
          reason: "No signed general screening yet: the one submitted on 2026-03-05 awaits a clinician's signature",
        },
      ]);
    });

    it('blocks on the day it was submitted and after, not on a day before it', () => {
      const pending = unsigned('GENERAL', '2026-03-05', 'SUBMITTED', absolute('pregnancy'));
      expect(combineEligibility(base(), '2026-03-05', DEFAULT_SCREENING_SETTINGS, [pending]).status).toBe(
        'CONTRAINDICATED',
      );
      expect(combineEligibility(base(), '2026-03-04', DEFAULT_SCREENING_SETTINGS, [pending]).status).toBe('ELIGIBLE');
    });

    it('holds for review on a newer submitted screening needing review, carrying its suicidality flag', () => {
      const pending = unsigned(
        'PSYCHIATRIC',
        '2026-03-05',
        'SUBMITTED',
        relative('suicidality-positive', { suicidalityFlag: true }),
      );
      const r = combineEligibility(base(), '2026-03-10', DEFAULT_SCREENING_SETTINGS, [pending]);
      expect(r).toMatchObject({ status: 'NEEDS_REVIEW', suicidalityFlag: true });
      expect(r.reasons).toEqual([
        expect.objectContaining({ type: 'pending', result: 'NEEDS_REVIEW', ruleId: 'suicidality-positive' }),
      ]);
    });

    it('leaves the signed decision alone for a newer submitted screening that is ELIGIBLE', () => {
      const pending = unsigned('GENERAL', '2026-03-05', 'SUBMITTED');
      const r = combineEligibility(base(), '2026-03-10', DEFAULT_SCREENING_SETTINGS, [pending]);
      expect(r).toMatchObject({ status: 'ELIGIBLE', reasons: [] });
      const blocked = base().map((s) => (s.kind === 'GENERAL' ? { ...s, result: absolute('pregnancy') } : s));
      expect(combineEligibility(blocked, '2026-03-10', DEFAULT_SCREENING_SETTINGS, [pending]).status).toBe(
        'CONTRAINDICATED',
      );
    });

    it('is NOT_ELIGIBLE with reason declined when a newer screening was declined; the older signed one is no longer relied on', () => {
      const screenings = base();
      const declined = unsigned('CARDIOVASCULAR', '2026-03-05', 'DECLINED');
      const r = combineEligibility(screenings, '2026-03-10', DEFAULT_SCREENING_SETTINGS, [declined]);
      expect(r.status).toBe('NOT_ELIGIBLE');
      expect(r.reasons).toEqual([
        {
          type: 'declined',
          kind: 'CARDIOVASCULAR',
          screeningId: declined.id,
          submittedOn: '2026-03-05',
          reason:
            'The cardiovascular screening of 2026-03-05 was declined by a clinician: not cleared until a new one is signed',
        },
      ]);
      expect(r.screeningIds).toEqual([screenings[1].id, screenings[2].id]);
    });

    it('does not let a declined result count as a contraindication: the clinician did not accept it', () => {
      const declined = unsigned('GENERAL', '2026-03-05', 'DECLINED', absolute('pregnancy'));
      expect(combineEligibility(base(), '2026-03-10', DEFAULT_SCREENING_SETTINGS, [declined]).status).toBe(
        'NOT_ELIGIBLE',
      );
    });

    it('ignores unsigned screenings assessed before the latest signed one of their kind', () => {
      // Submitted on the 5th, then a newer screening submitted on the 6th was signed on the 7th.
      const older = unsigned('GENERAL', '2026-03-05', 'SUBMITTED', absolute('pregnancy'));
      const declined = unsigned('GENERAL', '2026-03-05', 'DECLINED');
      const signedLater = signed('GENERAL', '2026-03-07', {
        submittedAt: '2026-03-06T09:00:00Z',
        assessedOn: '2026-03-06',
      });
      const screenings = [...base().slice(0, 2), signedLater];
      const r = combineEligibility(screenings, '2026-03-10', DEFAULT_SCREENING_SETTINGS, [older, declined]);
      expect(r).toMatchObject({ status: 'ELIGIBLE', reasons: [] });
    });

    it('orders by assessment: a screening submitted before the signed one was signed, but after it was assessed, still counts', () => {
      // Signed on the 7th, but its answers were from the 1st; the contraindicated one is from the 5th.
      const signedLate = signed('GENERAL', '2026-03-07', {
        submittedAt: '2026-03-01T09:00:00Z',
        assessedOn: '2026-03-01',
      });
      const pending = unsigned('GENERAL', '2026-03-05', 'SUBMITTED', absolute('pregnancy'));
      const r = combineEligibility([...base().slice(0, 2), signedLate], '2026-03-10', DEFAULT_SCREENING_SETTINGS, [
        pending,
      ]);
      expect(r.status).toBe('CONTRAINDICATED');
    });

    it('counts every newer one, so a later submission cannot hide a pending contraindication', () => {
      const contraindicated = unsigned('GENERAL', '2026-03-05', 'SUBMITTED', absolute('pregnancy'));
      const later = unsigned('GENERAL', '2026-03-06', 'SUBMITTED');
      expect(
        combineEligibility(base(), '2026-03-10', DEFAULT_SCREENING_SETTINGS, [later, contraindicated]).status,
      ).toBe('CONTRAINDICATED');
      const laterDeclined = unsigned('GENERAL', '2026-03-06', 'DECLINED');
      const r = combineEligibility(base(), '2026-03-10', DEFAULT_SCREENING_SETTINGS, [contraindicated, laterDeclined]);
      expect(r.status).toBe('CONTRAINDICATED');
      expect(r.reasons.map((x) => x.type)).toEqual(['declined', 'pending', 'pending']);
    });

    it('with no signed screening of the kind, names it missing or declined, and a pending contraindication still blocks', () => {
      const others = base().slice(0, 2);
      const declined = combineEligibility(others, '2026-03-10', DEFAULT_SCREENING_SETTINGS, [
        unsigned('GENERAL', '2026-03-05', 'DECLINED'),
      ]);
      expect(declined.status).toBe('NOT_ELIGIBLE');
      expect(declined.reasons).toEqual([expect.objectContaining({ type: 'declined', kind: 'GENERAL' })]);
      const pending = combineEligibility(others, '2026-03-10', DEFAULT_SCREENING_SETTINGS, [
        unsigned('GENERAL', '2026-03-05', 'SUBMITTED', absolute('pregnancy')),
      ]);
      expect(pending.status).toBe('CONTRAINDICATED');
      expect(pending.reasons.map((x) => x.type)).toEqual(['missing', 'pending', 'pending']);
      const review = combineEligibility(others, '2026-03-10', DEFAULT_SCREENING_SETTINGS, [
        unsigned('GENERAL', '2026-03-05', 'SUBMITTED', relative('urinary-symptoms')),
      ]);
      expect(review.status).toBe('NOT_ELIGIBLE');
    });

    it('names a pending result even when it carries no rule', () => {
      const bare = unsigned('GENERAL', '2026-03-05', 'SUBMITTED', { ...eligible, status: 'CONTRAINDICATED' });
      const r = combineEligibility(base(), '2026-03-10', DEFAULT_SCREENING_SETTINGS, [bare]);
      expect(r.status).toBe('CONTRAINDICATED');
      expect(r.reasons).toEqual([
        expect.objectContaining({ type: 'pending', reason: expect.stringContaining('a contraindication') }),
      ]);
    });
  });

  it('keeps every blocking reason but the relative ones a clinician accepted', () => {
    const override = { by: 'c', reason: 'Reviewed with ophthalmology' };
    const reasons: CombinedReason[] = [
      {
        type: 'rule',
        kind: 'GENERAL',
        screeningId: 'a',
        ruleId: 'x',
        reason: 'x',
        severity: 'RELATIVE',
        source: 's',
        evidence: 'e',
        overriddenBy: override,
      },
      {
        type: 'rule',
        kind: 'GENERAL',
        screeningId: 'a',
        ruleId: 'y',
        reason: 'y',
        severity: 'RELATIVE',
        source: 's',
        evidence: 'e',
      },
      { type: 'missing', kind: 'PSYCHIATRIC', reason: 'none' },
      { type: 'declined', kind: 'CARDIOVASCULAR', screeningId: 'b', submittedOn: '2026-03-01', reason: 'declined' },
    ];
    expect(blockingReasons(reasons)).toEqual(reasons.slice(1));
  });

  it('rejects a treatment day that is not a calendar date', () => {
    expect(() => combineEligibility([], '2026-03-10T09:00:00Z')).toThrow(RangeError);
  });
});
