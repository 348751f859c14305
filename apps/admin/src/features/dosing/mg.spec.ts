import { formatMg } from './mg';

describe('formatMg', () => {
  it('shows one decimal at most, rounding half up as the nurse reads it', () => {
    expect(formatMg(23.333)).toBe('23.3 mg');
    expect(formatMg(0.094)).toBe('0.1 mg');
    expect(formatMg(35)).toBe('35 mg');
    expect(formatMg(0.05)).toBe('0.1 mg');
    expect(formatMg(3000)).toBe('3,000 mg');
  });
});
