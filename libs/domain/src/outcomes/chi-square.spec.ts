import { chiSquareUpperTail } from './chi-square';

// R 4.2.2 pchisq(x, df, lower.tail = FALSE), printed at 15 significant digits: agreement to 1e-11 relative, down to 1e-27.
describe('chiSquareUpperTail against R pchisq(lower.tail = FALSE)', () => {
  it.each([
    [3.39635, 1, 6.534085520893267e-2],
    [16.79294, 1, 4.168811282522856e-5],
    [0.5, 2, 7.788007830714049e-1],
    [40, 3, 1.065509033425586e-8],
    [2, 5, 8.491450360846097e-1],
    [7.5, 4, 1.117092928160433e-1],
    [120, 2, 8.75651076269652e-27],
  ])('P(χ² > %p) on %i df = %p', (x, df, p) => {
    expect(Math.abs(chiSquareUpperTail(x, df) - p)).toBeLessThanOrEqual(1e-11 * p);
  });

  it('is 1 at 0 and refuses degrees of freedom that are not a whole number of at least 1', () => {
    expect(chiSquareUpperTail(0, 1)).toBe(1);
    expect(() => chiSquareUpperTail(1, 0)).toThrow(RangeError);
    expect(() => chiSquareUpperTail(1, 1.5)).toThrow(RangeError);
  });
});
