import { normalQuantile, zForLevel } from './normal';

// R 4.2.2 qnorm, printed at 15 digits.
describe('normalQuantile against R qnorm', () => {
  it.each([
    [0.975, 1.959963984540054],
    [0.95, 1.644853626951472],
    [0.995, 2.5758293035489],
    [0.5, 0],
    [0.8, 0.841621233572914],
    [1e-10, -6.361340902404056],
    [0.999999, 4.753424308817089],
  ])('qnorm(%p) = %p', (p, z) => expect(normalQuantile(p)).toBeCloseTo(z, 12));

  it('gives z = 1.959964 for a 95 % level and refuses a level outside (0, 1)', () => {
    expect(zForLevel(0.95)).toBeCloseTo(1.959964, 6);
    expect(() => zForLevel(1)).toThrow(RangeError);
    expect(() => normalQuantile(1.2)).toThrow(RangeError);
  });
});
