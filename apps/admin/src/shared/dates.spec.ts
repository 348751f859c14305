import { describeDateFormat, formatDate, parseClinicDate } from './dates';

describe('calendar dates in the clinic format', () => {
  it('writes a date in each format the clinic may choose', () => {
    expect(formatDate('1980-04-02', 'D MMM YYYY')).toBe('2 Apr 1980');
    expect(formatDate('1980-04-02', 'DD/MM/YYYY')).toBe('02/04/1980');
    expect(formatDate('1980-04-02', 'MM/DD/YYYY')).toBe('04/02/1980');
    expect(formatDate('1980-04-02', 'YYYY-MM-DD')).toBe('1980-04-02');
    expect(formatDate(null)).toBe('—');
    expect(describeDateFormat('DD/MM/YYYY')).toBe('01/12/2026 (DD/MM/YYYY)');
  });

  it('reads what was typed in the clinic format, the day first or the month first as the format says', () => {
    expect(parseClinicDate('02/04/1980', 'DD/MM/YYYY')).toBe('1980-04-02');
    expect(parseClinicDate('2/4/1980', 'DD/MM/YYYY')).toBe('1980-04-02');
    expect(parseClinicDate('02/04/1980', 'MM/DD/YYYY')).toBe('1980-02-04');
    expect(parseClinicDate(' 2 Apr 1980 ', 'D MMM YYYY')).toBe('1980-04-02');
    expect(parseClinicDate('2 April 1980', 'D MMM YYYY')).toBe('1980-04-02');
    expect(parseClinicDate('1980-04-02', 'DD/MM/YYYY')).toBe('1980-04-02');
  });

  it('reads no date from an impossible day, a short year or another format', () => {
    expect(parseClinicDate('31/02/2026', 'DD/MM/YYYY')).toBeNull();
    expect(parseClinicDate('13/13/2026', 'MM/DD/YYYY')).toBeNull();
    expect(parseClinicDate('2/4/80', 'DD/MM/YYYY')).toBeNull();
    expect(parseClinicDate('2 Apr 1980', 'DD/MM/YYYY')).toBeNull();
    expect(parseClinicDate('', 'D MMM YYYY')).toBeNull();
  });
});
