import {
  clinicLocalToMs,
  emptyHomeDose,
  emptyRecordValues,
  msToClinicLocal,
  recordFormPath,
  recordProblems,
  toRecordInput,
  visibleErrors,
  type RecordValues,
} from './recordForm';

const ZONE = 'Europe/London';
const NOW = Date.parse('2026-12-02T10:00:00Z');

function complete(): RecordValues {
  const values = emptyRecordValues();
  values.painNrsNow = '4';
  values.painNrs7DayAverage = '5';
  for (const id of Object.keys(values.painInterference)) values.painInterference[id] = '2';
  for (const id of Object.keys(values.phq9)) values.phq9[id] = '0';
  for (const id of Object.keys(values.bladder)) values.bladder[id] = 'no';
  values.noSupportingCare = true;
  values.tookKetamineAtHome = 'no';
  return values;
}

describe('toRecordInput', () => {
  it('leaves every unanswered question out, never as no, none or 0', () => {
    const input = toRecordInput(emptyRecordValues(), NOW, ZONE);
    expect(input.painNrsNow).toBeNull();
    expect(Object.values(input.painInterference ?? {}).every((v) => v === undefined)).toBe(true);
    expect(Object.values(input.bladder ?? {}).every((v) => v === null)).toBe(true);
    expect(input.supportingCare).toBeUndefined();
    expect(input.homeDoses).toBeUndefined();
  });

  it('reads "none" as an empty list and keeps 0 as an answer', () => {
    const values = complete();
    values.painNrsNow = '0';
    const input = toRecordInput(values, NOW, ZONE);
    expect(input.painNrsNow).toBe(0);
    expect(input.supportingCare).toEqual([]);
    expect(input.homeDoses).toEqual([]);
  });

  it('keeps a typed amount as typed, out of range or not', () => {
    const values = complete();
    values.tookKetamineAtHome = 'yes';
    values.homeDoses = [{ ...emptyHomeDose('k'), route: 'ORAL', mg: 20000, takenAt: '2026-12-01T08:00' }];
    const [dose] = toRecordInput(values, NOW, ZONE).homeDoses ?? [];
    expect(dose.mg).toBe(20000);
    expect(dose.atMs).toBe(Date.parse('2026-12-01T08:00:00Z'));
  });
});

describe('recordProblems', () => {
  it('finds none in a complete record', () => {
    expect(recordProblems(complete(), { nowMs: NOW, zone: ZONE })).toEqual([]);
  });

  it('names every missing answer, each on its own question', () => {
    const paths = recordProblems(emptyRecordValues(), { nowMs: NOW, zone: ZONE }).map((p) => recordFormPath(p.field));
    expect(paths).toEqual(
      expect.arrayContaining([
        'painNrsNow',
        'painNrs7DayAverage',
        'painInterference.PAININ9',
        'phq9.q9',
        'bladder.BLOOD_IN_URINE',
        'supportingCare',
        'tookKetamineAtHome',
      ]),
    );
  });

  it('refuses a home dose over the limit, without a route or before the last contact', () => {
    const values = complete();
    values.tookKetamineAtHome = 'yes';
    values.homeDoses = [
      { ...emptyHomeDose('k'), route: '', mg: 10_000.5, takenAt: '2026-11-20T08:00' },
      { ...emptyHomeDose('k'), route: 'INTRANASAL', mg: 50, takenAt: '' },
    ];
    const lastContactAtMs = Date.parse('2026-11-25T12:00:00Z');
    const errors = visibleErrors(recordProblems(values, { nowMs: NOW, lastContactAtMs, zone: ZONE }), true, new Set());
    expect(Object.keys(errors).sort()).toEqual([
      'homeDoses.0.mg',
      'homeDoses.0.route',
      'homeDoses.0.takenAt',
      'homeDoses.1.takenAt',
    ]);
    expect(errors['homeDoses.0.takenAt']).toMatch(/before the last contact/);
  });
});

describe('visibleErrors', () => {
  const values = complete();
  values.painNrsNow = '';
  values.tookKetamineAtHome = 'yes';
  values.homeDoses = [{ ...emptyHomeDose('k'), route: 'ORAL', mg: 0, takenAt: '2026-12-01T08:00' }];
  const problems = recordProblems(values, { nowMs: NOW, zone: ZONE });

  it('holds back missing answers and untouched amounts until the user sends', () => {
    expect(visibleErrors(problems, false, new Set())).toEqual({});
    expect(Object.keys(visibleErrors(problems, false, new Set(['homeDoses.0.mg'])))).toEqual(['homeDoses.0.mg']);
    expect(Object.keys(visibleErrors(problems, true, new Set())).sort()).toEqual(['homeDoses.0.mg', 'painNrsNow']);
  });
});

describe('clinic-local times', () => {
  it("reads a datetime-local value on the clinic's clock, across daylight saving", () => {
    expect(clinicLocalToMs('2026-07-01T08:30', ZONE)).toBe(Date.parse('2026-07-01T07:30:00Z'));
    expect(msToClinicLocal(Date.parse('2026-07-01T07:30:00Z'), ZONE)).toBe('2026-07-01T08:30');
    expect(clinicLocalToMs('', ZONE)).toBeNaN();
  });
});
