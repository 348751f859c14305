import { roundDownToStep, roundToStep } from './rounding';

describe('roundToStep (0.1 mg/h)', () => {
  it.each([
    [0.35 * 70, 24.5], // 24.499999999999996 in binary: still 24.5
    [10.95, 11],
    [10.949, 10.9],
    [10.951, 11],
    [0.1 * 3, 0.3],
    [0, 0],
  ])('%p → %p', (value, expected) => expect(roundToStep(value, 0.1)).toBe(expected));
});

describe('roundDownToStep (0.1 mg/h)', () => {
  it.each([
    [35.15, 35.1],
    [35.1, 35.1],
    [0.7 * 10, 7], // 7.000000000000001
    [0.1 * 3, 0.3], // 0.30000000000000004
    [7.099, 7],
  ])('%p → %p', (value, expected) => expect(roundDownToStep(value, 0.1)).toBe(expected));
});
