import { DateTime } from 'luxon';
import { dueDays } from './due-days';

const at = (local: string, zone = 'Europe/London') => DateTime.fromISO(local, { zone }).toMillis();

describe('dueDays', () => {
  it('starts a clinic never run with the latest due day: today from the daily time, else yesterday', () => {
    expect(dueDays('Europe/London', null, at('2027-01-10T05:59'), '06:00')).toEqual(['2027-01-09']);
    expect(dueDays('Europe/London', null, at('2027-01-10T06:00'), '06:00')).toEqual(['2027-01-10']);
  });

  it('runs nothing once the latest due day is done', () => {
    expect(dueDays('Europe/London', '2027-01-10', at('2027-01-10T23:59'), '06:00')).toEqual([]);
    expect(dueDays('Europe/London', '2027-01-09', at('2027-01-10T05:00'), '06:00')).toEqual([]);
  });

  it('catches up every missed day, oldest first, at most the limit', () => {
    expect(dueDays('Europe/London', '2027-01-07', at('2027-01-10T07:00'), '06:00')).toEqual([
      '2027-01-08',
      '2027-01-09',
      '2027-01-10',
    ]);
    expect(dueDays('Europe/London', '2026-12-01', at('2027-01-10T07:00'), '06:00', 3)).toEqual([
      '2027-01-08',
      '2027-01-09',
      '2027-01-10',
    ]);
  });

  it("judges the daily time on the clinic's clocks, across a clock change", () => {
    // 28 March 2027: London goes from 01:00 GMT to 02:00 BST. 05:30Z is 06:30 BST.
    expect(dueDays('Europe/London', '2027-03-27', Date.parse('2027-03-28T05:30:00Z'), '06:00')).toEqual(['2027-03-28']);
    expect(dueDays('Europe/London', '2027-03-27', Date.parse('2027-03-28T04:30:00Z'), '06:00')).toEqual([]);
    // 22:30Z on 9 January is already 10 January 09:30 in Sydney.
    expect(dueDays('Australia/Sydney', '2027-01-09', Date.parse('2027-01-09T22:30:00Z'), '06:00')).toEqual([
      '2027-01-10',
    ]);
  });
});
