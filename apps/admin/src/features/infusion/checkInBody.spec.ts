import { checkInFieldPath, toCheckInBody, type CheckInValues } from './checkInBody';

const empty: CheckInValues = {
  bpTime: '',
  systolic: '',
  diastolic: '',
  heartRate: '',
  spo2: '',
  weightKg: '',
  pregnancy: '',
  lastFood: '',
  lastClearFluids: '',
  escortArranged: '',
  willDrive: '',
  painBefore: '',
  supervisingClinicianId: 'c1',
  identityConfirmed: true,
};

describe('toCheckInBody', () => {
  it('leaves out every fact not recorded, so the checks say it is missing rather than guessing', () => {
    expect(toCheckInBody(empty, '2026-12-02', 'Europe/London')).toEqual({
      supervisingClinicianId: 'c1',
      identityConfirmed: true,
      spo2: undefined,
      weightKg: undefined,
      pregnancy: undefined,
      lastFoodAt: undefined,
      lastClearFluidsAt: undefined,
      escortArranged: undefined,
      willDrive: undefined,
      painBefore: undefined,
    });
  });

  it('sends what was typed, unclamped, and a partial blood pressure as it is for the API to name what is missing', () => {
    const body = toCheckInBody(
      {
        ...empty,
        systolic: 320,
        heartRate: 70,
        spo2: 0,
        weightKg: 70.5,
        pregnancy: 'no',
        escortArranged: 'no',
        willDrive: 'no',
        painBefore: '0',
        lastFood: '07:30',
        bpTime: '07:55',
      },
      '2026-12-02',
      'Europe/London',
    );
    expect(body).toMatchObject({
      bloodPressure: { systolic: 320, diastolic: undefined, heartRate: 70, takenAt: '2026-12-02T07:55:00.000Z' },
      spo2: 0,
      weightKg: 70.5,
      pregnancy: 'no',
      escortArranged: false,
      willDrive: false,
      painBefore: 0,
      lastFoodAt: '2026-12-02T07:30:00.000Z',
    });
  });
});

describe('checkInFieldPath', () => {
  it("puts the API's field errors beside this form's inputs", () => {
    expect(checkInFieldPath('bloodPressure.systolic')).toBe('systolic');
    expect(checkInFieldPath('bloodPressure.takenAt')).toBe('bpTime');
    expect(checkInFieldPath('body.lastFoodAt')).toBe('lastFood');
    expect(checkInFieldPath('lastClearFluidsAt')).toBe('lastClearFluids');
    expect(checkInFieldPath('spo2')).toBe('spo2');
  });
});
