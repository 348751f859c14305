import type { EligibilityReason, ScreeningStatus } from './eligibility';
import { OVERRIDE_REASON_MIN_LENGTH } from './override';
import {
  decisionReasonProblem,
  SCREENING_ACTIONS,
  SCREENING_STATES,
  SCREENING_WORKFLOW,
  screeningActionRefusal,
  screeningActions,
  type ScreeningAction,
  type ScreeningAtHand,
  type ScreeningState,
} from './workflow';

const reason = (ruleId: string, severity: 'ABSOLUTE' | 'RELATIVE'): EligibilityReason => ({
  ruleId,
  reason: ruleId,
  severity,
  source: 's',
  evidence: 'e',
});

const at = (status: ScreeningState, result: ScreeningStatus | null = null, reasons: EligibilityReason[] = []) =>
  ({ status, result, reasons }) satisfies ScreeningAtHand;

/** What each state opens, as a clinic describes the workflow. */
const OPEN_FROM: Record<ScreeningState, ScreeningAction[]> = {
  DRAFT: ['edit', 'submit'],
  SUBMITTED: ['sign', 'override', 'decline'],
  SIGNED: ['addendum'],
  DECLINED: [],
};

describe('the screening workflow table', () => {
  it('leads draft → submitted → signed or declined, with override as a signature of its own', () => {
    expect(SCREENING_WORKFLOW.submit).toMatchObject({ from: 'DRAFT', to: 'SUBMITTED' });
    expect(SCREENING_WORKFLOW.sign).toMatchObject({ from: 'SUBMITTED', to: 'SIGNED' });
    expect(SCREENING_WORKFLOW.override).toMatchObject({ from: 'SUBMITTED', to: 'SIGNED' });
    expect(SCREENING_WORKFLOW.decline).toMatchObject({ from: 'SUBMITTED', to: 'DECLINED' });
  });

  it('keeps a draft a draft while it is edited', () => {
    expect(SCREENING_WORKFLOW.edit).toMatchObject({ from: 'DRAFT', to: 'DRAFT' });
    expect(SCREENING_WORKFLOW.edit.createsDraft).toBeUndefined();
  });

  it('corrects a signed screening with a new draft, leaving the signed one as it is', () => {
    expect(SCREENING_WORKFLOW.addendum).toMatchObject({ from: 'SIGNED', to: 'SIGNED', createsDraft: true });
  });

  it('has nothing that leaves SIGNED or DECLINED for another state', () => {
    for (const action of SCREENING_ACTIONS) {
      const { from, to } = SCREENING_WORKFLOW[action];
      if (from === 'SIGNED' || from === 'DECLINED') expect(to).toBe(from);
    }
  });
});

describe('screeningActionRefusal by state', () => {
  // A result that the result-dependent rules let through, so that only the state decides.
  const neutral = (status: ScreeningState, action: ScreeningAction) =>
    at(status, action === 'override' ? 'NEEDS_REVIEW' : 'ELIGIBLE', []);

  for (const status of SCREENING_STATES) {
    for (const action of SCREENING_ACTIONS) {
      if (OPEN_FROM[status].includes(action)) {
        it(`lets a ${status} screening ${action}`, () => {
          expect(screeningActionRefusal(action, neutral(status, action))).toBeUndefined();
        });
      } else {
        it(`refuses ${action} on a ${status} screening, naming the state it needs and why`, () => {
          expect(screeningActionRefusal(action, neutral(status, action))).toEqual({
            because: 'STATUS',
            action,
            status,
            needs: SCREENING_WORKFLOW[action].from,
            reason: `This screening is ${status.toLowerCase()}. ${SCREENING_WORKFLOW[action].why}`,
          });
        });
      }
    }
  }

  it('checks the state before the result: a signed NEEDS_REVIEW record refuses sign for its state', () => {
    expect(screeningActionRefusal('sign', at('SIGNED', 'NEEDS_REVIEW'))).toMatchObject({
      because: 'STATUS',
      needs: 'SUBMITTED',
    });
  });

  it('never lets a signed or declined record be edited or submitted again', () => {
    for (const status of ['SIGNED', 'DECLINED'] as const) {
      for (const action of ['edit', 'submit', 'sign', 'override', 'decline'] as const) {
        expect(screeningActionRefusal(action, at(status, 'ELIGIBLE'))?.because).toBe('STATUS');
      }
    }
  });
});

describe('signing a submitted screening', () => {
  it('confirms an ELIGIBLE or CONTRAINDICATED result as it stands', () => {
    expect(screeningActionRefusal('sign', at('SUBMITTED', 'ELIGIBLE'))).toBeUndefined();
    expect(
      screeningActionRefusal('sign', at('SUBMITTED', 'CONTRAINDICATED', [reason('pregnancy', 'ABSOLUTE')])),
    ).toBeUndefined();
  });

  it('refuses a NEEDS_REVIEW result as it stands: override it with a reason, or decline it', () => {
    const refusal = screeningActionRefusal('sign', at('SUBMITTED', 'NEEDS_REVIEW', [reason('bp', 'RELATIVE')]));
    expect(refusal).toMatchObject({ because: 'NEEDS_OVERRIDE_OR_DECLINE', action: 'sign' });
    expect(refusal?.reason).toMatch(/override/);
  });

  it('refuses a submitted screening without a result', () => {
    expect(screeningActionRefusal('sign', at('SUBMITTED', null))).toMatchObject({ because: 'NO_RESULT' });
  });
});

describe('overriding a submitted screening', () => {
  it('accepts the relative contraindications of a NEEDS_REVIEW result', () => {
    expect(
      screeningActionRefusal('override', at('SUBMITTED', 'NEEDS_REVIEW', [reason('urinary-symptoms', 'RELATIVE')])),
    ).toBeUndefined();
  });

  it('never lifts an absolute contraindication, and names only the absolute reasons', () => {
    const refusal = screeningActionRefusal(
      'override',
      at('SUBMITTED', 'CONTRAINDICATED', [reason('pregnancy', 'ABSOLUTE'), reason('urinary-symptoms', 'RELATIVE')]),
    );
    expect(refusal).toMatchObject({ because: 'ABSOLUTE', absolute: [reason('pregnancy', 'ABSOLUTE')] });
  });

  it('has nothing to accept on an ELIGIBLE result (sign it) or on none', () => {
    const eligible = screeningActionRefusal('override', at('SUBMITTED', 'ELIGIBLE'));
    expect(eligible).toMatchObject({ because: 'NOTHING_TO_OVERRIDE' });
    expect(eligible?.reason).toMatch(/sign it/);
    expect(screeningActionRefusal('override', at('SUBMITTED', null))).toMatchObject({
      because: 'NOTHING_TO_OVERRIDE',
    });
  });
});

describe('declining a submitted screening', () => {
  it('is open whatever the result', () => {
    for (const result of ['ELIGIBLE', 'NEEDS_REVIEW', 'CONTRAINDICATED'] as const) {
      expect(screeningActionRefusal('decline', at('SUBMITTED', result))).toBeUndefined();
    }
  });
});

describe('screeningActions', () => {
  const openActions = (screening: ScreeningAtHand) =>
    screeningActions(screening)
      .filter((a) => !a.refusal)
      .map((a) => a.action);

  it('lists every action once, in the table order', () => {
    expect(screeningActions(at('DRAFT')).map((a) => a.action)).toEqual([...SCREENING_ACTIONS]);
  });

  it('offers what a clinic expects at each step', () => {
    expect(openActions(at('DRAFT'))).toEqual(['edit', 'submit']);
    expect(openActions(at('SUBMITTED', 'ELIGIBLE'))).toEqual(['sign', 'decline']);
    expect(openActions(at('SUBMITTED', 'NEEDS_REVIEW', [reason('bp', 'RELATIVE')]))).toEqual(['override', 'decline']);
    expect(openActions(at('SUBMITTED', 'CONTRAINDICATED', [reason('pregnancy', 'ABSOLUTE')]))).toEqual([
      'sign',
      'decline',
    ]);
    expect(openActions(at('SIGNED', 'ELIGIBLE'))).toEqual(['addendum']);
    expect(openActions(at('DECLINED', 'ELIGIBLE'))).toEqual([]);
  });

  it('gives a reason for every refused action', () => {
    for (const status of SCREENING_STATES) {
      for (const { refusal } of screeningActions(at(status, 'NEEDS_REVIEW'))) {
        if (refusal) expect(refusal.reason.length).toBeGreaterThan(20);
      }
    }
  });
});

describe('the written reason of an override or a decline', () => {
  it('is required for both: blank is refused', () => {
    for (const decision of ['override', 'decline'] as const) {
      expect(decisionReasonProblem(decision, '')).toMatchObject({ because: 'BLANK' });
      expect(decisionReasonProblem(decision, ' \t\n ')).toMatchObject({ because: 'BLANK' });
    }
  });

  it('is a short sentence for an override, at the boundary of its minimum length', () => {
    const atMinimum = 'x'.repeat(OVERRIDE_REASON_MIN_LENGTH);
    expect(decisionReasonProblem('override', atMinimum.slice(1))).toEqual({
      because: 'TOO_SHORT',
      minLength: OVERRIDE_REASON_MIN_LENGTH,
      reason: expect.stringContaining(String(OVERRIDE_REASON_MIN_LENGTH)),
    });
    expect(decisionReasonProblem('override', atMinimum)).toBeUndefined();
  });

  it('may be a single word for a decline', () => {
    expect(decisionReasonProblem('decline', 'Withdrew')).toBeUndefined();
  });
});
