/**
 * Open courses: a patient's courses that are booked and not yet over, which the desk must see
 * before booking another — a second course alongside one under way doubles the infusions.
 * Warnings, not refusals: a booster or a deliberate re-plan may follow on purpose.
 */

export interface CourseOnRecord {
  id: string;
  protocolName: string;
  /** BOOKED, CANCELLED or COMPLETED. */
  status: string;
  /** Every appointment of the course, any status. */
  sessions: { start: string; end: string; status: string }[];
}

export type OpenCourseCode = 'COURSE_BOOKED' | 'COURSE_UNDER_WAY';

export interface OpenCourseWarning {
  code: OpenCourseCode;
  courseId: string;
  protocolName: string;
  /** First and last live session (not cancelled). */
  firstSessionAt: string;
  lastSessionAt: string;
  /** Live sessions still to come (booked, not started). */
  sessionsLeft: number;
  message: string;
}

/**
 * A warning per booked course with a live session: UNDER_WAY once one has started (or been
 * attended or missed), else BOOKED. Courses with every session cancelled have nothing to warn of.
 */
export function openCourseWarnings(courses: readonly CourseOnRecord[], nowMs: number): OpenCourseWarning[] {
  const warnings: OpenCourseWarning[] = [];
  for (const course of courses) {
    if (course.status !== 'BOOKED') continue;
    const live = course.sessions
      .filter((s) => s.status !== 'CANCELLED')
      .sort((a, b) => Date.parse(a.start) - Date.parse(b.start));
    if (live.length === 0) continue;
    const started = live.some((s) => s.status !== 'BOOKED' || Date.parse(s.start) <= nowMs);
    const left = live.filter((s) => s.status === 'BOOKED' && Date.parse(s.start) > nowMs).length;
    const code: OpenCourseCode = started ? 'COURSE_UNDER_WAY' : 'COURSE_BOOKED';
    warnings.push({
      code,
      courseId: course.id,
      protocolName: course.protocolName,
      firstSessionAt: live[0].start,
      lastSessionAt: live[live.length - 1].end,
      sessionsLeft: left,
      message: started
        ? `${course.protocolName} is under way: ${left} of ${live.length} sessions still to come`
        : `${course.protocolName} is already booked: ${live.length} session${live.length === 1 ? '' : 's'}, the first not yet started`,
    });
  }
  return warnings.sort((a, b) => Date.parse(a.firstSessionAt) - Date.parse(b.firstSessionAt));
}
