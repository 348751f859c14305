// Mail delivery and the outbox against a local SMTP server (smtp-server), whose arrivals are parsed
// (mailparser) and read: reminders arrive with the clinic's local time across clock changes, each
// message once when two instances deliver at the same moment, a refusing server is retried with
// backoff and then FAILED, and without a server or an address messages wait in the outbox.
import type { NestFastifyApplication } from '@nestjs/platform-fastify';
import { simpleParser, type ParsedMail } from 'mailparser';
import { DateTime } from 'luxon';
import type { AddressInfo } from 'node:net';
import { Writable } from 'node:stream';
import { SMTPServer } from 'smtp-server';
import { createApp } from '../../apps/api/src/app.factory';
import { DailyJob } from '../../apps/api/src/modules/jobs/daily-job.service';
import { MailDelivery } from '../../apps/api/src/modules/messages/mail-delivery.service';
import { startTestApp, TestContext } from '../support/context';
import { bookedAppointment, clinicIn, patientOf } from '../support/job-fixtures';

/** A mail server on a free loopback port that keeps what it accepts and, when told, refuses every recipient. */
class LocalSmtp {
  readonly received: ParsedMail[] = [];
  refuse = false;
  private readonly server = new SMTPServer({
    authOptional: true,
    disabledCommands: ['STARTTLS', 'AUTH'],
    logger: false,
    onRcptTo: (_address, _session, callback) => {
      if (!this.refuse) return callback();
      const error = new Error('Mailbox unavailable') as Error & { responseCode: number };
      error.responseCode = 550;
      callback(error);
    },
    onData: (stream, _session, callback) => {
      simpleParser(stream)
        .then((mail) => {
          this.received.push(mail);
          callback();
        })
        .catch(callback);
    },
  });

  async start(): Promise<number> {
    await new Promise<void>((resolve) => this.server.listen(0, '127.0.0.1', resolve));
    return (this.server.server.address() as AddressInfo).port;
  }

  stop(): Promise<void> {
    return new Promise((resolve) => this.server.close(() => resolve()));
  }

  to(address: string): ParsedMail[] {
    return this.received.filter((m) => (Array.isArray(m.to) ? m.to : [m.to]).some((t) => t?.text === address));
  }
}

const local = (iso: string, zone: string) => DateTime.fromISO(iso, { zone }).toJSDate();

let n = 0;
async function queued(ctx: TestContext, patientId: string, toAddress: string | null) {
  return ctx.prisma.message.create({
    data: {
      clinicId: ctx.clinicId,
      patientId,
      kind: 'FOLLOW_UP_LINK',
      dedupeKey: `mail-test:${process.pid}:${++n}`,
      toAddress,
      subject: `Your follow-up ${n}`,
      body: 'Please answer a few questions about your pain.',
      nextAttemptAt: new Date('2027-01-01T00:00:00Z'),
    },
  });
}

describe('with a mail server', () => {
  const smtp = new LocalSmtp();
  const logs: string[] = [];
  const capture = new Writable({
    write(chunk: Buffer, _encoding, done) {
      logs.push(chunk.toString());
      done();
    },
  });
  let ctx: TestContext;
  let delivery: MailDelivery;

  beforeAll(async () => {
    const port = await smtp.start();
    ctx = await startTestApp(
      {
        SMTP_URL: `smtp://127.0.0.1:${port}`,
        MAIL_FROM: 'Cadence Clinic <clinic@cadence-clinic.test>',
        MAIL_MAX_ATTEMPTS: '3',
        MAIL_RETRY_SECONDS: '60',
        LOG_LEVEL: 'info',
      },
      { logStream: capture },
    );
    delivery = ctx.app.get(MailDelivery);
  });
  afterAll(async () => {
    await ctx.close();
    await smtp.stop();
  });

  it("delivers appointment reminders with the clinic's local time, on both sides of a clock change", async () => {
    // New York's clocks go forward on 14 March 2027, London's back on 31 October.
    const cases = [
      {
        zone: 'America/New_York',
        runOn: '2027-03-13',
        startsAt: '2027-03-14T09:30',
        spelled: 'Sunday 14 March 2027 at 09:30',
      },
      {
        zone: 'America/New_York',
        runOn: '2027-03-14',
        startsAt: '2027-03-15T09:30',
        spelled: 'Monday 15 March 2027 at 09:30',
      },
      {
        zone: 'Europe/London',
        runOn: '2027-10-30',
        startsAt: '2027-10-31T09:30',
        spelled: 'Sunday 31 October 2027 at 09:30',
      },
      {
        zone: 'Europe/London',
        runOn: '2027-10-29',
        startsAt: '2027-10-30T09:30',
        spelled: 'Saturday 30 October 2027 at 09:30',
      },
    ];
    for (const [i, c] of cases.entries()) {
      const clinicId = await clinicIn(ctx, c.zone, { address: '1 River Lane' });
      await ctx.prisma.clinic.update({ where: { id: clinicId }, data: { name: `Riverside ${i}` } });
      const email = `reminded${i}@example.test`;
      const patientId = await patientOf(ctx, clinicId, email);
      const { appointmentId } = await bookedAppointment(ctx, {
        clinicId,
        patientId,
        startsAt: local(c.startsAt, c.zone).toISOString(),
      });
      const now = local(`${c.runOn}T06:00`, c.zone);
      await ctx.app.get(DailyJob).runDue(now);
      await delivery.deliverDue(now);
      const [mail] = smtp.to(email);
      expect({ subject: mail?.subject, from: mail?.from?.value }).toEqual({
        subject: `Reminder: your appointment at Riverside ${i} on ${c.spelled}`,
        from: [{ name: 'Cadence Clinic', address: 'clinic@cadence-clinic.test' }],
      });
      expect(mail.text).toContain(`on ${c.spelled}.`);
      expect(mail.text).toContain('Address: 1 River Lane');
      expect(mail.text).toContain(
        'You must not drive after your treatment: please arrange for an adult to take you home.',
      );
      const message = await ctx.prisma.message.findFirstOrThrow({ where: { appointmentId } });
      expect(message).toMatchObject({ status: 'SENT', attempts: 1, sentAt: now, lastError: null });
      expect(mail.messageId).toBe(`<${message.id}@cadence-clinic.test>`);
    }
  });

  it('sends each message once when two instances deliver at the same moment', async () => {
    // Nest's logger is one per process: the second instance logs where the first does.
    const second: NestFastifyApplication = await createApp(ctx.config, { logStream: capture });
    await second.init();
    second.flushLogs();
    try {
      const ids: string[] = [];
      for (let i = 0; i < 30; i++) {
        const email = `once${i}@example.test`;
        ids.push((await queued(ctx, await patientOf(ctx, ctx.clinicId, email), email)).id);
      }
      const before = smtp.received.length;
      const now = new Date('2027-01-02T08:00:00Z');
      const [a, b] = await Promise.all([delivery.deliverDue(now), second.get(MailDelivery).deliverDue(now)]);
      expect(a.sent + b.sent).toBe(30);
      const arrived = smtp.received.slice(before).map((m) => m.messageId);
      expect(arrived).toHaveLength(30);
      expect(new Set(arrived).size).toBe(30);
      const rows = await ctx.prisma.message.findMany({ where: { id: { in: ids } } });
      expect(rows.every((m) => m.status === 'SENT' && m.attempts === 1)).toBe(true);
    } finally {
      await second.close();
    }
  });

  it('retries a refused message with backoff, then fails it; staff see why and queue it again', async () => {
    const email = 'refused@example.test';
    const patientId = await patientOf(ctx, ctx.clinicId, email);
    const message = await queued(ctx, patientId, email);
    const t0 = new Date('2027-01-03T08:00:00Z');
    const at = (seconds: number) => new Date(t0.getTime() + seconds * 1000);
    const state = () => ctx.prisma.message.findUniqueOrThrow({ where: { id: message.id } });
    smtp.refuse = true;
    try {
      await delivery.deliverDue(t0);
      expect(await state()).toMatchObject({ status: 'QUEUED', attempts: 1, nextAttemptAt: at(60) });
      expect((await state()).lastError).toMatch(/550/);
      await delivery.deliverDue(at(59));
      expect(await state()).toMatchObject({ status: 'QUEUED', attempts: 1 });
      await delivery.deliverDue(at(60));
      expect(await state()).toMatchObject({ status: 'QUEUED', attempts: 2, nextAttemptAt: at(180) });
      await delivery.deliverDue(at(180));
      expect(await state()).toMatchObject({ status: 'FAILED', attempts: 3 });
      await delivery.deliverDue(at(3600));
      expect(await state()).toMatchObject({ status: 'FAILED', attempts: 3 });
    } finally {
      smtp.refuse = false;
    }
    expect(smtp.to(email)).toHaveLength(0);

    const { NURSE: nurse, SCHEDULER: scheduler } = await ctx.users();
    const outbox = await ctx.http().get('/api/messages').set('Cookie', nurse.cookie).expect(200);
    const listed = outbox.body.items.find((m: { id: string }) => m.id === message.id);
    expect(listed).toMatchObject({
      status: 'FAILED',
      attempts: 3,
      lastError: expect.stringMatching(/550/),
      patient: { id: patientId, email },
    });
    expect(outbox.body.mailConfigured).toBe(true);
    const retried = await ctx
      .http()
      .post(`/api/messages/${message.id}/retry`)
      .set('Cookie', scheduler.cookie)
      .expect(200);
    expect(retried.body).toMatchObject({ status: 'QUEUED', attempts: 0, lastError: null, toAddress: email });
    await delivery.deliverDue();
    expect(await state()).toMatchObject({ status: 'SENT', attempts: 1 });
    expect(smtp.to(email)).toHaveLength(1);
    const late = await ctx.http().post(`/api/messages/${message.id}/sent-by-hand`).set('Cookie', nurse.cookie);
    expect(late.status).toBe(409);
    expect(late.headers['content-type']).toContain('application/problem+json');

    // The log names messages by id and status only: no address, subject or server reply.
    const lines = logs.map((line) => JSON.parse(line) as { messageId?: string; status?: string });
    expect(lines.filter((line) => line.messageId === message.id).map((line) => line.status)).toEqual([
      'RETRY',
      'RETRY',
      'FAILED',
      'SENT',
    ]);
    expect(logs.filter((line) => /refused@|Your follow-up|Mailbox unavailable/.test(line))).toEqual([]);
  });

  it('lists a message without an address for staff, and queues it once the patient has one', async () => {
    const patientId = await patientOf(ctx, ctx.clinicId);
    const message = await queued(ctx, patientId, null);
    await delivery.deliverDue(new Date('2027-01-04T08:00:00Z'));
    expect(await ctx.prisma.message.findUniqueOrThrow({ where: { id: message.id } })).toMatchObject({
      status: 'MANUAL',
      attempts: 0,
    });
    const { NURSE: nurse } = await ctx.users();
    const noAddress = await ctx.http().post(`/api/messages/${message.id}/retry`).set('Cookie', nurse.cookie);
    expect(noAddress.status).toBe(409);
    expect(noAddress.body.detail).toMatch(/no email address/);
    await ctx.prisma.patient.update({ where: { id: patientId }, data: { email: 'added@example.test' } });
    await ctx.http().post(`/api/messages/${message.id}/retry`).set('Cookie', nurse.cookie).expect(200);
    await delivery.deliverDue();
    expect(smtp.to('added@example.test')).toHaveLength(1);
  });
});

describe('without a mail server', () => {
  let ctx: TestContext;
  beforeAll(async () => {
    ctx = await startTestApp();
  });
  afterAll(() => ctx.close());

  it('lists queued messages as MANUAL in the outbox, audited, for staff to send by hand once', async () => {
    const patient = await ctx.newPatient({ givenName: 'Outbox', familyName: 'Listed' });
    await ctx.prisma.patient.update({
      where: { id: patient.id },
      data: { email: 'listed@example.test', phone: '01632 960 123' },
    });
    const message = await queued(ctx, patient.id, 'listed@example.test');
    const summary = await ctx.app.get(MailDelivery).deliverDue(new Date('2027-01-05T08:00:00Z'));
    expect(summary).toMatchObject({ manual: 1, sent: 0 });

    const { NURSE: nurse, CLINICIAN: clinician } = await ctx.users();
    const outbox = await ctx.http().get('/api/messages').set('Cookie', clinician.cookie).expect(200);
    expect(outbox.body).toMatchObject({ total: 1, mailConfigured: false });
    expect(outbox.body.items[0]).toMatchObject({
      id: message.id,
      status: 'MANUAL',
      kind: 'FOLLOW_UP_LINK',
      toAddress: 'listed@example.test',
      subject: message.subject,
      body: message.body,
      patient: { id: patient.id, givenName: 'Outbox', familyName: 'Listed', phone: '01632 960 123' },
    });
    expect(
      await ctx.prisma.auditEvent.findMany({ where: { entity: 'Message', entityId: message.id, action: 'READ' } }),
    ).toEqual([expect.objectContaining({ actorId: clinician.id, patientId: patient.id })]);

    const noServer = await ctx.http().post(`/api/messages/${message.id}/retry`).set('Cookie', nurse.cookie);
    expect(noServer.status).toBe(409);
    expect(noServer.body.detail).toMatch(/No mail server is configured/);

    const sent = await ctx
      .http()
      .post(`/api/messages/${message.id}/sent-by-hand`)
      .set('Cookie', nurse.cookie)
      .expect(200);
    expect(sent.body).toMatchObject({ status: 'SENT_BY_HAND', sentById: nurse.id });
    const twice = await ctx.http().post(`/api/messages/${message.id}/sent-by-hand`).set('Cookie', nurse.cookie);
    expect(twice.status).toBe(409);
    expect(twice.body.detail).toMatch(/this one is sent by hand/);
    const listedNow = await ctx.http().get('/api/messages?status=SENT_BY_HAND').set('Cookie', nurse.cookie).expect(200);
    expect(listedNow.body.items.map((m: { id: string }) => m.id)).toEqual([message.id]);
    expect((await ctx.http().get('/api/messages').set('Cookie', nurse.cookie).expect(200)).body.total).toBe(0);
    expect(
      await ctx.prisma.auditEvent.count({ where: { entity: 'Message', entityId: message.id, action: 'UPDATE' } }),
    ).toBe(1);
  });

  it('answers 400 naming the field for an unknown status, and 404 for a message of another clinic', async () => {
    const { NURSE: nurse } = await ctx.users();
    const bad = await ctx.http().get('/api/messages?status=LOST').set('Cookie', nurse.cookie);
    expect(bad.status).toBe(400);
    expect(JSON.stringify(bad.body.errors)).toContain('status');
    const other = await ctx.newClinic();
    const stranger = await ctx.newPatient({}, other);
    const theirs = await ctx.prisma.message.create({
      data: {
        clinicId: other,
        patientId: stranger.id,
        kind: 'FOLLOW_UP_LINK',
        dedupeKey: `other-clinic:${process.pid}`,
        subject: 's',
        body: 'b',
        status: 'MANUAL',
      },
    });
    await ctx.http().post(`/api/messages/${theirs.id}/sent-by-hand`).set('Cookie', nurse.cookie).expect(404);
  });
});
