import { BLADDER_SYMPTOMS, type BladderSymptom } from './bladder';
import { assessFollowUpRecord, followUpRecordProblems, type FollowUpRecordInput, type HomeDose } from './record';

const now = Date.parse('2026-04-10T10:00:00Z');
const lastContact = Date.parse('2026-03-27T10:00:00Z');
const noBladderSymptoms = Object.fromEntries(BLADDER_SYMPTOMS.map((s) => [s, false])) as Record<
  BladderSymptom,
  boolean
>;
const homeDose = (over: Partial<HomeDose> = {}): HomeDose => ({
  kind: 'BOLUS',
  id: 'h1',
  route: 'INTRANASAL',
  atMs: Date.parse('2026-04-01T20:00:00Z'),
  mg: 25,
  ...over,
});
const complete = (over: Partial<FollowUpRecordInput> = {}): FollowUpRecordInput => ({
  recordedAtMs: now,
  painNrsNow: 4,
  painNrs7DayAverage: 5,
  painInterference: { PAININ9: 2, PAININ22: 3, PAININ31: 2, PAININ34: 3, PAININ12: 2, PAININ36: 3 },
  phq9: { q1: 1, q2: 1, q3: 2, q4: 1, q5: 0, q6: 0, q7: 1, q8: 0, q9: 0 },
  bladder: noBladderSymptoms,
  supportingCare: ['PHYSIOTHERAPY', 'SLEEP'],
  homeDoses: [homeDose()],
  note: 'Walking further than last month.',
  ...over,
});
const problems = (input: FollowUpRecordInput) =>
  followUpRecordProblems(input, { nowMs: now, lastContactAtMs: lastContact }).map((p) => [p.field, p.rule]);

describe('followUpRecordProblems', () => {
  it('accepts a complete record, "none" being an empty list', () => {
    expect(problems(complete())).toEqual([]);
    expect(problems(complete({ supportingCare: [], homeDoses: [], note: null }))).toEqual([]);
  });

  it('requires every answer, naming each field missing', () => {
    expect(problems({})).toEqual([
      ['recordedAtMs', 'required'],
      ['painNrsNow', 'required'],
      ['painNrs7DayAverage', 'required'],
      ...['PAININ9', 'PAININ22', 'PAININ31', 'PAININ34', 'PAININ12', 'PAININ36'].map((id) => [
        `painInterference.${id}`,
        'required',
      ]),
      ...['q1', 'q2', 'q3', 'q4', 'q5', 'q6', 'q7', 'q8', 'q9'].map((id) => [`phq9.${id}`, 'required']),
      ...BLADDER_SYMPTOMS.map((s) => [`bladder.${s}`, 'required']),
      ['supportingCare', 'required'],
      ['homeDoses', 'required'],
    ]);
  });

  it('takes pain scores as whole numbers 0–10: 0 and 10 in, −1, 11 and 4.5 out', () => {
    expect(problems(complete({ painNrsNow: 0, painNrs7DayAverage: 10 }))).toEqual([]);
    expect(problems(complete({ painNrsNow: -1, painNrs7DayAverage: 11 }))).toEqual([
      ['painNrsNow', 'nrsRange'],
      ['painNrs7DayAverage', 'nrsRange'],
    ]);
    expect(problems(complete({ painNrsNow: 4.5 }))).toEqual([['painNrsNow', 'nrsRange']]);
  });

  it('refuses PROMIS and PHQ-9 answers off their scales and questions that are not on the form', () => {
    const input = complete();
    expect(
      problems({
        ...input,
        painInterference: { ...input.painInterference, PAININ34: 6, PAININ99: 1 },
        phq9: { ...input.phq9, q9: 4 },
      }),
    ).toEqual([
      ['painInterference.PAININ99', 'unknownItem'],
      ['painInterference.PAININ34', 'option'],
      ['phq9.q9', 'option'],
    ]);
  });

  it('wants yes or no to each bladder question, and known supporting care listed once', () => {
    expect(
      problems(
        complete({
          bladder: { ...noBladderSymptoms, URGENCY: 'sometimes' as unknown as boolean },
          supportingCare: ['SLEEP', 'YOGA', 'SLEEP'],
        }),
      ),
    ).toEqual([
      ['bladder.URGENCY', 'yesNo'],
      ['supportingCare[1]', 'unknownCare'],
      ['supportingCare[2]', 'duplicate'],
    ]);
  });

  describe('ketamine taken at home since the last contact', () => {
    it('accepts a dose taken just after the last contact and up to now', () => {
      expect(
        problems(complete({ homeDoses: [homeDose({ atMs: lastContact + 1 }), homeDose({ id: 'h2', atMs: now })] })),
      ).toEqual([]);
    });

    it('refuses one taken at or before the last contact, or later than now', () => {
      expect(
        problems(
          complete({ homeDoses: [homeDose({ atMs: lastContact }), homeDose({ id: 'h2', atMs: now + 6 * 60_000 })] }),
        ),
      ).toEqual([
        ['homeDoses[0].atMs', 'takenSinceLastContact'],
        ['homeDoses[1].atMs', 'notInFuture'],
      ]);
    });

    it('refuses an IV dose and an amount that is not a positive mg', () => {
      expect(problems(complete({ homeDoses: [homeDose({ route: 'IV' }), homeDose({ id: 'h2', mg: 0 })] }))).toEqual([
        ['homeDoses[0].route', 'homeRoute'],
        ['homeDoses[1].mg', 'amount'],
      ]);
    });
  });

  it('refuses a note over 2000 characters and a record timed in the future', () => {
    expect(problems(complete({ note: 'x'.repeat(2001), recordedAtMs: now + 6 * 60_000 }))).toEqual([
      ['recordedAtMs', 'notInFuture'],
      ['note', 'maxLength'],
    ]);
    expect(problems(complete({ note: 'x'.repeat(2000) }))).toEqual([]);
  });
});

describe('assessFollowUpRecord', () => {
  it('scores the record: pain, PROMIS T, PHQ-9, supporting care and mg taken at home', () => {
    const assessment = assessFollowUpRecord(
      complete({ homeDoses: [homeDose(), homeDose({ id: 'h2', mg: 12.5, route: 'ORAL' })] }),
    );
    expect(assessment).toMatchObject({
      painNrsNow: 4,
      painNrs7DayAverage: 5,
      painInterference: { complete: true, rawScore: 15, tScore: 58.6, standardError: 1.5 },
      phq9: { complete: true, score: 6, band: 'MILD' },
      positiveBladderSymptoms: [],
      supportingCare: ['PHYSIOTHERAPY', 'SLEEP'],
      homeDoseMg: 37.5,
      flags: [],
    });
  });

  it.each(BLADDER_SYMPTOMS.map((s) => [s]))(
    'flags the course for clinician review on a single "yes" to %s',
    (symptom) => {
      const { positiveBladderSymptoms, flags } = assessFollowUpRecord(
        complete({ bladder: { ...noBladderSymptoms, [symptom]: true } }),
      );
      expect(positiveBladderSymptoms).toEqual([symptom]);
      expect(flags).toEqual([
        expect.objectContaining({ code: 'BLADDER_SYMPTOMS', ruleId: 'follow-up.bladder-symptoms-flagged' }),
      ]);
    },
  );

  it('raises the bladder flag from a record not yet complete', () => {
    expect(assessFollowUpRecord({ bladder: { BLOOD_IN_URINE: true } }).flags).toEqual([
      {
        code: 'BLADDER_SYMPTOMS',
        ruleId: 'follow-up.bladder-symptoms-flagged',
        message: 'Bladder symptoms reported (blood in urine): a clinician reviews them before any booster',
      },
    ]);
  });

  it('flags any answer above 0 to PHQ-9 item 9, with the PHQ-9 scoring of screening', () => {
    expect(assessFollowUpRecord(complete({ phq9: { ...complete().phq9, q9: 1 } })).flags).toEqual([
      expect.objectContaining({ code: 'SUICIDALITY', ruleId: 'follow-up.suicidality-flagged' }),
    ]);
  });
});
