// The clinic settings an admin edits: the date format every screen writes dates in, and opening
// hours refused with the weekday named, so the admin knows where to look.
import { startTestApp, TestContext } from '../support/context';

describe('clinic settings', () => {
  let ctx: TestContext;

  beforeAll(async () => {
    ctx = await startTestApp();
  });
  afterAll(() => ctx.close());

  async function newAdmin() {
    const clinicId = await ctx.newClinic();
    return { clinicId, admin: await ctx.newUser(['ADMIN'], clinicId) };
  }

  it('answers the date format, "D MMM YYYY" until the clinic chooses another, which every role then reads', async () => {
    const { clinicId, admin } = await newAdmin();
    const nurse = await ctx.newUser(['NURSE'], clinicId);
    const opened = await ctx.http().get('/api/clinic').set('Cookie', admin.cookie).expect(200);
    expect(opened.body.dateFormat).toBe('D MMM YYYY');

    const res = await ctx
      .http()
      .patch('/api/clinic')
      .set('Cookie', admin.cookie)
      .send({ version: opened.body.version, dateFormat: 'DD/MM/YYYY' })
      .expect(200);
    expect(res.body.dateFormat).toBe('DD/MM/YYYY');
    const read = await ctx.http().get('/api/clinic').set('Cookie', nurse.cookie).expect(200);
    expect(read.body.dateFormat).toBe('DD/MM/YYYY');
    const audit = await ctx.prisma.auditEvent.findFirstOrThrow({
      where: { actorId: admin.id, entity: 'Clinic', action: 'UPDATE' },
    });
    expect(audit.fields).toEqual(['dateFormat']);
  });

  it('refuses a date format outside the offered ones, naming the field, and stores nothing', async () => {
    const { clinicId, admin } = await newAdmin();
    for (const dateFormat of ['d/m/y', 'DD.MM.YYYY', '', 7]) {
      const res = await ctx.http().patch('/api/clinic').set('Cookie', admin.cookie).send({ dateFormat }).expect(400);
      expect(res.headers['content-type']).toMatch(/application\/problem\+json/);
      expect(res.body.errors).toEqual([expect.objectContaining({ field: 'dateFormat', rule: 'isIn' })]);
    }
    const stored = await ctx.prisma.clinic.findUniqueOrThrow({ where: { id: clinicId } });
    expect(stored.dateFormat).toBe('D MMM YYYY');
  });

  it('refuses inconsistent opening hours naming the weekdays, in the title and beside each window', async () => {
    const { admin } = await newAdmin();
    const res = await ctx
      .http()
      .put('/api/clinic/opening-hours')
      .set('Cookie', admin.cookie)
      .send({
        windows: [
          { weekday: 1, opensAt: '09:00', closesAt: '17:00' },
          { weekday: 2, opensAt: '14:00', closesAt: '09:00' },
          { weekday: 3, opensAt: '09:00', closesAt: '13:00' },
          { weekday: 3, opensAt: '12:00', closesAt: '17:00' },
        ],
      })
      .expect(400);
    expect(res.body.detail).toBe('The opening hours of Tuesday and Wednesday are not consistent.');
    expect(res.body.errors).toEqual([
      expect.objectContaining({
        field: 'windows[1].closesAt',
        rule: 'afterOpening',
        message: 'closesAt must be after opensAt on Tuesday',
      }),
      expect.objectContaining({
        field: 'windows[3]',
        rule: 'noOverlap',
        message: 'opening windows on Wednesday must not overlap',
      }),
    ]);
  });
});
