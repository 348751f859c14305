import type { EligibilityReason } from './eligibility';
import { reviewChoices, screeningStanding } from './standing';

const relative: EligibilityReason = {
  ruleId: 'cv.bp-stage-2',
  severity: 'RELATIVE',
  reason: 'Blood pressure 165/100 mmHg',
  source: 'Clinic protocol',
  evidence: 'sbp 165, dbp 100',
};
const absolute: EligibilityReason = {
  ruleId: 'psy.psychosis',
  severity: 'ABSOLUTE',
  reason: 'Active psychosis',
  source: 'Clinic protocol',
  evidence: 'psychosis: yes',
};

describe('screeningStanding', () => {
  it('never shows a computed result as eligible before a clinician signs it', () => {
    for (const result of ['ELIGIBLE', 'NEEDS_REVIEW', 'CONTRAINDICATED'] as const) {
      const standing = screeningStanding({ status: 'SUBMITTED', result });
      expect(standing).toMatchObject({ code: 'AWAITING_CLINICIAN', label: 'Awaiting clinician', clears: false });
    }
    expect(screeningStanding({ status: 'SUBMITTED', result: 'ELIGIBLE' }).detail).toBe(
      'Computed result: eligible; not signed yet',
    );
    expect(screeningStanding({ status: 'DRAFT', result: null })).toMatchObject({ code: 'DRAFT', clears: false });
  });

  it('shows a signed NEEDS_REVIEW result with an override as eligible by override, with the reason', () => {
    expect(
      screeningStanding({ status: 'SIGNED', result: 'NEEDS_REVIEW', overrideReason: 'BP rechecked at 138/86' }),
    ).toEqual({
      code: 'ELIGIBLE_BY_OVERRIDE',
      label: 'Eligible by override',
      detail: 'Override: BP rechecked at 138/86',
      clears: true,
    });
    // Without an override (which signing refuses) it clears nothing.
    expect(screeningStanding({ status: 'SIGNED', result: 'NEEDS_REVIEW' })).toMatchObject({
      code: 'NEEDS_REVIEW',
      clears: false,
    });
  });

  it('clears only a signed eligible result, or one eligible by override', () => {
    expect(screeningStanding({ status: 'SIGNED', result: 'ELIGIBLE' })).toMatchObject({
      code: 'ELIGIBLE',
      clears: true,
    });
    expect(screeningStanding({ status: 'SIGNED', result: 'CONTRAINDICATED' })).toMatchObject({
      code: 'CONTRAINDICATED',
      clears: false,
    });
    expect(screeningStanding({ status: 'DECLINED', result: 'ELIGIBLE', declineReason: 'Wrong patient' })).toEqual({
      code: 'DECLINED',
      label: 'Declined',
      detail: 'Not cleared: Wrong patient',
      clears: false,
    });
  });
});

describe('reviewChoices', () => {
  const submitted = (result: 'ELIGIBLE' | 'NEEDS_REVIEW' | 'CONTRAINDICATED', reasons: EligibilityReason[]) =>
    reviewChoices({ status: 'SUBMITTED', result, reasons });

  it('offers signing as eligible first for an eligible result, and no override', () => {
    expect(submitted('ELIGIBLE', []).map((c) => [c.action, c.label, c.primary])).toEqual([
      ['sign', 'Sign as eligible', true],
      ['decline', 'Decline…', false],
    ]);
  });

  it('offers an override (primary) or a decline for NEEDS_REVIEW, never a bare signature', () => {
    const choices = submitted('NEEDS_REVIEW', [relative]);
    expect(choices.map((c) => c.action)).toEqual(['override', 'decline']);
    expect(choices[0]).toMatchObject({ primary: true, done: 'Screening signed: eligible by override' });
  });

  it('words signing a contraindicated result as confirming it, never as the primary action, and offers no override', () => {
    const choices = submitted('CONTRAINDICATED', [absolute]);
    expect(choices.map((c) => [c.action, c.label, c.primary])).toEqual([
      ['sign', 'Confirm contraindication', false],
      ['decline', 'Decline…', false],
    ]);
    expect(choices.find((c) => c.primary)).toBeUndefined();
  });

  it('offers nothing on a draft, a signed or a declined screening', () => {
    for (const status of ['DRAFT', 'SIGNED', 'DECLINED'] as const)
      expect(reviewChoices({ status, result: 'ELIGIBLE', reasons: [] })).toEqual([]);
  });
});
