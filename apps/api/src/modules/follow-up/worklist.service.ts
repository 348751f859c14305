import { Inject, Injectable } from '@nestjs/common';
import { clinicDateAt, compareForWorklist, followUpStatus, type WorklistEntry } from '@cadence/domain';
import { DateTime } from 'luxon';
import type { Actor, RequestMeta } from '../../common/auth/current-user';
import { TransactionHost, type Transactions } from '../../common/prisma/transactions';
import { auditEntry } from '../audit/audit-entry';
import { AuditRepository } from '../audit/audit.repository';
import { followUpSettingsOf } from '../boosters/follow-up-settings';
import type { ReachDto, WorklistEntryDto, WorklistPageDto, WorklistQueryDto } from './dto/follow-up.dto';
import { FollowUpRecordsRepository } from './follow-up-records.repository';
import { calendarDate, scheduledOf } from './follow-up-windows';
import { toLastScoresDto, toLinkDto, toStateDto, toWindowDto } from './follow-up.mapper';
import { FollowUpRepository } from './follow-up.repository';
import { PatientLinksRepository } from './patient-links.repository';
import { WorklistRepository } from './worklist.repository';

const addDays = (date: string, days: number) => DateTime.fromISO(date, { zone: 'utc' }).plus({ days }).toISODate()!;

/** The clinic's follow-up worklist for nurses: what to chase now, most urgent first, with how to reach each patient. */
@Injectable()
export class WorklistService {
  constructor(
    private readonly worklist: WorklistRepository,
    private readonly followUps: FollowUpRepository,
    private readonly records: FollowUpRecordsRepository,
    private readonly links: PatientLinksRepository,
    private readonly audit: AuditRepository,
    @Inject(TransactionHost) private readonly transactions: Transactions,
  ) {}

  async page(actor: Actor, meta: RequestMeta, query: WorklistQueryDto): Promise<WorklistPageDto> {
    return this.transactions.withTransaction(async () => {
      const clinic = await this.followUps.clinic(actor.clinicId);
      const now = new Date();
      const today = clinicDateAt(now.getTime(), clinic.timezone);
      const { rows, total } = await this.worklist.page({
        clinicId: actor.clinicId,
        timeZone: clinic.timezone,
        now,
        today,
        missedSince: addDays(today, -followUpSettingsOf(clinic.followUpSettings).followUp.worklistMissedDays),
        skip: (query.page - 1) * query.pageSize,
        take: query.pageSize,
      });
      const ids = rows.map((r) => r.id);
      const patientIds = [...new Set(rows.map((r) => r.patientId))];
      const [taken, patients, courses, latest, links] = [
        await this.records.recordedAt(ids),
        new Map((await this.worklist.patients(actor.clinicId, patientIds)).map((p) => [p.id, p])),
        new Map(
          (await this.worklist.courses(actor.clinicId, [...new Set(rows.map((r) => r.courseId))])).map((c) => [
            c.id,
            c,
          ]),
        ),
        await this.records.latestOfPatients(patientIds),
        await this.links.ofFollowUps(ids),
      ];
      const recordsOf = await this.records.ofFollowUps(ids.filter((id) => taken.has(id)));

      // The status and reasons are the domain's at `now`; the page keeps the domain's order.
      const entries: (WorklistEntry & { row: (typeof rows)[number] })[] = rows.map((row) => {
        const followUp = scheduledOf(row, clinic.timezone);
        return { id: row.id, followUp, state: followUpStatus(followUp, taken.get(row.id) ?? [], now.getTime()), row };
      });
      entries.sort(compareForWorklist);

      const items: WorklistEntryDto[] = entries.map(({ row, followUp, state }) => {
        const patient = patients.get(row.patientId)!;
        const course = courses.get(row.courseId)!;
        const lastLink = links.filter((l) => l.followUpId === row.id).at(-1);
        const last = latest.get(row.patientId);
        return {
          followUpId: row.id,
          version: row.version,
          state: toStateDto(
            state,
            recordsOf.filter((r) => r.followUpId === row.id),
          ),
          window: toWindowDto(followUp),
          patient: {
            id: patient.id,
            givenName: patient.givenName,
            familyName: patient.familyName,
            mrn: patient.mrn,
            dateOfBirth: calendarDate(patient.dateOfBirth),
          },
          course: {
            id: course.id,
            protocolKey: course.protocol.key,
            protocolName: course.protocol.name,
            kind: course.boosterOfCourseId ? 'BOOSTER' : 'INITIAL',
            lastSessionOn: addDays(followUp.dueOn, -followUp.offsetDays),
          },
          lastScores: last ? toLastScoresDto(last) : null,
          reach: reachOf(patient, lastLink ? toLinkDto(lastLink) : null),
        };
      });
      await this.audit.recordMany(
        rows.map((row) =>
          auditEntry(actor, meta, {
            action: 'SEARCH',
            entity: 'FollowUp',
            entityId: row.id,
            patientId: row.patientId,
            fields: ['worklist'],
          }),
        ),
      );
      return { items, total, page: query.page, pageSize: query.pageSize, asOf: now.toISOString() };
    });
  }
}

function reachOf(
  patient: { phone: string | null; email: string | null; escortName: string | null; escortPhone: string | null },
  lastLink: ReachDto['lastLink'],
): ReachDto {
  return {
    phone: patient.phone,
    email: patient.email,
    escortName: patient.escortName,
    escortPhone: patient.escortPhone,
    suggested: patient.phone ? 'PHONE' : patient.email ? 'PATIENT_LINK' : patient.escortPhone ? 'ESCORT_PHONE' : 'NONE',
    lastLink,
  };
}
