import { Injectable } from '@nestjs/common';
import ical from 'ical-generator';
import { DateTime } from 'luxon';
import { sessionPreparation } from '@cadence/domain';
import type { Actor, RequestMeta } from '../../common/auth/current-user';
import { auditEntry } from '../audit/audit-entry';
import { AuditRepository } from '../audit/audit.repository';
import { infusionSettingsOf, protocolOverridesOf } from '../sessions/infusion-settings';
import { calendarErrors } from './calendar.errors';
import { CalendarRepository } from './calendar.repository';
import { vtimezone } from './vtimezone';

export interface CalendarFile {
  /** `<clinic>-sessions-from-<first session's clinic-local date>.ics`: nothing that names the patient. */
  fileName: string;
  body: string;
}

/**
 * A patient's upcoming appointments as an iCalendar file in the clinic's time zone. It says what
 * and where (protocol, session n of N, clinic, chair and address) and how to prepare (fasting as
 * the protocol asks, an adult escort home, no driving), never why: no diagnosis in the file.
 * Each session keeps its appointment's id as UID, and a move raises its SEQUENCE, so a calendar
 * that imported an earlier file replaces the session instead of keeping the old time.
 */
@Injectable()
export class CalendarService {
  constructor(
    private readonly calendar: CalendarRepository,
    private readonly audit: AuditRepository,
  ) {}

  async patientFeed(actor: Actor, meta: RequestMeta, patientId: string): Promise<CalendarFile> {
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
      // No calendar-wide zone: with one, ical-generator writes DTSTAMP and LAST-MODIFIED as floating
      // server-local times; without, they are UTC as RFC 5545 requires, and each event's TZID still
      // brings its VTIMEZONE.
      timezone: { name: null, generator: vtimezone },
    });
    for (const r of rows) {
      const place = r.chair ? `${clinic.name}, ${r.chair.name}` : clinic.name;
      const steps = sessionPreparation(
        infusionSettingsOf(clinic.infusionSettings, protocolOverridesOf(r.course.protocol.definition)),
      );
      const list = (when: 'BEFORE' | 'AFTER') => steps.filter((s) => s.when === when).map((s) => `- ${s.message}`);
      cal.createEvent({
        id: r.id,
        // Every change to an appointment bumps its version, and the only changes that leave it
        // booked (so in this file) are moves: version − 1 counts them, never decreasing. A bump for
        // anything else would make a calendar re-read an unchanged session, never miss a change.
        sequence: r.version - 1,
        // Without METHOD, DTSTAMP is the event's last revision (RFC 5545 §3.8.7.2), as LAST-MODIFIED.
        stamp: r.updatedAt,
        lastModified: r.updatedAt,
        start: DateTime.fromJSDate(r.startsAt, { zone }),
        end: DateTime.fromJSDate(r.endsAt, { zone }),
        timezone: zone,
        summary: `${r.course.protocol.name} — session ${r.sessionNumber} of ${r.course.sessionCount}`,
        location: clinic.address ? { title: place, address: clinic.address } : place,
        description: [
          `Session ${r.sessionNumber} of ${r.course.sessionCount}: ${r.course.protocol.name}`,
          place,
          ...(clinic.address ? [clinic.address] : []),
          '',
          'Before you come',
          ...list('BEFORE'),
          '',
          'After the session',
          ...list('AFTER'),
        ].join('\n'),
      });
    }
    return { fileName: fileName(clinic.name, rows[0]?.startsAt, zone), body: cal.toString() };
  }
}

/** "Harbour Street Clinic", 7 Dec 2026 → harbour-street-clinic-sessions-from-2026-12-07.ics (ASCII only). */
function fileName(clinicName: string, firstStart: Date | undefined, zone: string): string {
  const clinic =
    clinicName
      .normalize('NFKD')
      .replace(/[\u0300-\u036f]/g, '')
      .toLowerCase()
      .replace(/[^a-z0-9]+/g, '-')
      .replace(/^-+|-+$/g, '')
      .slice(0, 60)
      .replace(/-+$/, '') || 'clinic';
  const from = firstStart ? `-from-${DateTime.fromJSDate(firstStart, { zone }).toISODate()}` : '';
  return `${clinic}-sessions${from}.ics`;
}
