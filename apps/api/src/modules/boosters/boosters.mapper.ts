import type { BoosterView } from './booster-facts.service';
import type { ApprovalRow } from './boosters.repository';
import type { BoosterApprovalDto, BoosterChecksDto, BoosterReasonDto } from './dto/booster.dto';

type Reason = BoosterReasonDto;
const reasonDto = (r: Reason): Reason => ({ code: r.code, ruleId: r.ruleId, severity: r.severity, message: r.message });

export function toApprovalDto(a: ApprovalRow): BoosterApprovalDto {
  return {
    id: a.id,
    patientId: a.patientId,
    courseId: a.courseId,
    protocolId: a.protocolId,
    reason: a.reason,
    accepts: a.accepts as BoosterApprovalDto['accepts'],
    approvedById: a.approvedById,
    approvedAt: a.approvedAt.toISOString(),
    expiresAt: a.expiresAt.toISOString(),
  };
}

export function toChecksDto(view: BoosterView): BoosterChecksDto {
  const { assessment, decision, relief } = view;
  return {
    patientId: view.patientId,
    protocol: {
      id: view.protocol.id,
      key: view.protocol.key,
      version: view.protocol.version,
      name: view.protocol.name,
    },
    lastCourse: view.lastCourse && {
      id: view.lastCourse.id,
      protocolId: view.lastCourse.protocolId,
      boosterOfCourseId: view.lastCourse.boosterOfCourseId,
      lastSessionOn: view.lastCourse.lastSessionOn,
      baselinePainNrs: view.lastCourse.baselinePainNrs,
    },
    today: view.today,
    on: view.on,
    earliestOn: assessment.earliestOn ?? null,
    checks: assessment.checks.map((c) => ({ check: c.check, result: c.result, reasons: c.reasons.map(reasonDto) })),
    decision: {
      allowed: decision.allowed,
      standing: decision.standing.map(reasonDto),
      accepted: decision.accepted.map(reasonDto),
      ...(decision.overrideProblem ? { overrideProblem: decision.overrideProblem } : {}),
    },
    approval: view.approval && toApprovalDto(view.approval),
    relief: relief && {
      code: relief.outcome.code,
      day: relief.outcome.day,
      on: relief.outcome.on,
      followUpIds: relief.outcome.followUpIds,
      recordIds: relief.outcome.recordIds,
      laterCourseId: relief.outcome.laterCourseId ?? null,
      message: relief.reasons[0]?.message ?? '',
    },
    cumulativeMg: assessment.ledger.total.allTimeMg,
  };
}
