import {
  isOpeningHoursField,
  openingHoursErrorPath,
  openingHoursFormErrors,
  toOpeningHoursRequest,
  toOpeningHoursValues,
} from './openingHours';

let n = 0;
const key = () => `k${(n += 1)}`;

describe('opening-hours editor values', () => {
  const split = [
    { weekday: 2, opensAt: '13:00', closesAt: '17:00' },
    { weekday: 1, opensAt: '08:00', closesAt: '18:00' },
    { weekday: 2, opensAt: '08:00', closesAt: '12:00' },
  ];

  it('keeps every window of a weekday, in opening order, and every other day closed', () => {
    const values = toOpeningHoursValues(split, key);
    expect(values.days.map((d) => d.windows.length)).toEqual([1, 2, 0, 0, 0, 0, 0]);
    expect(values.days[1]?.windows.map((w) => `${w.opensAt}-${w.closesAt}`)).toEqual(['08:00-12:00', '13:00-17:00']);
  });

  it('sends back exactly the windows it was given', () => {
    const { windows } = toOpeningHoursRequest(toOpeningHoursValues(split, key));
    const text = (ws: typeof split) => ws.map((w) => `${w.weekday} ${w.opensAt}-${w.closesAt}`).sort();
    expect(text(windows)).toEqual(text(split));
  });

  it("puts the API's windows[i] errors beside the window they are about", () => {
    const { paths } = toOpeningHoursRequest(toOpeningHoursValues(split, key));
    expect(openingHoursErrorPath('windows[2].closesAt', paths)).toBe('days.1.windows.1.closesAt');
    expect(openingHoursErrorPath('windows[0].opensAt', paths)).toBe('days.0.windows.0.opensAt');
    // An overlap names the whole window: shown under its closing time.
    expect(openingHoursErrorPath('windows[1]', paths)).toBe('days.1.windows.0.closesAt');
    expect(isOpeningHoursField(openingHoursErrorPath('windows[1]', paths))).toBe(true);
  });

  it('leaves a field it cannot place for the alert above the form', () => {
    const { paths } = toOpeningHoursRequest(toOpeningHoursValues(split, key));
    expect(openingHoursErrorPath('windows[9].opensAt', paths)).toBe('windows[9].opensAt');
    expect(isOpeningHoursField('windows')).toBe(false);
  });

  it("checks the domain's rules before sending, beside the window that breaks them", () => {
    const values = toOpeningHoursValues(
      [
        { weekday: 3, opensAt: '08:00', closesAt: '12:30' },
        { weekday: 3, opensAt: '12:00', closesAt: '17:00' },
        { weekday: 4, opensAt: '14:00', closesAt: '09:00' },
      ],
      key,
    );
    expect(openingHoursFormErrors(values)).toEqual({
      'days.2.windows.1.closesAt': 'Opening windows on Wednesday must not overlap',
      'days.3.windows.0.closesAt': 'Closing time must be after opening time on Thursday',
    });
  });

  it('accepts windows that touch, and asks for a missing time before anything else', () => {
    const touching = toOpeningHoursValues(
      [
        { weekday: 1, opensAt: '08:00', closesAt: '12:00' },
        { weekday: 1, opensAt: '12:00', closesAt: '17:00' },
      ],
      key,
    );
    expect(openingHoursFormErrors(touching)).toEqual({});
    touching.days[0]?.windows.push({ key: key(), opensAt: '', closesAt: '18:00' });
    expect(openingHoursFormErrors(touching)).toEqual({ 'days.0.windows.2.opensAt': 'Enter the opening time' });
  });
});
