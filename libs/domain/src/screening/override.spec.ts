import type { EligibilityReason } from './eligibility';
import { overrideApplies, overrideRefusal, signRefusal } from './override';

const reason = (ruleId: string, severity: 'ABSOLUTE' | 'RELATIVE'): EligibilityReason => ({
  ruleId,
  reason: ruleId,
  severity,
  source: 's',
  evidence: 'e',
});

describe('clinician override', () => {
  it('applies to NEEDS_REVIEW only', () => {
    expect(overrideApplies('NEEDS_REVIEW')).toBe(true);
    expect(overrideApplies('CONTRAINDICATED')).toBe(false);
    expect(overrideApplies('ELIGIBLE')).toBe(false);
    expect(overrideApplies(null)).toBe(false);
  });

  it('allows overriding relative contraindications', () => {
    expect(overrideRefusal('NEEDS_REVIEW', [reason('urinary-symptoms', 'RELATIVE')])).toBeUndefined();
  });

  it('refuses an absolute contraindication, naming only the absolute reasons', () => {
    expect(
      overrideRefusal('CONTRAINDICATED', [reason('pregnancy', 'ABSOLUTE'), reason('urinary-symptoms', 'RELATIVE')]),
    ).toEqual({
      because: 'ABSOLUTE',
      absolute: [reason('pregnancy', 'ABSOLUTE')],
    });
  });

  it('refuses an ELIGIBLE result or none: there is nothing to accept', () => {
    expect(overrideRefusal('ELIGIBLE', [])).toEqual({ because: 'NOTHING_TO_OVERRIDE' });
    expect(overrideRefusal(null, [])).toEqual({ because: 'NOTHING_TO_OVERRIDE' });
  });
});

describe('clinician sign', () => {
  it('confirms ELIGIBLE and CONTRAINDICATED results as they stand', () => {
    expect(signRefusal('ELIGIBLE')).toBeUndefined();
    expect(signRefusal('CONTRAINDICATED')).toBeUndefined();
  });
  it('refuses a NEEDS_REVIEW result, which needs an override or a decline, and a missing result', () => {
    expect(signRefusal('NEEDS_REVIEW')).toBe('NEEDS_OVERRIDE_OR_DECLINE');
    expect(signRefusal(null)).toBe('NO_RESULT');
  });
});
