import { Injectable } from '@nestjs/common';
import {
  boosterChecks,
  boosterDecision,
  clinicDateAt,
  clinicMidnight,
  courseRelief,
  type BladderScreen,
  type BladderSymptom,
  type BoosterAssessment,
  type BoosterCode,
  type BoosterFacts,
  type CourseRelief,
  type OverrideOutcome,
  type WrittenOverride,
} from '@cadence/domain';
import { DateTime } from 'luxon';
import { storedProtocol } from '../booking/planning.service';
import { doseRecordsOf } from '../dosing/dose-records';
import { DosingRepository } from '../dosing/dosing.repository';
import { EligibilityService } from '../screening/eligibility.service';
import { boostersErrors } from './boosters.errors';
import {
  BoostersRepository,
  type ApprovalRow,
  type CompletedCourseRow,
  type FollowUpRecordRow,
  type StoredProtocol,
} from './boosters.repository';
import { boosterSettingsOf, followUpSettingsOf } from './follow-up-settings';

export interface BoosterQuery {
  patientId: string;
  /** The booster's protocol; by default the newest active version of the last course's protocol. */
  protocolId?: string;
  /** The course the booster follows, when the caller names one: it must be the patient's last completed course. */
  courseId?: string;
  /** The request field that named it, for the refusal (default courseId). */
  courseField?: string;
  /** The booster's first clinic day; by default the earliest its policy allows, today at the soonest. */
  on?: string;
  /** A clinician's approval the caller cites; it must be usable, or the answer is a refusal. */
  approvalId?: string;
  /** Apply the newest usable approval when none is cited (views); a booking applies only the one it cites. */
  applyLatestApproval?: boolean;
}

export interface LastCourse {
  id: string;
  protocolId: string;
  boosterOfCourseId: string | null;
  lastSessionOn: string;
  baselinePainNrs: number | null;
}

/** A booster's checks for one patient, protocol and day, and what they were worked out from. */
export interface BoosterView {
  patientId: string;
  lastCourse: LastCourse | null;
  protocol: StoredProtocol;
  today: string;
  on: string;
  assessment: BoosterAssessment;
  decision: OverrideOutcome<BoosterCode>;
  approval: ApprovalRow | null;
  /** The last course's relief, whose follow-ups the response checks use. */
  relief: CourseRelief | null;
}

/**
 * Assembles the domain's BoosterFacts from the database — the last completed course and its
 * follow-ups' 7-day average pain (as the relief function counts them), every bladder answer since
 * it, the other boosters' start dates, eligibility on the booster's day, every dose by every route
 * — and answers the domain's checks and decision. Reads through the caller's transaction when one
 * is open, so a booking decides on what it commits.
 */
@Injectable()
export class BoosterFactsService {
  constructor(
    private readonly boosters: BoostersRepository,
    private readonly dosing: DosingRepository,
    private readonly eligibility: EligibilityService,
  ) {}

  async assess(clinicId: string, query: BoosterQuery, now = new Date()): Promise<BoosterView> {
    const clinic = await this.boosters.clinic(clinicId);
    const patient = clinic && (await this.boosters.patient(clinicId, query.patientId));
    if (!clinic || !patient) throw boostersErrors.patientNotFound();
    const zone = clinic.timezone;
    const settings = followUpSettingsOf(clinic.followUpSettings);
    const nowMs = now.getTime();
    const today = clinicDateAt(nowMs, zone);

    const completed = await this.boosters.completedCourses(clinicId, patient.id);
    const last = completed[0] ?? null;
    if (query.courseId && query.courseId !== last?.id) {
      const named = await this.boosters.course(clinicId, query.courseId);
      if (!named || named.patientId !== patient.id) throw boostersErrors.courseNotFound();
      throw boostersErrors.notLastCourse(query.courseField ?? 'courseId', last?.id ?? null);
    }
    const protocol = await this.protocolFor(clinicId, query.protocolId, last);
    const definition = storedProtocol(protocol.definition);

    const lastCourse = last ? await this.lastCourse(last, zone) : null;
    const records = lastCourse
      ? await this.boosters.recordsSince(clinicId, patient.id, new Date(clinicMidnight(lastCourse.lastSessionOn, zone)))
      : [];
    const relief = lastCourse
      ? await this.relief(clinicId, patient.id, lastCourse, records, zone, settings, nowMs)
      : null;
    const boosterStarts = await this.boosters.boosterStarts(clinicId, patient.id);
    const doses = doseRecordsOf(await this.dosing.history(clinicId, patient.id));

    const facts = (boosterOn: string, eligibility: BoosterFacts['eligibility']): BoosterFacts => ({
      boosterOn,
      today,
      nowMs,
      policy: definition.boosterPolicy,
      caps: definition.caps,
      lastCourse: lastCourse && {
        lastSessionOn: lastCourse.lastSessionOn,
        baselinePainNrs: lastCourse.baselinePainNrs,
        followUps: (relief?.measurements ?? [])
          .filter((m) => m.counted)
          .map((m) => ({ offsetDays: m.day, painNrs: m.sevenDayAverage.painNrs })),
      },
      otherBoosterDates: boosterStarts.map((at) => clinicDateAt(at.getTime(), zone)),
      eligibility,
      bladderScreens: records.map((r) => bladderScreen(r, zone)),
      doses,
    });
    const boosterSettings = boosterSettingsOf(settings, clinic.dosingSettings);
    let on = query.on;
    if (!on) {
      // The policy's earliest date does not depend on eligibility: a first pass finds it.
      const earliest = boosterChecks(facts(today, { on: today, status: 'ELIGIBLE' }), boosterSettings).earliestOn;
      on = earliest && earliest > today ? earliest : today;
    }
    const eligibility = await this.eligibility.evaluate(clinicId, patient.id, on);
    const assessment = boosterChecks(facts(on, { on: eligibility.on, status: eligibility.status }), boosterSettings);

    const approval = query.approvalId
      ? await this.citedApproval(clinicId, query.approvalId, patient.id, last, protocol, now)
      : query.applyLatestApproval && last
        ? await this.boosters.usableApproval(clinicId, last.id, protocol.id, now)
        : null;
    const override: WrittenOverride<BoosterCode> | undefined = approval
      ? { by: approval.approvedById, reason: approval.reason, accepts: approval.accepts as BoosterCode[] }
      : undefined;
    return {
      patientId: patient.id,
      lastCourse,
      protocol,
      today,
      on,
      assessment,
      decision: boosterDecision(assessment, override),
      approval,
      relief,
    };
  }

  private async protocolFor(
    clinicId: string,
    protocolId: string | undefined,
    last: CompletedCourseRow | null,
  ): Promise<StoredProtocol> {
    if (protocolId) {
      const named = await this.boosters.protocol(clinicId, protocolId);
      if (!named) throw boostersErrors.protocolNotFound();
      return named;
    }
    if (!last) throw boostersErrors.protocolRequired();
    const own = await this.boosters.protocol(clinicId, last.protocolId);
    if (!own) throw boostersErrors.protocolNotFound();
    return (await this.boosters.latestActiveProtocol(clinicId, own.key)) ?? own;
  }

  /**
   * The course's last session day as its follow-ups count from it (due date less offset), or, with
   * no schedule, the clinic day its last completed session ended.
   */
  private async lastCourse(course: CompletedCourseRow, zone: string): Promise<LastCourse> {
    const [first] = await this.boosters.followUps(course.id);
    let lastSessionOn: string;
    if (first)
      lastSessionOn = DateTime.fromJSDate(first.dueOn, { zone: 'utc' }).minus({ days: first.offsetDays }).toISODate()!;
    else {
      // As the follow-up schedule reads it: the clinic day the last completed session ended.
      const end = (await this.boosters.lastCompletedSessionEnd(course.id)) ?? course.completedAt ?? new Date();
      lastSessionOn = clinicDateAt(end.getTime(), zone);
    }
    return {
      id: course.id,
      protocolId: course.protocolId,
      boosterOfCourseId: course.boosterOfCourseId,
      lastSessionOn,
      baselinePainNrs: course.baselinePainNrs,
    };
  }

  private async relief(
    clinicId: string,
    patientId: string,
    course: LastCourse,
    records: readonly FollowUpRecordRow[],
    zone: string,
    settings: ReturnType<typeof followUpSettingsOf>,
    nowMs: number,
  ): Promise<CourseRelief> {
    const followUps = await this.boosters.followUps(course.id);
    const later = await this.boosters.coursesStartingAfter(
      clinicId,
      patientId,
      new Date(clinicMidnight(course.lastSessionOn, zone)),
    );
    return courseRelief(
      { id: course.id, lastSessionOn: course.lastSessionOn, baselinePainNrs: course.baselinePainNrs, timeZone: zone },
      followUps.map((f) => ({
        id: f.id,
        offsetDays: f.offsetDays,
        closesAtMs: f.closesAt.getTime(),
        records: records
          .filter((r) => r.followUpId === f.id)
          .map((r) => ({
            id: r.id,
            recordedAtMs: r.recordedAt.getTime(),
            painNrs7DayAverage: r.painNrs7DayAverage,
            painNrsNow: r.painNrsNow,
          })),
      })),
      later
        .filter((c) => c.id !== course.id)
        .map((c) => ({ id: c.id, kind: c.booster ? 'BOOSTER' : 'COURSE', startsAtMs: c.startsAt.getTime() })),
      settings.relief,
      nowMs,
    );
  }

  /** The approval a booking cites: this patient's, for a booster of the last course under this protocol, unexpired and not cited before. */
  private async citedApproval(
    clinicId: string,
    id: string,
    patientId: string,
    last: CompletedCourseRow | null,
    protocol: StoredProtocol,
    now: Date,
  ): Promise<ApprovalRow> {
    const approval = await this.boosters.approval(clinicId, id);
    if (!approval || approval.patientId !== patientId)
      throw boostersErrors.approvalNotUsable("it is not this patient's");
    if (approval.courseId !== last?.id)
      throw boostersErrors.approvalNotUsable("it approves a booster of another course than the patient's last");
    if (approval.protocolId !== protocol.id)
      throw boostersErrors.approvalNotUsable('it approves a booster under another protocol');
    if (approval.expiresAt <= now)
      throw boostersErrors.approvalNotUsable(`it expired at ${approval.expiresAt.toISOString()}`);
    if (await this.boosters.approvalCited(approval.id))
      throw boostersErrors.approvalNotUsable('another booking has cited it already');
    return approval;
  }
}

function bladderScreen(record: FollowUpRecordRow, zone: string): BladderScreen {
  return {
    recordedOn: clinicDateAt(record.recordedAt.getTime(), zone),
    positive: record.bladderPositive as BladderSymptom[],
    review:
      record.bladderReviewedAt && record.bladderReviewedById
        ? { by: record.bladderReviewedById, on: clinicDateAt(record.bladderReviewedAt.getTime(), zone) }
        : null,
  };
}
