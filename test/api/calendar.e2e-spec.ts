// The iCalendar feed carries a VTIMEZONE that calendar software (here ical.js) reads to place each
// session at its clinic-local time on both sides of a clock change, for clinics in several zones;
// and a moved session reads, in ical.js and in node-ical, as the same event at its new time with a
// higher SEQUENCE, so a calendar that imported the earlier file replaces it.
import ICAL from 'ical.js';
import { DateTime } from 'luxon';
import nodeIcal, { type VEvent } from 'node-ical';
import { startTestApp, TestContext, TestUser } from '../support/context';

/** GET the patient's calendar file: its body as text, and its headers. */
async function calendarFile(ctx: TestContext, patientId: string, user: TestUser) {
  const res = await ctx
    .http()
    .get(`/api/patients/${patientId}/appointments.ics`)
    .set('Cookie', user.cookie)
    .buffer(true)
    .parse((r, cb) => {
      let text = '';
      r.on('data', (chunk: Buffer) => (text += chunk.toString('utf8')));
      r.on('end', () => cb(null, text));
    })
    .expect(200);
  return { text: res.body as string, headers: res.headers };
}

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

      const { text } = await calendarFile(ctx, patient.id, scheduler);
      const calendar = new ICAL.Component(ICAL.parse(text));
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

describe('calendar files that update', () => {
  let ctx: TestContext;
  const ZONE = 'Europe/London';
  const ADDRESS = '12 Harbour Street, Leith, Edinburgh EH6 6AA';
  beforeAll(async () => {
    ctx = await startTestApp();
    await ctx.prisma.clinic.update({
      where: { id: ctx.clinicId },
      data: { timezone: ZONE, infusionSettings: { fastingHours: { food: 6, clearFluids: 2 } } },
    });
    await ctx.openClinic();
  });
  afterAll(() => ctx.close());

  const at = (date: string, hhmm: string, plusMinutes = 0) =>
    DateTime.fromISO(`${date}T${hhmm}`, { zone: ZONE }).plus({ minutes: plusMinutes }).toUTC().toISO()!;

  it('moves a session in ical.js and node-ical alike (same UID, SEQUENCE 0 → 1, the new time), with the address and how to prepare', async () => {
    const { SCHEDULER: scheduler, ADMIN: admin } = await ctx.users();
    const clinic = await ctx.http().get('/api/clinic').set('Cookie', admin.cookie).expect(200);
    await ctx
      .http()
      .patch('/api/clinic')
      .set('Cookie', admin.cookie)
      // Lines sent are joined with commas: reminders and calendar files print the address on one line.
      .send({
        version: clinic.body.version,
        name: 'Harbour Street Clinic',
        address: ' 12 Harbour Street,\nLeith, Edinburgh EH6 6AA\n\n',
      })
      .expect(200)
      .expect((res) => expect(res.body.address).toBe(ADDRESS));
    const patient = await ctx.newEligiblePatient({ familyName: 'Quartermaine', mrn: 'CAL-0001' });
    const [chair, spare] = [await ctx.newChair(), await ctx.newChair()];
    const first = DateTime.now().setZone(ZONE).startOf('day').plus({ days: 4 }).toISODate()!;
    const days = [0, 1, 2, 3, 4].map((d) => DateTime.fromISO(first).plus({ days: d }).toISODate()!);
    const course = await ctx
      .http()
      .post('/api/courses')
      .set('Cookie', scheduler.cookie)
      .send({
        patientId: patient.id,
        protocolId: await ctx.protocolId('IV_FIVE_DAY_LOW_DOSE'),
        sessions: days.map((day) => ({ chairId: chair.id, startsAt: at(day, '09:00'), endsAt: at(day, '09:00', 240) })),
      })
      .expect(201);
    const third = course.body.appointments[2];

    const before = await calendarFile(ctx, patient.id, scheduler);
    const target = { chairId: spare.id, startsAt: at(days[2], '13:30'), endsAt: at(days[2], '17:30') };
    await ctx
      .http()
      .post(`/api/appointments/${third.id}/reschedule`)
      .set('Cookie', scheduler.cookie)
      .send({ version: 1, ...target })
      .expect(200);
    const after = await calendarFile(ctx, patient.id, scheduler);

    // A name that says whose clinic and from when, and nothing of who the patient is.
    for (const file of [before, after]) {
      expect(file.headers['content-disposition']).toBe(
        `attachment; filename="harbour-street-clinic-sessions-from-${first}.ics"`,
      );
      expect(file.headers['content-disposition']).not.toMatch(/quartermaine|CAL-0001/i);
    }

    // Revision times in UTC, as RFC 5545 requires of DTSTAMP, whatever the server's own zone.
    for (const line of after.text.split('\r\n').filter((l) => /^(DTSTAMP|LAST-MODIFIED)[:;]/.test(l)))
      expect(line).toMatch(/^(DTSTAMP|LAST-MODIFIED):\d{8}T\d{6}Z$/);

    // ical.js
    const icalEvents = (text: string) => {
      const calendar = new ICAL.Component(ICAL.parse(text));
      for (const tz of calendar.getAllSubcomponents('vtimezone')) ICAL.TimezoneService.register(tz);
      return new Map(
        calendar.getAllSubcomponents('vevent').map((v) => {
          const event = new ICAL.Event(v);
          return [event.uid, { event, lastModified: v.getFirstPropertyValue('last-modified') as ICAL.Time }];
        }),
      );
    };
    const icalBefore = icalEvents(before.text);
    const icalAfter = icalEvents(after.text);
    expect([...icalAfter.keys()].sort()).toEqual([...icalBefore.keys()].sort());
    expect(icalBefore.size).toBe(5);
    for (const [uid, { event }] of icalAfter) {
      const earlier = icalBefore.get(uid)!.event;
      expect(earlier.sequence).toBe(0);
      if (uid !== third.id) {
        expect(event.sequence).toBe(0);
        expect(event.startDate.toJSDate().toISOString()).toBe(earlier.startDate.toJSDate().toISOString());
        continue;
      }
      expect(event.sequence).toBe(1);
      expect(event.startDate.toJSDate().toISOString()).toBe(new Date(target.startsAt).toISOString());
      expect(event.endDate.toJSDate().toISOString()).toBe(new Date(target.endsAt).toISOString());
      expect([event.startDate.zone?.tzid, event.startDate.hour, event.startDate.minute]).toEqual([ZONE, 13, 30]);
      expect(event.location).toBe(`Harbour Street Clinic, ${spare.name}\n${ADDRESS}`);
      expect(icalAfter.get(uid)!.lastModified.compare(icalBefore.get(uid)!.lastModified)).not.toBe(-1);
    }
    ICAL.TimezoneService.reset();

    // node-ical
    const nodeEvents = (text: string) =>
      new Map(
        Object.values(nodeIcal.sync.parseICS(text))
          .filter((c): c is VEvent => c?.type === 'VEVENT')
          .map((e) => [e.uid, e]),
      );
    const nodeBefore = nodeEvents(before.text);
    const nodeAfter = nodeEvents(after.text);
    expect([...nodeAfter.keys()].sort()).toEqual([...icalAfter.keys()].sort());
    for (const [uid, event] of nodeAfter) {
      const earlier = nodeBefore.get(uid)!;
      expect(Number(earlier.sequence)).toBe(0);
      expect(Number(event.sequence)).toBe(uid === third.id ? 1 : 0);
      expect(event.start.toISOString()).toBe(
        uid === third.id ? new Date(target.startsAt).toISOString() : earlier.start.toISOString(),
      );
      expect(event.start.tz).toBe(ZONE);
      if (uid === third.id) expect(event.dtstamp.getTime()).toBeGreaterThanOrEqual(earlier.dtstamp.getTime());
      const description = String(event.description);
      expect(description).toContain(`Harbour Street Clinic, ${uid === third.id ? spare.name : chair.name}\n${ADDRESS}`);
      expect(description).toContain('Do not eat for 6 hours before the session starts.');
      expect(description).toContain('Do not drink anything, not even water, for 2 hours before the session starts.');
      expect(description).toContain('An adult must collect you and take you home');
      expect(description).toContain('Do not drive until the next day.');
      expect(String(event.location)).toContain(ADDRESS);
    }
  });
});
