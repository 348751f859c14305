import {
  ADVERSE_EVENT_TERMS,
  adverseEventProblems,
  adverseEventTerm,
  clinicianAlertReasons,
  type AdverseEventEntry,
} from './adverse-events';

const event = (change: Partial<AdverseEventEntry> = {}): AdverseEventEntry => ({
  term: 'nausea',
  grade: 1,
  onsetMs: Date.UTC(2026, 11, 1, 10, 0),
  actions: ['NONE'],
  outcome: 'RESOLVED',
  serious: false,
  ...change,
});

describe('the CTCAE v5 terms', () => {
  it('cover the ketamine terms of the infusion day, each with its own id', () => {
    const ids = ADVERSE_EVENT_TERMS.map((t) => t.id);
    expect(new Set(ids).size).toBe(ids.length);
    for (const id of [
      'hypertension',
      'sinus_tachycardia',
      'nausea',
      'vomiting',
      'dizziness',
      'hallucinations',
      'anxiety',
      'agitation',
      'confusion',
      'somnolence',
      'depressed_consciousness',
      'hypoxia',
      'headache',
      'cystitis_noninfective',
      'urinary_tract_pain',
      'other',
    ])
      expect(ids).toContain(id);
  });
  it('carry the workbook’s words, and no MedDRA codes', () => {
    expect(adverseEventTerm('hypertension')?.grades[3]).toBe(
      'Systolic BP >=160 mm Hg or diastolic BP >=100 mm Hg; medical intervention indicated; more than one drug or more intensive therapy than previously used indicated',
    );
    expect(adverseEventTerm('somnolence')?.grades[3]).toBe('Obtundation or stupor');
    expect(JSON.stringify(ADVERSE_EVENT_TERMS)).not.toMatch(/\b100\d{5}\b/);
  });
  it('leave out a grade CTCAE does not define', () => {
    expect(Object.keys(adverseEventTerm('hypoxia')!.grades)).toEqual(['2', '3', '4', '5']);
    expect(Object.keys(adverseEventTerm('sinus_tachycardia')!.grades)).toEqual(['1', '2', '3']);
  });
});

describe('adverseEventProblems', () => {
  it('accepts a complete entry', () => expect(adverseEventProblems(event())).toEqual([]));
  it('refuses a grade the term does not have', () => {
    expect(adverseEventProblems(event({ term: 'hypoxia', grade: 1 }))).toEqual([
      { field: 'grade', rule: 'ctcaeGrade', problem: 'Hypoxia is graded 2, 3, 4, 5 in CTCAE v5.0' },
    ]);
    expect(adverseEventProblems(event({ term: 'nausea', grade: 4 }))[0].field).toBe('grade');
  });
  it('names every other faulty field', () => {
    expect(
      adverseEventProblems(
        event({ term: 'other', actions: ['NONE', 'PAUSED'], outcome: 'FINE', description: ' ' }),
      ).map((p) => p.field),
    ).toEqual(['actions', 'outcome', 'description']);
    expect(adverseEventProblems(event({ term: 'unknown' }))[0].field).toBe('term');
    expect(adverseEventProblems(event({ actions: [] }))[0].field).toBe('actions');
    expect(adverseEventProblems(event({ term: 'vomiting', grade: 5, outcome: 'RESOLVED' }))).toEqual([
      { field: 'outcome', rule: 'deathIsFatal', problem: 'grade 5 (death) and a fatal outcome go together' },
    ]);
  });
});

describe('adverseEventProblems with the clock', () => {
  const onset = Date.UTC(2026, 11, 1, 10, 0);
  it('accepts an onset up to 5 minutes ahead (tablet clock drift), not later', () => {
    expect(adverseEventProblems(event({ onsetMs: onset + 5 * 60_000 }), onset)).toEqual([]);
    expect(adverseEventProblems(event({ onsetMs: onset + 5 * 60_000 + 1 }), onset)).toEqual([
      { field: 'onsetMs', rule: 'notInFuture', problem: 'cannot be later than now' },
    ]);
  });
});

describe('clinicianAlertReasons: serious or grade ≥ 3 alerts the supervising clinician', () => {
  it.each([
    [2, false, []],
    [3, false, ['GRADE_3_OR_MORE']],
    [1, true, ['SERIOUS']],
    [5, false, ['GRADE_3_OR_MORE']],
    [4, true, ['SERIOUS', 'GRADE_3_OR_MORE']],
  ])('grade %p, serious %p → %p', (grade, serious, codes) => {
    expect(clinicianAlertReasons({ grade, serious }).map((r) => r.code)).toEqual(codes);
  });
});
