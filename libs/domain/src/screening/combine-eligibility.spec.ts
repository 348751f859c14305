import { combineEligibility, screeningSignedOn, validUntilFor, type SignedScreening } from './combine-eligibility';
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

describe('validity', () => {
  it('runs to signing date + validityDays, inclusive', () => {
    expect(validUntilFor('2026-03-01')).toBe('2026-03-31');
    expect(validUntilFor('2026-02-27', { ...DEFAULT_SCREENING_SETTINGS, validityDays: 2 })).toBe('2026-03-01');
  });

  it('takes the signing date in the clinic zone', () => {
    expect(screeningSignedOn('2026-03-01T23:30:00Z', 'Australia/Sydney')).toBe('2026-03-02');
    expect(screeningSignedOn('2026-03-01T23:30:00Z', 'America/New_York')).toBe('2026-03-01');
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

  it('rejects a treatment day that is not a calendar date', () => {
    expect(() => combineEligibility([], '2026-03-10T09:00:00Z')).toThrow(RangeError);
  });
});
