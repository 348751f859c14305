import { appointmentReminder } from './appointment-reminder';

const base = {
  givenName: 'Ada',
  clinicName: 'Riverside Pain Clinic',
  clinicAddress: null,
  timeZone: 'Europe/London',
  fastingHours: { food: null, clearFluids: null },
};

describe('appointmentReminder', () => {
  it("gives the clinic's local date and time, on either side of a clock change", () => {
    const winter = appointmentReminder({ ...base, startsAt: new Date('2027-03-27T09:30:00Z') });
    expect(winter.subject).toBe(
      'Reminder: your appointment at Riverside Pain Clinic on Saturday 27 March 2027 at 09:30',
    );
    const summer = appointmentReminder({ ...base, startsAt: new Date('2027-03-28T08:30:00Z') });
    expect(summer.subject).toContain('on Sunday 28 March 2027 at 09:30');
    expect(summer.body).toContain('appointment at Riverside Pain Clinic on Sunday 28 March 2027 at 09:30.');
  });

  it('always says not to drive and to come with an adult to take the patient home', () => {
    const { body } = appointmentReminder({ ...base, startsAt: new Date('2027-03-27T09:30:00Z') });
    expect(body).toMatch(/^Dear Ada,/);
    expect(body).toContain('You must not drive after your treatment: please arrange for an adult to take you home.');
  });

  it("prints the clinic's address only when it has one", () => {
    const startsAt = new Date('2027-03-27T09:30:00Z');
    expect(appointmentReminder({ ...base, startsAt }).body).not.toContain('Address:');
    expect(appointmentReminder({ ...base, startsAt, clinicAddress: '1 River Lane, Bristol BS1 4AA' }).body).toContain(
      'Address: 1 River Lane, Bristol BS1 4AA',
    );
  });

  it('says what fasting the settings ask for, or that none is needed', () => {
    const startsAt = new Date('2027-03-27T09:30:00Z');
    const fasting = (food: number | null, clearFluids: number | null) =>
      appointmentReminder({ ...base, startsAt, fastingHours: { food, clearFluids } }).body;
    expect(fasting(null, null)).toContain('You do not need to fast before this appointment.');
    expect(fasting(0, 0)).toContain('You do not need to fast before this appointment.');
    expect(fasting(6, 2)).toContain(
      'do not eat for 6 hours before your appointment; you may drink clear fluids until 2 hours before it.',
    );
    expect(fasting(1, null)).toContain('do not eat for 1 hour before your appointment.');
    expect(fasting(null, 2)).toContain('do not drink, even clear fluids, for 2 hours before your appointment.');
  });
});
