import { DomainError } from '../../common/errors/domain-error';
import { staleVersion } from '../../common/errors/stale-version';

/** A booster reason as a problem body carries it: the domain's code, rule, severity and sentence. */
export interface BoosterReasonBody {
  code: string;
  ruleId: string;
  severity: string;
  message: string;
}

const asFieldErrors = (field: string, reasons: readonly BoosterReasonBody[]) =>
  reasons.map((r) => ({ field, rule: r.ruleId, message: r.message }));

/** The errors of the boosters module, built in one place. */
export const boostersErrors = {
  patientNotFound: () => new DomainError('NOT_FOUND', 'No such patient in this clinic.'),
  protocolNotFound: () => new DomainError('NOT_FOUND', 'No such protocol in this clinic.'),
  courseNotFound: () => new DomainError('NOT_FOUND', "No such course of this patient's in this clinic."),
  taskNotFound: () => new DomainError('NOT_FOUND', 'No such booster task in this clinic.'),
  taskDecided: (status: string) =>
    new DomainError('INVALID_TRANSITION', `This booster task is already ${status.toLowerCase()}.`, [], {
      reason: 'TASK_DECIDED',
      taskStatus: status,
    }),
  protocolRequired: () =>
    new DomainError('VALIDATION_FAILED', 'The patient has no completed course: name the booster protocol.', [
      { field: 'protocolId', rule: 'required', message: 'protocolId is required when there is no completed course' },
    ]),
  notLastCourse: (field: string, lastCourseId: string | null) => {
    const message = lastCourseId
      ? `A booster follows the patient's last completed course (${lastCourseId}).`
      : 'The patient has no completed course for a booster to follow.';
    return new DomainError('BOOSTER_NOT_ALLOWED', message, [{ field, rule: 'lastCompletedCourse', message }], {
      lastCourseId,
    });
  },
  approvalNotUsable: (why: string) =>
    new DomainError('BOOSTER_NOT_ALLOWED', `The approval cannot be cited: ${why}.`, [
      { field: 'boosterApprovalId', rule: 'usableApproval', message: why },
    ]),
  /** The booster's checks do not allow it: every reason that stands, and those the approval accepted. */
  refused: (standing: readonly BoosterReasonBody[], accepted: readonly BoosterReasonBody[], overrideProblem?: string) =>
    new DomainError(
      'BOOSTER_NOT_ALLOWED',
      "The booster's checks do not allow it: fix each absolute reason; a clinician's written approval may accept the relative ones.",
      asFieldErrors('boosterOfCourseId', standing),
      { reasons: standing, accepted, ...(overrideProblem ? { overrideProblem } : {}) },
    ),
  overrideNotAllowed: (reasons: readonly { code: string; ruleId: string; message: string }[]) =>
    new DomainError(
      'OVERRIDE_NOT_ALLOWED',
      "A clinician approves only the booster's relative reasons standing now; absolute ones always stand.",
      reasons.map((r) => ({ field: 'accepts', rule: r.ruleId, message: r.message })),
      { reasons },
    ),
  clinicStale: (currentVersion: number) => staleVersion("clinic's settings", currentVersion),
};
