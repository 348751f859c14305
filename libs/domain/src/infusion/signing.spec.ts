import { coSignRefusals, courseCompleted, signRefusals, type SessionAdverseEvent, type SigningInput } from './signing';

const event = (change: Partial<SessionAdverseEvent> = {}): SessionAdverseEvent => ({
  id: 'ae-1',
  status: 'CONFIRMED',
  grade: 1,
  serious: false,
  seenByClinician: false,
  ...change,
});
const input = (change: Partial<SigningInput> = {}): SigningInput => ({
  state: 'DISCHARGED',
  nurseSigned: false,
  coSigned: false,
  adverseEvents: [],
  ...change,
});
const codes = (reasons: { code: string }[]) => reasons.map((r) => r.code);

describe('signRefusals: the nurse signs a discharged record with its adverse events settled', () => {
  it('signs a discharged record with no adverse events', () => expect(signRefusals(input())).toEqual([]));
  it.each(['CHECKED_IN', 'INFUSING', 'IN_RECOVERY'] as const)('refuses while %s', (state) =>
    expect(codes(signRefusals(input({ state })))).toEqual(['NOT_DISCHARGED']),
  );
  it('signs once', () => expect(codes(signRefusals(input({ nurseSigned: true })))).toEqual(['ALREADY_SIGNED']));
  it('refuses while a drafted adverse event is neither confirmed nor dismissed', () => {
    const reasons = signRefusals(input({ adverseEvents: [event({ status: 'DRAFT', grade: null })] }));
    expect(reasons).toEqual([expect.objectContaining({ code: 'ADVERSE_EVENT_DRAFT', adverseEventId: 'ae-1' })]);
  });
  it('a dismissed draft does not hold the signature', () =>
    expect(signRefusals(input({ adverseEvents: [event({ status: 'DISMISSED', grade: 4 })] }))).toEqual([]));
  it('grade 2 needs no clinician; grade 3 does until a clinician has seen it', () => {
    expect(signRefusals(input({ adverseEvents: [event({ grade: 2 })] }))).toEqual([]);
    expect(codes(signRefusals(input({ adverseEvents: [event({ grade: 3 })] })))).toEqual(['ADVERSE_EVENT_NOT_SEEN']);
    expect(signRefusals(input({ adverseEvents: [event({ grade: 3, seenByClinician: true })] }))).toEqual([]);
  });
  it('a serious event of any grade needs a clinician to have seen it', () => {
    expect(codes(signRefusals(input({ adverseEvents: [event({ grade: 1, serious: true })] })))).toEqual([
      'ADVERSE_EVENT_NOT_SEEN',
    ]);
    expect(signRefusals(input({ adverseEvents: [event({ serious: true, seenByClinician: true })] }))).toEqual([]);
  });
});

describe('coSignRefusals: the clinician co-signs after the nurse, once', () => {
  it('co-signs a record the nurse has signed', () =>
    expect(coSignRefusals({ nurseSigned: true, coSigned: false })).toEqual([]));
  it('refuses before the nurse has signed', () =>
    expect(codes(coSignRefusals({ nurseSigned: false, coSigned: false }))).toEqual(['NOT_SIGNED_BY_NURSE']));
  it('co-signs once', () =>
    expect(codes(coSignRefusals({ nurseSigned: true, coSigned: true }))).toEqual(['ALREADY_CO_SIGNED']));
});

describe('courseCompleted', () => {
  const of = (...statuses: string[]) => courseCompleted(statuses.map((status) => ({ status })));
  it('is completed when every appointment is completed, cancelled or a no-show, and one was completed', () => {
    expect(of('COMPLETED')).toBe(true);
    expect(of('COMPLETED', 'CANCELLED', 'NO_SHOW')).toBe(true);
  });
  it('is not completed while an appointment is still booked', () => expect(of('COMPLETED', 'BOOKED')).toBe(false));
  it('is not completed when nothing was completed', () => {
    expect(of('CANCELLED', 'NO_SHOW')).toBe(false);
    expect(of()).toBe(false);
  });
});
