import { courseCancellation, hasStarted, isUnderWay, sessionChangeProblem } from './session-changes';

const NOW = Date.parse('2025-06-02T10:00:00.000Z');
const session = (id: string, start: string, end: string, status = 'BOOKED') => ({ id, status, start, end });

describe('hasStarted / isUnderWay', () => {
  it('counts a session starting exactly now as started and under way, and one a millisecond later as not', () => {
    const now = session('a', '2025-06-02T10:00:00.000Z', '2025-06-02T14:00:00.000Z');
    expect(hasStarted(now, NOW)).toBe(true);
    expect(isUnderWay(now, NOW)).toBe(true);
    const soon = session('b', '2025-06-02T10:00:00.001Z', '2025-06-02T14:00:00.000Z');
    expect(hasStarted(soon, NOW)).toBe(false);
    expect(isUnderWay(soon, NOW)).toBe(false);
  });

  it('treats a session ending exactly now as over, not under way', () => {
    const over = session('a', '2025-06-02T06:00:00.000Z', '2025-06-02T10:00:00.000Z');
    expect(hasStarted(over, NOW)).toBe(true);
    expect(isUnderWay(over, NOW)).toBe(false);
  });
});

describe('sessionChangeProblem', () => {
  it('lets a future session of a booked course change', () => {
    expect(sessionChangeProblem({ start: '2025-06-02T10:01:00.000Z' }, 'BOOKED', NOW)).toBeNull();
  });

  it('refuses a session that has started, pointing to no-show or completion', () => {
    expect(sessionChangeProblem({ start: '2025-06-02T10:00:00.000Z' }, 'BOOKED', NOW)).toEqual({
      code: 'SESSION_STARTED',
      message: expect.stringMatching(/has started.*no-show/),
    });
    expect(sessionChangeProblem({ start: '2025-05-30T09:00:00.000Z' }, 'BOOKED', NOW)?.code).toBe('SESSION_STARTED');
  });

  it('refuses any session of a course that is no longer booked, future or not', () => {
    expect(sessionChangeProblem({ start: '2025-06-09T09:00:00.000Z' }, 'CANCELLED', NOW)).toEqual({
      code: 'COURSE_NOT_BOOKED',
      message: expect.stringMatching(/course is cancelled/),
    });
    expect(sessionChangeProblem({ start: '2025-06-09T09:00:00.000Z' }, 'COMPLETED', NOW)?.code).toBe(
      'COURSE_NOT_BOOKED',
    );
  });
});

describe('courseCancellation', () => {
  const past = session('past', '2025-06-01T09:00:00.000Z', '2025-06-01T13:00:00.000Z');
  const future = session('future', '2025-06-03T09:00:00.000Z', '2025-06-03T13:00:00.000Z');
  const cancelled = session('cancelled', '2025-06-04T09:00:00.000Z', '2025-06-04T13:00:00.000Z', 'CANCELLED');

  it('cancels booked sessions that have not started and leaves the rest as they are', () => {
    expect(courseCancellation([past, future, cancelled], NOW)).toEqual({
      cancel: ['future'],
      underWay: [],
      problem: null,
    });
  });

  it('refuses while a booked session is under way', () => {
    const inChair = session('now', '2025-06-02T09:00:00.000Z', '2025-06-02T13:00:00.000Z');
    const result = courseCancellation([past, inChair, future], NOW);
    expect(result.underWay).toEqual(['now']);
    expect(result.problem).toEqual({
      code: 'SESSION_UNDER_WAY',
      message: expect.stringMatching(/under way; finish it or mark it first/),
    });
    // A session under way that was already marked (a no-show) does not hold the course.
    expect(courseCancellation([{ ...inChair, status: 'NO_SHOW' }, future], NOW).problem).toBeNull();
  });
});
