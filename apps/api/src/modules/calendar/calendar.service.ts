import { Injectable } from '@nestjs/common';
import ical from 'ical-generator';
import { DateTime } from 'luxon';
import type { Actor, RequestMeta } from '../../common/auth/current-user';
import { auditEntry } from '../audit/audit-entry';
import { AuditRepository } from '../audit/audit.repository';
import { calendarErrors } from './calendar.errors';
import { CalendarRepository } from './calendar.repository';
import { vtimezone } from './vtimezone';

/**
 * A patient's upcoming appointments as an iCalendar file in the clinic's time zone. It says what
 * and where (protocol, session n of N, clinic and chair), never why: no diagnosis in the feed.
 */
@Injectable()
export class CalendarService {
  constructor(
    private readonly calendar: CalendarRepository,
    private readonly audit: AuditRepository,
  ) {}

  async patientFeed(actor: Actor, meta: RequestMeta, patientId: string): Promise<string> {
    const [clinic, exists] = await Promise.all([
      this.calendar.clinic(actor.clinicId),
      this.calendar.patientExists(actor.clinicId, patientId),
    ]);
    if (!clinic || !exists) throw calendarErrors.patientNotFound();
    const now = new Date();
    // A read needs no transaction: the feed is built only once its EXPORT row is written.
    const rows = await this.calendar.upcoming(actor.clinicId, patientId, now);
    await this.audit.record(
      auditEntry(actor, meta, { action: 'EXPORT', entity: 'Appointment', patientId, fields: ['calendar'] }),
    );
    const zone = clinic.timezone;
    const cal = ical({
      name: `${clinic.name} appointments`,
      prodId: { company: 'Cadence', product: 'appointments', language: 'EN' },
      timezone: { name: zone, generator: vtimezone },
    });
    for (const r of rows) {
      cal.createEvent({
        id: r.id,
        start: DateTime.fromJSDate(r.startsAt, { zone }),
        end: DateTime.fromJSDate(r.endsAt, { zone }),
        timezone: zone,
        summary: `${r.course.protocol.name} — session ${r.sessionNumber} of ${r.course.sessionCount}`,
        location: r.chair ? `${clinic.name}, ${r.chair.name}` : clinic.name,
      });
    }
    return cal.toString();
  }
}
