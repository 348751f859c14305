import { sessionPreparation } from './preparation';

const steps = (food: number | null, clearFluids: number | null) =>
  sessionPreparation({ fastingHours: { food, clearFluids } });

describe('sessionPreparation', () => {
  it('tells the patient no fasting is needed when the settings ask for none, or for 0 hours', () => {
    for (const [food, fluids] of [
      [null, null],
      [0, 0],
      [0, null],
    ] as const) {
      const before = steps(food, fluids).filter((s) => s.when === 'BEFORE');
      expect(before.map((s) => s.code)).toEqual(['NO_FASTING']);
    }
  });

  it('gives the hours without food, and says clear drinks are fine when they are not limited', () => {
    const before = steps(6, null).filter((s) => s.when === 'BEFORE');
    expect(before).toEqual([
      {
        code: 'FASTING_FOOD',
        checkId: 'FASTING',
        when: 'BEFORE',
        message: 'Do not eat for 6 hours before the session starts; clear drinks such as water are fine.',
      },
    ]);
  });

  it('gives the hours without food and without any drink when both are limited', () => {
    const messages = steps(1, 2)
      .filter((s) => s.when === 'BEFORE')
      .map((s) => s.message);
    expect(messages).toEqual([
      'Do not eat for 1 hour before the session starts.',
      'Do not drink anything, not even water, for 2 hours before the session starts.',
    ]);
    expect(steps(null, 1.5).find((s) => s.code === 'FASTING_CLEAR_FLUIDS')?.message).toContain('1 hour 30 minutes');
    expect(steps(0.5, null).find((s) => s.code === 'FASTING_FOOD')?.message).toContain('for 30 minutes before');
  });

  it('always asks for an adult escort home and no driving until the next day', () => {
    for (const s of [steps(null, null), steps(6, 2)]) {
      const after = s.filter((step) => step.when === 'AFTER');
      expect(after.map((step) => [step.code, step.checkId])).toEqual([
        ['ESCORT_HOME', 'ESCORT_HOME'],
        ['NO_DRIVING', 'NO_DRIVING'],
      ]);
      expect(after[1].message).toBe('Do not drive until the next day.');
    }
  });
});
