/**
 * The synthetic clinic's history, patient by patient, as rows for COPY. Pure apart from the clock
 * it is given: the same seed, options and `nowMs` give the same rows (content from `seed`, ids
 * from a second generator keyed by the clinic, so two clinics of one seed never share an id).
 *
 * What it keeps true, as the database and the API would: sessions only inside opening hours
 * (chairs) or on a ward bed (100-hour infusions), never two live appointments on one chair or for
 * one patient at once, never more chair-side infusions at once than the generator's share of the
 * nurse rota allows, signed screenings valid on the day a course starts, follow-up windows as the
 * domain's followUpSchedule makes them, statuses as followUpStatus reads them, records only in
 * their window and never after `nowMs`, and pain scores whose relief the domain's courseRelief
 * reads as drawn (relief-model.ts).
 */
import { createHash } from 'node:crypto';
import { DateTime } from 'luxon';
import type { PainMechanism, ScreeningKind } from '@prisma/client';
import {
  checkInChecks,
  DEFAULT_DOSING_SETTINGS,
  DEFAULT_INFUSION_SETTINGS,
  DEFAULT_SCREENING_SETTINGS,
  ELIGIBILITY_RULES,
  followUpSchedule,
  followUpStatus,
  PHQ9,
  PROMIS_PI_6A_ITEM_IDS,
  scorePhq9,
  scorePromisPainInterference6a,
  type Protocol,
  type ScheduledFollowUp,
} from '@cadence/domain';
import { Random } from './random';
import { REALISM, RETENTION, type ProtocolKey, type Retention, type RetentionShape } from './realism';
import { drawRelief, followUpPain } from './relief-model';
import { ascii, CONDITIONS, FAMILY_NAMES, FEMALE_NAMES, MALE_NAMES, OTHER_NAMES, type Condition } from './people';
import type { Row, TableName } from './tables';

export interface ClinicSetup {
  clinicId: string;
  timeZone: string;
  /** Chairs the generator may book (its share of the clinic's chairs), in order of use. */
  chairs: string[];
  /** Ward beds for the 100-hour infusion. */
  beds: string[];
  /** Chairs kept free of the history for the sessions under way now (PlanOptions.liveNow). */
  liveChairs?: string[];
  /** Local opening window (minutes after midnight) by ISO weekday; absent: closed. */
  hours: Partial<Record<number, { opens: number; closes: number }>>;
  /** Chair-side infusions the generator may run at once, by ISO weekday (its share of nurses × ratio). */
  concurrentByWeekday: Partial<Record<number, number>>;
  staff: { nurses: string[]; clinicians: string[]; schedulers: string[] };
  protocols: Record<ProtocolKey, { id: string; definition: Protocol }>;
  templates: Record<ScreeningKind, string>;
}

export interface PlanOptions {
  patients: number;
  seed: number;
  years: number;
  nowMs: number;
  /** MRN prefix; the number follows, six digits. */
  mrnPrefix: string;
  /** Sessions under way now (the demo's infusion day), booked on top of the history. */
  liveNow?: number;
  /** How long patients stay with the clinic (default typical). */
  retention?: Retention;
}

export type Batch = Record<TableName, Row[]>;

const DAY_MS = 86_400_000;
const SCREENING_KINDS: ScreeningKind[] = ['CARDIOVASCULAR', 'PSYCHIATRIC', 'GENERAL'];
/** Courses booked up to this many days ahead; later ones are not booked yet. */
const HORIZON_DAYS = 21;
const MAX_COURSES = 40;
const LOST_REASON = 'Relief lost: 7-day average pain back below the 30 % reduction line at follow-up';
const INTERVAL_REASON = 'Fixed-interval booster due';

interface PlacedSession {
  startsAt: number;
  endsAt: number;
  chairId: string;
}

interface PatientState {
  id: string;
  weightKg: number;
  mechanism: PainMechanism;
  hasEscort: boolean;
  /** The signed screening set and the last day it counts. */
  screeningIds: string[];
  validUntil: string;
}

/** One clinic's plan: call `patient(i)` for i = 0 … patients − 1 in order, taking the rows out of `batch` as you go. */
export class ClinicPlan {
  readonly batch: Batch = emptyBatch();
  private readonly random: Random;
  private readonly ids: Random;
  private readonly historyStart: string;
  private readonly today: string;
  /** Minutes used after opening, per date and chair. */
  private readonly chairCursor = new Map<string, Int32Array>();
  /** Days each ward bed is taken (an infusion and the two hours after it), from the history's first day. */
  private readonly bedDays: Uint8Array[];
  private readonly pickCondition: () => Condition;
  private readonly offsets = new Map<number, number>();
  private readonly schedules = new Map<string, ScheduledFollowUp[]>();
  /** The shortest chair-side session of the catalogue: a chair without room for it is full for the day. */
  private readonly shortestSession: number;
  private readonly retention: RetentionShape;

  constructor(
    private readonly setup: ClinicSetup,
    private readonly options: PlanOptions,
  ) {
    this.retention = RETENTION[options.retention ?? 'typical'];
    this.random = new Random(options.seed);
    this.ids = new Random(options.seed ^ hash32(setup.clinicId));
    this.today = this.dateAt(options.nowMs);
    this.historyStart = addDays(this.today, -Math.round(options.years * 365));
    const days = daysBetween(this.historyStart, this.today) + 120;
    this.bedDays = setup.beds.map(() => new Uint8Array(days));
    this.shortestSession = Math.min(
      ...Object.values(setup.protocols)
        .map((p) => p.definition)
        .filter((d) => d.pattern.kind !== 'NONE' && d.pattern.kind !== 'CONTINUOUS')
        .map((d) => d.minutesPerSession),
    );
    const total = CONDITIONS.reduce((sum, c) => sum + c.weight, 0);
    this.pickCondition = () => {
      let ticket = this.random.next() * total;
      for (const c of CONDITIONS) {
        ticket -= c.weight;
        if (ticket < 0) return c;
      }
      return CONDITIONS[CONDITIONS.length - 1];
    };
  }

  /** Takes the rows planned so far. */
  take(): Batch {
    const out = { ...this.batch };
    for (const key of Object.keys(this.batch) as TableName[]) this.batch[key] = [];
    return out;
  }

  patient(index: number): void {
    const r = this.random;
    const { state, referredOn } = this.register(index);

    // A recent referral may still be waiting for a clinician to review the screening.
    if (daysBetween(referredOn, this.today) <= 14 && r.chance(REALISM.awaitingReview)) {
      this.submittedScreening(state, Math.min(this.options.nowMs - 3_600_000, this.localMs(referredOn, 11 * 60)));
      return;
    }
    if (referredOn > this.today) return;
    this.screen(state, referredOn);

    let protocol = r.weighted(REALISM.protocolMix);
    let desired = addDays(referredOn, r.int(3, 14));
    let boosterOf: { courseId: string; dueBy: string; reason: string } | undefined;
    let last: { protocol: ProtocolKey; course: CourseOutcome } | undefined;
    let respondedBefore = false;
    for (let n = 0; n < MAX_COURSES; n++) {
      if (desired > addDays(this.today, HORIZON_DAYS)) break;
      if (desired > state.validUntil) this.screen(state, addDays(desired, -r.int(2, 10)));
      const course = this.course(state, protocol, desired, boosterOf);
      if (!course) break;
      last = { protocol, course };
      if (course.status !== 'COMPLETED' || r.chance(this.retention.dropOutAfterCourse)) break;
      const next = this.nextCourse(protocol, course, respondedBefore);
      respondedBefore ||= course.responder;
      if (!next) break;
      if (next.desired > this.today && next.booster && course.lossSeenOn) {
        // Relief was lost and the booster is not booked yet: it waits on the clinicians' queue.
        this.boosterTask(state, course.id, addDays(course.lossSeenOn, 14), course.lossSeenOn, LOST_REASON, undefined);
        return;
      }
      boosterOf = next.booster
        ? { courseId: course.id, dueBy: next.desired, reason: course.lossSeenOn ? LOST_REASON : INTERVAL_REASON }
        : undefined;
      protocol = next.protocol;
      desired = next.desired;
    }
    if (last) this.lastCourseTask(state, last.protocol, last.course);
  }

  /**
   * The booster task the daily job raises for a patient's last completed course once a booster falls
   * due (its fixed interval, or relief lost at the latest record): open while recent, and for one
   * older than a month, dismissed by a clinician as the patient declined it, as a clinic that ran
   * the job every day would have it.
   */
  private lastCourseTask(state: PatientState, protocol: ProtocolKey, course: CourseOutcome): void {
    if (course.status !== 'COMPLETED') return;
    const policy = this.setup.protocols[protocol].definition.boosterPolicy;
    let dueBy: string | undefined;
    let raisedOn: string | undefined;
    if (policy.kind === 'FIXED_INTERVAL') {
      dueBy = addDays(course.lastSessionOn, policy.intervalDays);
      raisedOn = addDays(dueBy, -14);
    } else if (policy.kind === 'RESPONSE_TRIGGERED' && course.lastRecord && !course.lastRecord.held) {
      raisedOn = course.lastRecord.on;
      const afterLoss = addDays(raisedOn, 14);
      const earliest = addDays(course.lastSessionOn, policy.minDaysSinceLastSession);
      dueBy = afterLoss > earliest ? afterLoss : earliest;
    }
    if (!dueBy || !raisedOn || raisedOn > this.today) return;
    const reason = policy.kind === 'FIXED_INTERVAL' ? INTERVAL_REASON : LOST_REASON;
    if (daysBetween(raisedOn, this.today) <= 30) {
      this.boosterTask(state, course.id, dueBy, raisedOn, reason, undefined);
      return;
    }
    const decidedAt = Math.min(
      this.options.nowMs - DAY_MS,
      this.localMs(addDays(raisedOn, this.random.int(1, 10)), 11 * 60),
    );
    this.batch.BoosterTask.push({
      id: this.ids.uuid(),
      clinicId: this.setup.clinicId,
      patientId: state.id,
      courseId: course.id,
      dueBy,
      reason,
      status: 'DISMISSED',
      bookedCourseId: null,
      decidedById: this.random.pick(this.setup.staff.clinicians),
      decidedAt: iso(decidedAt),
      dismissReason: 'Patient declined a booster for now',
      createdAt: iso(Math.min(decidedAt, this.localMs(raisedOn, 6 * 60))),
    });
  }

  /** A new patient with their diagnoses, referred on a day of the history (up to a week ahead). */
  private register(index: number): { state: PatientState; referredOn: string } {
    const r = this.random;
    const { clinicId } = this.setup;
    const id = this.ids.uuid();
    const sex = r.chance(REALISM.sexOther) ? 'OTHER' : r.chance(REALISM.sexFemale) ? 'FEMALE' : 'MALE';
    const givenName = r.pick(sex === 'FEMALE' ? FEMALE_NAMES : sex === 'MALE' ? MALE_NAMES : OTHER_NAMES);
    const familyName = r.pick(FAMILY_NAMES);
    const number = String(index + 1).padStart(6, '0');
    const weightKg = Math.round((sex === 'MALE' ? r.between(62, 115) : r.between(48, 100)) * 10) / 10;
    const hasEscort = r.chance(0.75);
    const first = this.pickCondition();
    const second = r.chance(0.35) ? this.pickCondition() : undefined;
    const conditions = second && second.icd10Code !== first.icd10Code ? [first, second] : [first];
    // Referrals arrive evenly over the history, up to a week from now.
    const referredOn = addDays(this.historyStart, r.int(0, daysBetween(this.historyStart, this.today) + 7));
    const createdAt = this.localMs(addDays(referredOn, -r.int(1, 14)), 10 * 60 + r.int(0, 400));
    const age = r.int(REALISM.ageYears[0], REALISM.ageYears[1]);
    this.batch.Patient.push({
      id,
      clinicId,
      mrn: `${this.options.mrnPrefix}${number}`,
      givenName,
      familyName,
      dateOfBirth: addDays(`${Number(this.today.slice(0, 4)) - age}-01-01`, r.int(0, 364)),
      sex,
      weightKg: weightKg.toFixed(1),
      phone: `+44 7700 900${String(r.int(0, 999)).padStart(3, '0')}`,
      email: r.chance(0.8) ? `${ascii(givenName)}.${ascii(familyName)}.${number}@example.com` : null,
      escortName: hasEscort ? `${r.pick([...FEMALE_NAMES, ...MALE_NAMES])} ${familyName}` : null,
      escortPhone: hasEscort ? `+44 7700 900${String(r.int(0, 999)).padStart(3, '0')}` : null,
      version: 1,
      createdAt: iso(createdAt),
      updatedAt: iso(createdAt),
    });
    conditions.forEach((c, i) =>
      this.batch.Diagnosis.push({
        id: this.ids.uuid(),
        patientId: id,
        icd10Code: c.icd10Code,
        description: c.description,
        painMechanism: c.painMechanism,
        isPrimary: i === 0,
        recordedAt: iso(createdAt),
      }),
    );
    const state: PatientState = {
      id,
      weightKg,
      mechanism: first.painMechanism,
      hasEscort,
      screeningIds: [],
      validUntil: '',
    };
    return { state, referredOn };
  }

  /**
   * Demo sessions under way now: a new patient each, a single infusion (40 min in the chair) begun
   * 10 to 30 minutes ago, checked in and infusing (or in recovery). Only while the clinic is open
   * today with room for them (its hours are the nurses' too): outside them no infusion runs.
   */
  liveSessions(firstIndex: number): void {
    const chairs = this.setup.liveChairs ?? [];
    const hours = this.setup.hours[weekday(this.today)];
    const now = this.options.nowMs;
    const minuteNow = (now - this.localMs(this.today, 0)) / 60_000;
    if (!hours || minuteNow - 30 < hours.opens || minuteNow + 10 > hours.closes) return;
    const count = Math.min(this.options.liveNow ?? 0, chairs.length);
    for (let i = 0; i < count; i++) {
      const r = this.random;
      const { state } = this.register(firstIndex + i);
      this.screen(state, addDays(this.today, -r.int(3, 10)));
      const startsAt = Math.floor((now - r.int(10, 30) * 60_000) / 60_000) * 60_000;
      const session = { startsAt, endsAt: startsAt + 40 * 60_000, chairId: chairs[i] };
      this.writeCourse(state, 'IV_SINGLE_INFUSION', [session], undefined, 'BOOKED');
    }
  }

  private submittedScreening(state: PatientState, atMs: number): void {
    const r = this.random;
    const flagged = r.pick(SCREENING_KINDS);
    for (const kind of SCREENING_KINDS) {
      const review = kind === flagged;
      const reasons = review ? [reviewReason(kind, r)] : [];
      this.batch.Screening.push({
        ...this.screeningRow(state, kind, atMs),
        status: 'SUBMITTED',
        result: review ? 'NEEDS_REVIEW' : 'ELIGIBLE',
        reasons,
        signedById: null,
        signedAt: null,
        signedOn: null,
        validUntil: null,
      });
    }
  }

  /** Three signed ELIGIBLE screenings on `signedOn`, valid for the clinic's 30 days. */
  private screen(state: PatientState, signedOn: string): void {
    const atMs = Math.min(this.options.nowMs - 3_600_000, this.localMs(signedOn, 12 * 60 + this.random.int(0, 240)));
    const on = this.dateAt(atMs);
    const validUntil = addDays(on, DEFAULT_SCREENING_SETTINGS.validityDays);
    state.screeningIds = [];
    state.validUntil = validUntil;
    for (const kind of SCREENING_KINDS) {
      const row = this.screeningRow(state, kind, atMs);
      state.screeningIds.push(row.id as string);
      this.batch.Screening.push({
        ...row,
        status: 'SIGNED',
        result: 'ELIGIBLE',
        reasons: [],
        signedById: this.random.pick(this.setup.staff.clinicians),
        signedAt: iso(atMs),
        signedOn: on,
        validUntil,
      });
    }
  }

  private screeningRow(state: PatientState, kind: ScreeningKind, atMs: number): Row {
    const nurse = this.random.pick(this.setup.staff.nurses);
    return {
      id: this.ids.uuid(),
      clinicId: this.setup.clinicId,
      patientId: state.id,
      templateId: this.setup.templates[kind],
      kind,
      answers: {},
      scores: {},
      suicidalityFlag: false,
      noSerialInfusions: false,
      dayOnlyItems: [],
      createdById: nurse,
      createdAt: iso(atMs - 2 * 3_600_000),
      updatedAt: iso(atMs),
      submittedById: nurse,
      submittedAt: iso(atMs - 3_600_000),
      version: 1,
    };
  }

  private nextCourse(
    protocol: ProtocolKey,
    course: CourseOutcome,
    respondedBefore: boolean,
  ): { protocol: ProtocolKey; desired: string; booster: boolean } | undefined {
    const r = this.random;
    const policy = this.setup.protocols[protocol].definition.boosterPolicy;
    if (!course.responder) {
      // A course that did not help a patient whom an earlier one did is tried again, not given up.
      if (respondedBefore && r.chance(REALISM.retryAfterLapse))
        return { protocol, desired: addDays(course.lastSessionOn, r.int(21, 60)), booster: false };
      if (!r.chance(this.retention.switchProtocol)) return undefined;
      const other = r.weighted(REALISM.protocolMix);
      return { protocol: other, desired: addDays(course.lastSessionOn, r.int(21, 60)), booster: false };
    }
    if (!r.chance(this.retention.boosterUptake)) return undefined;
    if (policy.kind === 'FIXED_INTERVAL')
      return { protocol, desired: addDays(course.lastSessionOn, policy.intervalDays + r.int(0, 10)), booster: true };
    if (policy.kind === 'RESPONSE_TRIGGERED') {
      const after = Math.max(policy.minDaysSinceLastSession, Math.ceil(course.reliefDays) + r.int(3, 14));
      return { protocol, desired: addDays(course.lastSessionOn, after), booster: true };
    }
    // No booster policy (oral, intranasal): another course of the same when pain returns.
    return {
      protocol,
      desired: addDays(course.lastSessionOn, Math.ceil(course.reliefDays) + r.int(7, 30)),
      booster: false,
    };
  }

  /** Books, runs and follows up one course; undefined when it found no room in time. */
  private course(
    state: PatientState,
    protocol: ProtocolKey,
    desired: string,
    boosterOf: { courseId: string; dueBy: string; reason: string } | undefined,
  ): CourseOutcome | undefined {
    const def = this.setup.protocols[protocol].definition;
    if (def.pattern.kind === 'NONE') return this.oralCourse(state, protocol, desired);
    const sessions = this.place(def, desired, state.validUntil);
    if (!sessions) return undefined;
    return this.writeCourse(state, protocol, sessions, boosterOf);
  }

  /** Finds room for every session of a course from `desired` on (within the screening's validity). */
  private place(def: Protocol, desired: string, validUntil: string): PlacedSession[] | undefined {
    const pattern = def.pattern;
    for (let shift = 0; shift < 21; shift++) {
      const start = addDays(desired, shift);
      if (start > validUntil) return undefined;
      if (pattern.kind === 'CONTINUOUS') {
        if (weekday(start) > 5) continue;
        const startsAt = this.localMs(start, 9 * 60);
        const endsAt = startsAt + pattern.hours * 3_600_000;
        const first = daysBetween(this.historyStart, start);
        const last = daysBetween(this.historyStart, this.dateAt(endsAt + 2 * 3_600_000));
        if (first < 0 || last >= this.bedDays[0]?.length) continue;
        const bed = this.bedDays.findIndex((taken) => taken.subarray(first, last + 1).every((t) => t === 0));
        if (bed < 0) continue;
        this.bedDays[bed].fill(1, first, last + 1);
        return [{ startsAt, endsAt, chairId: this.setup.beds[bed] }];
      }
      const count =
        pattern.kind === 'WEEKDAYS'
          ? this.random.pick(REALISM.weekdaySessions)
          : pattern.kind === 'CONSECUTIVE_DAYS' || pattern.kind === 'EVERY_N_DAYS'
            ? pattern.sessions
            : 1;
      const dates: string[] = [];
      let date = start;
      while (dates.length < count) {
        if (pattern.kind === 'WEEKDAYS') {
          while (weekday(date) > 5) date = addDays(date, 1);
        }
        dates.push(date);
        date = addDays(date, pattern.kind === 'EVERY_N_DAYS' ? pattern.n : 1);
      }
      const minutes = def.minutesPerSession;
      const slots = dates.map((d) => this.probe(d, minutes));
      if (slots.some((s) => s === undefined)) continue;
      return slots.map((slot, i) => {
        const { chair, startMinute } = slot!;
        this.occupy(dates[i], chair, startMinute + minutes);
        const startsAt = this.localMs(dates[i], this.setup.hours[weekday(dates[i])]!.opens + startMinute);
        return { startsAt, endsAt: startsAt + minutes * 60_000, chairId: this.setup.chairs[chair] };
      });
    }
    return undefined;
  }

  /** The first chair with room for `minutes` on `date`, inside opening hours and the nurses' share. */
  private probe(date: string, minutes: number): { chair: number; startMinute: number } | undefined {
    const day = weekday(date);
    const hours = this.setup.hours[day];
    const usable = Math.min(this.setup.chairs.length, this.setup.concurrentByWeekday[day] ?? 0);
    if (!hours || usable === 0) return undefined;
    const span = hours.closes - hours.opens;
    const cursor = this.cursorOf(date);
    for (let chair = cursor[this.setup.chairs.length]; chair < usable; chair++) {
      const startMinute = Math.ceil(cursor[chair] / 15) * 15;
      if (startMinute + minutes <= span) return { chair, startMinute };
    }
    return undefined;
  }

  /** Books `chair` on `date` up to `untilMinute`, moving the day's first open chair past chairs now too full for the shortest session. */
  private occupy(date: string, chair: number, untilMinute: number): void {
    const cursor = this.cursorOf(date);
    cursor[chair] = untilMinute;
    const chairs = this.setup.chairs.length;
    const span = this.setup.hours[weekday(date)]!.closes - this.setup.hours[weekday(date)]!.opens;
    let first = cursor[chairs];
    while (first < chairs && Math.ceil(cursor[first] / 15) * 15 + this.shortestSession > span) first++;
    cursor[chairs] = first;
  }

  /** Minutes used after opening per chair on a date, and (last) the first chair with room for the shortest session. */
  private cursorOf(date: string): Int32Array {
    let cursor = this.chairCursor.get(date);
    if (!cursor) {
      cursor = new Int32Array(this.setup.chairs.length + 1);
      this.chairCursor.set(date, cursor);
    }
    return cursor;
  }

  private writeCourse(
    state: PatientState,
    protocol: ProtocolKey,
    sessions: PlacedSession[],
    boosterOf: { courseId: string; dueBy: string; reason: string } | undefined,
    forceStatus?: 'BOOKED',
  ): CourseOutcome {
    const r = this.random;
    const now = this.options.nowMs;
    const { clinicId } = this.setup;
    const def = this.setup.protocols[protocol].definition;
    const courseId = this.ids.uuid();
    const clinician = r.pick(this.setup.staff.clinicians);
    const nurse = r.pick(this.setup.staff.nurses);
    const baseline = r.int(REALISM.baselinePain[0], REALISM.baselinePain[1]);
    const bookedAt = Math.min(sessions[0].startsAt - r.int(1, 7) * DAY_MS, now - 3_600_000);
    const dropAfter = r.chance(REALISM.dropOutMidCourse) && sessions.length > 1 ? r.int(1, sessions.length - 1) : -1;
    const noShow = sessions.length === 1 && r.chance(REALISM.noShow);
    let status = 'COMPLETED' as 'BOOKED' | 'CANCELLED' | 'COMPLETED';
    let completedAt = null as number | null;
    let lastEnd = 0;
    sessions.forEach((s, i) => {
      const appointmentId = this.ids.uuid();
      const cancelled = dropAfter >= 0 && i >= dropAfter;
      const past = s.endsAt <= now && !forceStatus;
      let appointmentStatus: string = past ? 'COMPLETED' : 'BOOKED';
      if (cancelled) appointmentStatus = 'CANCELLED';
      else if (noShow && past) appointmentStatus = 'NO_SHOW';
      if (cancelled || appointmentStatus === 'NO_SHOW') status = 'CANCELLED';
      else if (appointmentStatus === 'BOOKED' && status !== 'CANCELLED') status = 'BOOKED';
      this.batch.Appointment.push({
        id: appointmentId,
        clinicId,
        courseId,
        patientId: state.id,
        chairId: s.chairId,
        sessionNumber: i + 1,
        startsAt: iso(s.startsAt),
        endsAt: iso(s.endsAt),
        status: appointmentStatus,
        kind: boosterOf ? 'BOOSTER' : 'INITIAL',
        cancelReason: cancelled ? 'Patient stopped the course' : null,
        createdAt: iso(bookedAt),
        updatedAt: iso(Math.min(now, s.endsAt)),
        version: 1,
      });
      if (cancelled || appointmentStatus === 'NO_SHOW' || s.startsAt > now) return;
      const signedAt = this.session(state, def, courseId, appointmentId, s, baseline, nurse, clinician);
      if (signedAt !== null) completedAt = signedAt;
      lastEnd = s.endsAt;
    });
    if (status === 'COMPLETED' && completedAt === null) status = 'BOOKED';
    const lastSessionOn = this.dateAt(lastEnd || sessions[sessions.length - 1].endsAt);
    this.batch.Course.push({
      id: courseId,
      clinicId,
      patientId: state.id,
      protocolId: this.setup.protocols[protocol].id,
      prescriberId: clinician,
      bookedById: r.pick(this.setup.staff.schedulers),
      status,
      sessionCount: sessions.length,
      eligibilityScreeningIds: state.screeningIds,
      baselinePainNrs: baseline,
      baselinePainInterference: null,
      cancelReason: status === 'CANCELLED' ? (noShow ? 'Did not attend' : 'Patient stopped the course') : null,
      boosterOfCourseId: boosterOf?.courseId ?? null,
      completedAt: status === 'COMPLETED' ? iso(completedAt!) : null,
      createdAt: iso(bookedAt),
      updatedAt: iso(Math.min(now, completedAt ?? bookedAt)),
      version: 1,
    });
    if (boosterOf)
      this.boosterTask(state, boosterOf.courseId, boosterOf.dueBy, this.dateAt(bookedAt), boosterOf.reason, {
        courseId,
        atMs: bookedAt,
        by: clinician,
      });
    if (status !== 'COMPLETED') return { id: courseId, status, responder: false, reliefDays: 0, lastSessionOn };
    return this.followUps(state, protocol, courseId, lastSessionOn, completedAt!, baseline);
  }

  /** Oral maintenance at home: daily doses for four to eight weeks, followed up from the last dose. */
  private oralCourse(state: PatientState, protocol: ProtocolKey, desired: string): CourseOutcome | undefined {
    const r = this.random;
    const now = this.options.nowMs;
    const def = this.setup.protocols[protocol].definition;
    const days = r.int(REALISM.oralCourseDays[0], REALISM.oralCourseDays[1]);
    const lastDose = addDays(desired, days - 1);
    const courseId = this.ids.uuid();
    const clinician = r.pick(this.setup.staff.clinicians);
    const baseline = r.int(REALISM.baselinePain[0], REALISM.baselinePain[1]);
    const range = def.doseRangeMgPerKgPerDose ?? { min: 0.25, max: 0.5 };
    const mg = Math.min(def.caps.perSessionMg, Math.round((r.between(range.min, range.max) * state.weightKg) / 5) * 5);
    const bookedAt = Math.min(this.localMs(desired, 10 * 60) - r.int(1, 5) * DAY_MS, now - 3_600_000);
    for (let d = 0; d < days; d++) {
      const takenAt = this.localMs(addDays(desired, d), 8 * 60 + r.int(0, 120));
      if (takenAt > now) break;
      this.batch.HomeDose.push({
        id: this.ids.uuid(),
        clinicId: this.setup.clinicId,
        patientId: state.id,
        courseId,
        route: 'ORAL',
        mg: mg.toFixed(1),
        takenAt: iso(takenAt),
        note: null,
        recordedById: null,
        recordedAt: iso(takenAt),
        followUpRecordId: null,
      });
    }
    const endMs = this.localMs(lastDose, 20 * 60);
    const completed = endMs <= now;
    this.batch.Course.push({
      id: courseId,
      clinicId: this.setup.clinicId,
      patientId: state.id,
      protocolId: this.setup.protocols[protocol].id,
      prescriberId: clinician,
      bookedById: r.pick(this.setup.staff.schedulers),
      status: completed ? 'COMPLETED' : 'BOOKED',
      sessionCount: 0,
      eligibilityScreeningIds: state.screeningIds,
      baselinePainNrs: baseline,
      baselinePainInterference: null,
      cancelReason: null,
      boosterOfCourseId: null,
      completedAt: completed ? iso(endMs) : null,
      createdAt: iso(bookedAt),
      updatedAt: iso(Math.min(now, completed ? endMs : bookedAt)),
      version: 1,
    });
    if (!completed) return { id: courseId, status: 'BOOKED', responder: false, reliefDays: 0, lastSessionOn: lastDose };
    return this.followUps(state, protocol, courseId, lastDose, endMs, baseline);
  }

  /** One infusion day: check-in, vitals, the dose given, adverse events, discharge; answers its co-signature instant (null while under way). */
  private session(
    state: PatientState,
    def: Protocol,
    courseId: string,
    appointmentId: string,
    s: PlacedSession,
    baseline: number,
    nurse: string,
    clinician: string,
  ): number | null {
    const r = this.random;
    const now = this.options.nowMs;
    const minutes = (s.endsAt - s.startsAt) / 60_000;
    const recovery = Math.min(30, Math.round(minutes * 0.25));
    const checkedInAt = s.startsAt + r.int(0, 3) * 60_000;
    const startedAt = s.startsAt + 8 * 60_000;
    const stoppedAt = s.endsAt - recovery * 60_000;
    const dischargedAt = s.endsAt - r.int(0, 3) * 60_000;
    const weightKg = Math.round((state.weightKg + r.between(-1.5, 1.5)) * 10) / 10;
    const sessionId = this.ids.uuid();
    const checkedInOn = this.dateAt(checkedInAt);
    const first = { atMs: checkedInAt, systolic: r.int(112, 138), diastolic: r.int(68, 86), heartRate: r.int(60, 92) };
    const facts = {
      today: checkedInOn,
      nowMs: checkedInAt,
      vitals: { recordedOn: checkedInOn, first },
      spo2: { recordedOn: checkedInOn, percent: r.int(96, 99) },
      weightKg: { recordedOn: checkedInOn, value: weightKg },
      pregnancyApplies: false,
      escortHome: { recordedOn: checkedInOn, arranged: true },
      drivingHome: { recordedOn: checkedInOn, willDrive: false },
    };
    const checks = checkInChecks(facts, {
      screening: DEFAULT_SCREENING_SETTINGS,
      infusion: DEFAULT_INFUSION_SETTINGS,
      dosing: DEFAULT_DOSING_SETTINGS,
    });
    const started = startedAt <= now;
    const stopped = stoppedAt <= now;
    const discharged = dischargedAt <= now;
    const state_ = !started ? 'CHECKED_IN' : !stopped ? 'INFUSING' : !discharged ? 'IN_RECOVERY' : 'DISCHARGED';
    const painBefore = Math.max(0, Math.min(10, baseline + r.int(-1, 1)));
    const nurseSignedAt = discharged ? dischargedAt + r.int(5, 30) * 60_000 : null;
    const clinicianSignedAt = nurseSignedAt !== null ? nurseSignedAt + r.int(10, 120) * 60_000 : null;
    // A signature still to come at `now` is left for staff: the record waits for it.
    const nurseSigned = nurseSignedAt !== null && nurseSignedAt <= now;
    const coSigned = nurseSigned && clinicianSignedAt !== null && clinicianSignedAt <= now;
    this.batch.InfusionSession.push({
      id: sessionId,
      clinicId: this.setup.clinicId,
      appointmentId,
      patientId: state.id,
      courseId,
      state: state_,
      supervisingClinicianId: clinician,
      checkedInById: nurse,
      checkedInAt: iso(checkedInAt),
      checkedInOn,
      checkInFacts: facts,
      checkInChecks: checks,
      checkInCleared: true,
      weightKg: weightKg.toFixed(1),
      eligibilityScreeningIds: state.screeningIds,
      painBefore,
      painAfter: discharged ? Math.max(0, painBefore - r.int(2, 5)) : null,
      startedAt: started ? iso(startedAt) : null,
      stoppedAt: stopped ? iso(stoppedAt) : null,
      discharge: discharged ? {} : null,
      dischargedById: discharged ? nurse : null,
      dischargedAt: discharged ? iso(dischargedAt) : null,
      version: 1,
      createdAt: iso(checkedInAt),
      updatedAt: iso(Math.min(now, dischargedAt)),
    });
    if (nurseSigned)
      this.batch.signatures.push({
        id: sessionId,
        nurseSignedById: nurse,
        nurseSignedAt: iso(nurseSignedAt!),
        clinicianSignedById: coSigned ? clinician : null,
        clinicianSignedAt: coSigned ? iso(clinicianSignedAt!) : null,
      });
    // Vitals before the start and every interval until discharge (or now).
    const interval = (def.vitalsIntervalMinutes ?? 15) * 60_000;
    for (let at = startedAt - 5 * 60_000; at <= Math.min(dischargedAt, now); at += interval) {
      this.batch.VitalsReading.push({
        id: this.ids.uuid(),
        sessionId,
        takenAt: iso(at),
        systolic: r.int(108, 142),
        diastolic: r.int(64, 88),
        heartRate: r.int(58, 96),
        spo2: r.int(95, 99),
        respiratoryRate: r.int(12, 18),
        rass: r.pick([0, 0, 0, -1]),
        dissociation: at > startedAt && at < stoppedAt ? r.int(0, 3) : 0,
        alerts: [],
        recordedById: nurse,
        recordedAt: iso(at + r.int(0, 2) * 60_000),
      });
    }
    if (started) this.dose(def, sessionId, weightKg, startedAt, stoppedAt, stopped, nurse, clinician);
    if (started)
      for (const ae of REALISM.adverseEvents) {
        if (!r.chance(ae.rate)) continue;
        const onsetAt = startedAt + r.int(5, Math.max(6, (Math.min(stoppedAt, now) - startedAt) / 60_000)) * 60_000;
        if (onsetAt > now) continue;
        const roll = r.next();
        const grade = roll < ae.grades[0] ? 1 : roll < ae.grades[0] + ae.grades[1] ? 2 : 3;
        this.batch.AdverseEvent.push({
          id: this.ids.uuid(),
          sessionId,
          status: 'CONFIRMED',
          term: ae.term,
          grade,
          onsetAt: iso(onsetAt),
          actions: ae.actions,
          outcome: 'RESOLVED',
          serious: false,
          description: null,
          readingId: null,
          dismissReason: null,
          recordedById: nurse,
          createdAt: iso(onsetAt + 5 * 60_000),
          decidedById: nurse,
          decidedAt: iso(onsetAt + 5 * 60_000),
          version: 1,
        });
      }
    return coSigned ? clinicianSignedAt : null;
  }

  private dose(
    def: Protocol,
    sessionId: string,
    weightKg: number,
    startedAt: number,
    stoppedAt: number,
    stopped: boolean,
    nurse: string,
    clinician: string,
  ): void {
    const r = this.random;
    const orderId = this.ids.uuid();
    const base = { sessionId, orderId, overrideById: null, overrideReason: null, overrideAccepts: [], byId: nurse };
    const order = {
      id: orderId,
      sessionId,
      route: def.route,
      weightKg: weightKg.toFixed(1),
      check: {},
      overrideReason: null,
      overrideAccepts: [],
      orderedById: clinician,
      orderedAt: iso(startedAt - 3 * 60_000),
    };
    if (def.doseRangeMgPerKgPerHour) {
      const hours = (stoppedAt - startedAt) / 3_600_000;
      const range = def.doseRangeMgPerKgPerHour;
      const wanted = r.between(range.min, (range.min + range.max) / 2) * weightKg;
      const rate = Math.floor(Math.min(wanted, def.caps.perSessionMg / hours) * 10) / 10;
      this.batch.DoseOrder.push({
        ...order,
        form: 'INFUSION',
        perKg: (rate / weightKg).toFixed(3),
        rateMgPerHour: rate.toFixed(1),
        doseMg: null,
        plannedMinutes: Math.round(hours * 60),
        expectedMg: (rate * hours).toFixed(3),
      });
      this.batch.DoseEvent.push({
        ...base,
        id: this.ids.uuid(),
        kind: 'START',
        at: iso(startedAt),
        rateMgPerHour: rate.toFixed(1),
        mg: null,
        recordedAt: iso(startedAt),
      });
      if (stopped)
        this.batch.DoseEvent.push({
          ...base,
          id: this.ids.uuid(),
          kind: 'STOP',
          at: iso(stoppedAt),
          rateMgPerHour: null,
          mg: null,
          recordedAt: iso(stoppedAt),
        });
      return;
    }
    const range = def.doseRangeMgPerKgPerDose ?? { min: 0.2, max: 0.5 };
    const mg = Math.max(5, Math.min(def.caps.perSessionMg, Math.round(r.between(range.min, range.max) * weightKg)));
    this.batch.DoseOrder.push({
      ...order,
      form: 'BOLUS',
      perKg: (mg / weightKg).toFixed(3),
      rateMgPerHour: null,
      doseMg: mg.toFixed(1),
      plannedMinutes: null,
      expectedMg: mg.toFixed(3),
    });
    this.batch.DoseEvent.push({
      ...base,
      id: this.ids.uuid(),
      kind: 'BOLUS',
      at: iso(startedAt),
      rateMgPerHour: null,
      mg: mg.toFixed(1),
      recordedAt: iso(startedAt),
    });
  }

  /** The course's follow-ups (the domain's schedule), with records drawn from its relief. */
  private followUps(
    state: PatientState,
    protocol: ProtocolKey,
    courseId: string,
    lastSessionOn: string,
    completedAt: number,
    baseline: number,
  ): CourseOutcome {
    const r = this.random;
    const now = this.options.nowMs;
    const def = this.setup.protocols[protocol].definition;
    const relief = drawRelief(protocol, state.mechanism, r);
    const windows = this.schedule(protocol, def, lastSessionOn);
    let lossSeenOn: string | undefined;
    let lastRecord: { on: string; held: boolean } | undefined;
    let phqBase = r.int(4, 16);
    for (const w of windows) {
      const id = this.ids.uuid();
      const records: number[] = [];
      const recordRows: Row[] = [];
      if (w.opensAtMs <= now && r.chance(REALISM.followUpCompletion)) {
        const recordedAt = this.recordTime(w, completedAt);
        if (recordedAt !== undefined && recordedAt <= now) {
          records.push(recordedAt);
          const day = daysBetween(lastSessionOn, this.dateAt(recordedAt));
          const held = relief.responder && day < relief.days;
          if (!held && !lossSeenOn) lossSeenOn = this.dateAt(recordedAt);
          lastRecord = { on: this.dateAt(recordedAt), held };
          phqBase = Math.max(0, Math.min(27, phqBase + (held ? -1 : 1) * r.int(0, 2)));
          recordRows.push(this.record(state, id, recordedAt, baseline, held, phqBase, w));
        }
      }
      const status = followUpStatus(w, records, now).status;
      this.batch.FollowUp.push({
        id,
        clinicId: this.setup.clinicId,
        courseId,
        patientId: state.id,
        offsetDays: w.offsetDays,
        dueOn: w.dueOn,
        opensOn: w.opensOn,
        closesOn: w.closesOn,
        opensAt: iso(w.opensAtMs),
        closesAt: iso(w.closesAtMs),
        status,
        statusAt: iso(now),
        version: 1,
        createdAt: iso(completedAt),
      });
      this.batch.FollowUpRecord.push(...recordRows);
    }
    return {
      id: courseId,
      status: 'COMPLETED',
      responder: relief.responder,
      reliefDays: relief.days,
      lastSessionOn,
      lossSeenOn,
      lastRecord,
    };
  }

  /** The domain's follow-up schedule, once per protocol and last-session date (many courses share both). */
  private schedule(protocol: ProtocolKey, def: Protocol, lastSessionOn: string): ScheduledFollowUp[] {
    const key = `${protocol}|${lastSessionOn}`;
    let windows = this.schedules.get(key);
    if (!windows) {
      windows = followUpSchedule({
        lastSessionOn,
        followUpOffsetsDays: def.followUpOffsetsDays,
        timeZone: this.setup.timeZone,
      });
      this.schedules.set(key, windows);
    }
    return windows;
  }

  /** A call on the due day or a little either side, inside the window and after the course closed. */
  private recordTime(w: ScheduledFollowUp, completedAt: number): number | undefined {
    const r = this.random;
    const spread = Math.max(0, daysBetween(w.opensOn, w.closesOn));
    const offset = Math.round(Math.abs(r.normal(0, Math.max(0.5, spread / 4))));
    const date = addDays(w.dueOn, r.chance(0.5) ? -offset : offset);
    const clamped = date < w.opensOn ? w.opensOn : date > w.closesOn ? w.closesOn : date;
    const at = this.localMs(clamped, 9 * 60 + r.int(0, 8 * 60));
    const earliest = Math.max(w.opensAtMs, completedAt + 60_000);
    const atOrAfter = Math.max(at, earliest);
    return atOrAfter < w.closesAtMs ? atOrAfter : undefined;
  }

  private record(
    state: PatientState,
    followUpId: string,
    recordedAt: number,
    baseline: number,
    held: boolean,
    phq9Total: number,
    w: ScheduledFollowUp,
  ): Row {
    const r = this.random;
    const pain = followUpPain(baseline, held, r);
    const channel = r.weighted(REALISM.followUpChannel);
    const nurse = r.pick(this.setup.staff.nurses);
    // PROMIS items follow the pain: 1 (not at all) … 5 (very much).
    const painInterference: Record<string, number> = {};
    for (const item of PROMIS_PI_6A_ITEM_IDS)
      painInterference[item] = Math.max(1, Math.min(5, Math.round(1 + (pain.sevenDay / 10) * 4 + r.normal(0, 0.6))));
    const promis = scorePromisPainInterference6a(painInterference);
    const phq9: Record<string, number> = {};
    let left = phq9Total;
    const items = PHQ9.items.map((i) => i.id);
    items.forEach((item, i) => {
      // Item 9 (thoughts of self-harm) stays 0 in generated records: a positive answer raises a staff alert.
      const value = i === items.length - 1 ? 0 : Math.min(3, left, Math.ceil(left / (items.length - 1 - i)));
      phq9[item] = value;
      left -= value;
    });
    const phqScore = scorePhq9(phq9);
    const bladder: Record<string, boolean> = {
      FREQUENCY: false,
      URGENCY: false,
      PAIN_PASSING_URINE: false,
      BLOOD_IN_URINE: false,
      NIGHT_TIME_VOIDING: false,
    };
    const positive: string[] = [];
    if (r.chance(REALISM.bladderPositive)) {
      const symptom = r.pick(['FREQUENCY', 'URGENCY', 'NIGHT_TIME_VOIDING']);
      bladder[symptom] = true;
      positive.push(symptom);
    }
    const reviewed = positive.length > 0 && recordedAt + 3 * DAY_MS <= this.options.nowMs;
    const supportingCare = (Object.entries(REALISM.supportingCare) as [string, number][])
      .filter(([, p]) => r.chance(p))
      .map(([care]) => care);
    let linkId: string | null = null;
    if (channel === 'PATIENT_LINK') {
      linkId = this.ids.uuid();
      this.batch.FollowUpLink.push({
        id: linkId,
        followUpId,
        tokenHash: createHash('sha256').update(`generated:${linkId}`).digest('base64url'),
        expiresAt: iso(w.closesAtMs),
        usedAt: iso(recordedAt),
        createdById: nurse,
        createdAt: iso(Math.max(w.opensAtMs, recordedAt - DAY_MS)),
      });
    }
    return {
      id: this.ids.uuid(),
      followUpId,
      clinicId: this.setup.clinicId,
      patientId: state.id,
      channel,
      recordedAt: iso(recordedAt),
      recordedById: channel === 'PATIENT_LINK' ? null : nurse,
      linkId,
      painNrsNow: pain.now,
      painNrs7DayAverage: pain.sevenDay,
      painInterference,
      painInterferenceRaw: promis.rawScore,
      painInterferenceT: promis.tScore!.toFixed(1),
      phq9,
      phq9Total: phqScore.score,
      bladder,
      bladderPositive: positive,
      bladderReviewedById: reviewed ? r.pick(this.setup.staff.clinicians) : null,
      bladderReviewedAt: reviewed ? iso(recordedAt + 2 * DAY_MS) : null,
      bladderReviewNote: reviewed ? 'Reviewed: mild symptoms, fluids advised, to recheck at the next contact' : null,
      supportingCare,
      note: null,
      createdAt: iso(recordedAt),
    };
  }

  private boosterTask(
    state: PatientState,
    courseId: string,
    dueBy: string,
    raisedOn: string,
    reason: string,
    booked: { courseId: string; atMs: number; by: string } | undefined,
  ): void {
    this.batch.BoosterTask.push({
      id: this.ids.uuid(),
      clinicId: this.setup.clinicId,
      patientId: state.id,
      courseId,
      dueBy,
      reason,
      status: booked ? 'BOOKED' : 'OPEN',
      bookedCourseId: booked?.courseId ?? null,
      decidedById: booked?.by ?? null,
      decidedAt: booked ? iso(booked.atMs) : null,
      dismissReason: null,
      createdAt: iso(Math.min(this.options.nowMs, this.localMs(raisedOn, 6 * 60))),
    });
  }

  /** The instant of a local wall-clock time (minutes after midnight) on a clinic date. */
  private localMs(date: string, minuteOfDay: number): number {
    const wall = Date.parse(`${date}T00:00:00Z`) + minuteOfDay * 60_000;
    const guess = wall - this.offsetMs(wall);
    return wall - this.offsetMs(guess);
  }

  private dateAt(ms: number): string {
    return new Date(ms + this.offsetMs(ms)).toISOString().slice(0, 10);
  }

  /** The zone's UTC offset at an instant, from luxon once per hour (zone offsets change on the hour or half-hour at most). */
  private offsetMs(ms: number): number {
    const bucket = Math.floor(ms / 1_800_000);
    let offset = this.offsets.get(bucket);
    if (offset === undefined) {
      offset = DateTime.fromMillis(bucket * 1_800_000, { zone: this.setup.timeZone }).offset * 60_000;
      this.offsets.set(bucket, offset);
    }
    return offset;
  }
}

interface CourseOutcome {
  id: string;
  status: 'BOOKED' | 'CANCELLED' | 'COMPLETED';
  responder: boolean;
  reliefDays: number;
  lastSessionOn: string;
  /** The first follow-up that found relief lost. */
  lossSeenOn?: string;
  /** The latest record, and whether relief held at it. */
  lastRecord?: { on: string; held: boolean };
}

/** A relative reason a clinician reviews, as the domain's eligibility rules word it. */
function reviewReason(kind: ScreeningKind, r: Random) {
  const [ruleId, evidence] =
    kind === 'CARDIOVASCULAR'
      ? [
          'bp-above-review',
          `reading 1 ${r.int(142, 168)}/${r.int(86, 98)} mmHg; review above 140/90 mmHg (clinic setting)`,
        ]
      : kind === 'PSYCHIATRIC'
        ? ['alcohol-screen-positive', `AUDIT-C ${r.int(5, 8)}`]
        : ['liver-disease-moderate', 'Liver disease recorded as moderate'];
  const rule = ELIGIBILITY_RULES.find((candidate) => candidate.id === ruleId)!;
  return { ruleId, reason: rule.reason, severity: rule.severity, source: rule.source, evidence };
}

export function emptyBatch(): Batch {
  return {
    Patient: [],
    Diagnosis: [],
    Screening: [],
    Course: [],
    Appointment: [],
    InfusionSession: [],
    VitalsReading: [],
    DoseOrder: [],
    DoseEvent: [],
    AdverseEvent: [],
    HomeDose: [],
    FollowUp: [],
    FollowUpLink: [],
    FollowUpRecord: [],
    BoosterTask: [],
    signatures: [],
  };
}

const iso = (ms: number) => new Date(ms).toISOString();

export function addDays(date: string, days: number): string {
  const d = new Date(`${date}T00:00:00Z`);
  d.setUTCDate(d.getUTCDate() + days);
  return d.toISOString().slice(0, 10);
}

export function daysBetween(from: string, to: string): number {
  return Math.round((Date.parse(`${to}T00:00:00Z`) - Date.parse(`${from}T00:00:00Z`)) / DAY_MS);
}

/** ISO weekday (1 = Monday) of a calendar date. */
export function weekday(date: string): number {
  const day = new Date(`${date}T00:00:00Z`).getUTCDay();
  return day === 0 ? 7 : day;
}

function hash32(text: string): number {
  return createHash('sha256').update(text).digest().readUInt32LE(0);
}
