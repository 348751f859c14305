// The iCalendar feed carries a VTIMEZONE that calendar software (here ical.js) reads to place each
// session at its clinic-local time on both sides of a clock change, for clinics in several zones.
import ICAL from 'ical.js';
import { DateTime } from 'luxon';
import { startTestApp, TestContext } from '../support/context';

describe('calendar feed time zones', () => {
  let ctx: TestContext;
  beforeAll(async () => {
    ctx = await startTestApp();
  });
  afterAll(() => ctx.close());

  it.each(['Europe/London', 'America/New_York', 'Australia/Sydney'])(
    'places sessions before and after the next clock change in %s at their local times',
    async (zone) => {
      await ctx.prisma.clinic.update({ where: { id: ctx.clinicId }, data: { timezone: zone } });
      const scheduler = await ctx.newUser(['SCHEDULER']);
      const chair = await ctx.newChair();
      const patient = await ctx.newPatient();
      // The last local midnight before the zone's next offset change (at least two days ahead).
      let day = DateTime.now().setZone(zone).startOf('day').plus({ days: 2 });
      while (day.offset === day.plus({ days: 1 }).offset) day = day.plus({ days: 1 });
      const before = day.minus({ days: 1 });
      const after = day.plus({ days: 2 });
      const local = (d: DateTime, hour: number) => d.set({ hour, minute: 0, second: 0, millisecond: 0 });
      await ctx.newBookedCourse(patient.id, [
        { chairId: chair.id, startsAt: local(before, 9).toISO()!, endsAt: local(before, 13).toISO()! },
        { chairId: chair.id, startsAt: local(after, 9).toISO()!, endsAt: local(after, 13).toISO()! },
      ]);

      const res = await ctx
        .http()
        .get(`/api/patients/${patient.id}/appointments.ics`)
        .set('Cookie', scheduler.cookie)
        .buffer(true)
        .parse((r, cb) => {
          let text = '';
          r.on('data', (chunk: Buffer) => (text += chunk.toString('utf8')));
          r.on('end', () => cb(null, text));
        })
        .expect(200);
      const calendar = new ICAL.Component(ICAL.parse(res.body as string));
      const zones = calendar.getAllSubcomponents('vtimezone');
      expect(zones.map((z) => z.getFirstPropertyValue('tzid'))).toEqual([zone]);
      for (const tz of zones) ICAL.TimezoneService.register(tz);
      const events = calendar
        .getAllSubcomponents('vevent')
        .map((v) => new ICAL.Event(v))
        .sort((a, b) => a.startDate.toJSDate().getTime() - b.startDate.toJSDate().getTime());
      expect(events).toHaveLength(2);
      for (const [event, date] of [
        [events[0]!, before],
        [events[1]!, after],
      ] as const) {
        expect(event.startDate.zone?.tzid).toBe(zone);
        expect([event.startDate.hour, event.endDate.hour]).toEqual([9, 13]);
        expect(event.startDate.toJSDate().toISOString()).toBe(local(date, 9).toUTC().toISO());
        expect(event.endDate.toJSDate().toISOString()).toBe(local(date, 13).toUTC().toISO());
      }
      // Same local hour, different instants: the offsets on the two days differ.
      expect(local(before, 9).offset).not.toBe(local(after, 9).offset);
      ICAL.TimezoneService.reset();
    },
  );
});
