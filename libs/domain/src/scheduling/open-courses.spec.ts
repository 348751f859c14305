import { type CourseOnRecord, openCourseWarnings } from './open-courses';

const NOW = Date.parse('2025-06-04T10:00:00Z');
const session = (start: string, status = 'BOOKED') => ({
  start,
  end: new Date(Date.parse(start) + 4 * 3600_000).toISOString(),
  status,
});
const course = (id: string, sessions: CourseOnRecord['sessions'], status = 'BOOKED'): CourseOnRecord => ({
  id,
  protocolName: 'Five-day low-dose infusion',
  status,
  sessions,
});

describe('open courses', () => {
  it('warns of a booked course whose first session is still to come', () => {
    const [w] = openCourseWarnings(
      [course('c1', [session('2025-06-04T10:00:01Z'), session('2025-06-05T10:00:00Z')])],
      NOW,
    );
    expect(w).toMatchObject({
      code: 'COURSE_BOOKED',
      courseId: 'c1',
      sessionsLeft: 2,
      firstSessionAt: '2025-06-04T10:00:01Z',
      lastSessionAt: '2025-06-05T14:00:00.000Z',
    });
    expect(w.message).toBe('Five-day low-dose infusion is already booked: 2 sessions, the first not yet started');
  });

  it('calls a course under way from the instant its first session starts', () => {
    const [w] = openCourseWarnings(
      [course('c1', [session('2025-06-04T10:00:00Z'), session('2025-06-05T10:00:00Z')])],
      NOW,
    );
    expect(w).toMatchObject({ code: 'COURSE_UNDER_WAY', sessionsLeft: 1 });
    expect(w.message).toBe('Five-day low-dose infusion is under way: 1 of 2 sessions still to come');
  });

  it('calls a course under way once a session was attended or missed, even with every session past', () => {
    const [w] = openCourseWarnings(
      [course('c1', [session('2025-06-01T10:00:00Z', 'COMPLETED'), session('2025-06-02T10:00:00Z', 'NO_SHOW')])],
      NOW,
    );
    expect(w).toMatchObject({ code: 'COURSE_UNDER_WAY', sessionsLeft: 0 });
  });

  it('ignores cancelled sessions, cancelled and completed courses', () => {
    expect(
      openCourseWarnings(
        [
          course('c1', [session('2025-06-05T10:00:00Z', 'CANCELLED')]),
          course('c2', [session('2025-06-05T10:00:00Z')], 'CANCELLED'),
          course('c3', [session('2025-06-01T10:00:00Z', 'COMPLETED')], 'COMPLETED'),
        ],
        NOW,
      ),
    ).toEqual([]);
    const [w] = openCourseWarnings(
      [course('c4', [session('2025-06-03T10:00:00Z', 'CANCELLED'), session('2025-06-06T10:00:00Z')])],
      NOW,
    );
    expect(w).toMatchObject({ code: 'COURSE_BOOKED', firstSessionAt: '2025-06-06T10:00:00Z', sessionsLeft: 1 });
  });

  it('lists the open courses by their first session', () => {
    const warnings = openCourseWarnings(
      [course('later', [session('2025-06-20T10:00:00Z')]), course('sooner', [session('2025-06-10T10:00:00Z')])],
      NOW,
    );
    expect(warnings.map((w) => w.courseId)).toEqual(['sooner', 'later']);
  });
});
