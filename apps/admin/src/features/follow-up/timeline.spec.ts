import { timelineView, type TimelineSource } from './timeline';

type Course = TimelineSource['courses'][number];

const record = (id: string, recordedAt: string, average: number, t = 60) => ({
  id,
  recordedAt,
  channel: 'PHONE',
  insideWindow: true,
  painNrsNow: average,
  painNrs7DayAverage: average,
  painInterference: { tScore: t },
  phq9: { total: 3 },
  bladder: { positive: [], review: null },
});

function course(over: Partial<Course> & Pick<Course, 'id'>): Course {
  return {
    kind: 'INITIAL',
    status: 'COMPLETED',
    protocol: { name: 'IV single infusion' },
    baselinePainNrs: 8,
    baselinePainInterference: 6,
    firstSessionOn: '2026-10-01',
    lastSessionOn: '2026-10-01',
    sessions: [
      {
        appointmentId: `${over.id}-s1`,
        sessionNumber: 1,
        startsAt: '2026-10-01T09:00:00Z',
        status: 'COMPLETED',
        painBefore: 8,
        painAfter: 4,
      },
    ],
    followUps: [],
    relief: null,
    ...over,
  };
}

describe('timelineView', () => {
  it('puts the baseline, the sessions and the follow-ups of every course in time order', () => {
    const view = timelineView({
      timeZone: 'Europe/London',
      courses: [
        course({
          id: 'c1',
          followUps: [
            {
              id: 'f7',
              window: { offsetDays: 7 },
              state: { status: 'COMPLETED' },
              records: [record('r7', '2026-10-08T10:00:00Z', 4)],
            },
          ],
        }),
        course({
          id: 'c2',
          kind: 'BOOSTER',
          firstSessionOn: '2026-11-01',
          lastSessionOn: '2026-11-01',
          sessions: [
            {
              appointmentId: 'b1',
              sessionNumber: 1,
              startsAt: '2026-11-01T09:00:00Z',
              status: 'COMPLETED',
              painBefore: 7,
              painAfter: 3,
            },
          ],
        }),
      ],
    });
    expect(view.rows.map((r) => `${r.courseLabel.split(' ·')[0]}: ${r.event}`)).toEqual([
      'Course 1: Baseline (before the course)',
      'Course 1: Session 1',
      'Course 1: Day 7 follow-up',
      'Booster 1: Baseline (before the course)',
      'Booster 1: Session 1',
    ]);
    expect(view.marks.map((m) => m.label)).toEqual(['Course 1 · IV single infusion', 'Booster 1 · IV single infusion']);
  });

  it("shades relief from the course's last session to the record that found it lost, from the API's relief figures", () => {
    const view = timelineView({
      timeZone: 'Europe/London',
      courses: [
        course({
          id: 'c1',
          followUps: [
            {
              id: 'f7',
              window: { offsetDays: 7 },
              state: { status: 'COMPLETED' },
              records: [record('r7', '2026-10-08T10:00:00Z', 4)],
            },
            {
              id: 'f28',
              window: { offsetDays: 28 },
              state: { status: 'COMPLETED' },
              records: [record('r28', '2026-10-29T10:00:00Z', 7)],
            },
          ],
          relief: {
            measurements: [
              { recordId: 'r7', sevenDayAverage: { percentReduction: 50 }, reliefHeld: true, counted: true },
              { recordId: 'r28', sevenDayAverage: { percentReduction: 12.5 }, reliefHeld: false, counted: true },
            ],
            outcome: { code: 'RELIEF_LOST', day: 28, on: '2026-10-29', recordIds: ['r28'] },
            reasons: [{ message: 'Relief lost on 2026-10-29, day 28' }],
          },
        }),
      ],
    });
    expect(view.bands).toEqual([
      expect.objectContaining({
        // From the last session to the record that found relief lost.
        fromMs: Date.parse('2026-10-01T09:00:00Z'),
        toMs: Date.parse('2026-10-29T10:00:00Z'),
        ended: 'LOST',
      }),
    ]);
    const followUps = view.rows.filter((r) => r.kind === 'FOLLOW_UP');
    expect(followUps.map((r) => [r.percentReduction, r.reliefHeld])).toEqual([
      [50, true],
      [12.5, false],
    ]);
  });

  it('ends the shading on the day a new course began, when that censors the relief', () => {
    const view = timelineView({
      timeZone: 'Europe/London',
      courses: [
        course({
          id: 'c1',
          followUps: [
            {
              id: 'f7',
              window: { offsetDays: 7 },
              state: { status: 'COMPLETED' },
              records: [record('r7', '2026-10-08T10:00:00Z', 3)],
            },
          ],
          relief: {
            measurements: [
              { recordId: 'r7', sevenDayAverage: { percentReduction: 57.1 }, reliefHeld: true, counted: true },
            ],
            outcome: { code: 'NEW_COURSE_STARTED', day: 31, on: '2026-11-01', recordIds: ['r7'] },
            reasons: [],
          },
        }),
      ],
    });
    expect(view.bands.map((b) => [b.toMs, b.ended])).toEqual([[Date.parse('2026-11-01T00:00:00Z'), 'CENSORED']]);
  });

  it('shades nothing when the first follow-up already found pain below the line', () => {
    const view = timelineView({
      timeZone: 'Europe/London',
      courses: [
        course({
          id: 'c1',
          followUps: [
            {
              id: 'f7',
              window: { offsetDays: 7 },
              state: { status: 'COMPLETED' },
              records: [record('r7', '2026-10-08T10:00:00Z', 7)],
            },
          ],
          relief: {
            measurements: [
              { recordId: 'r7', sevenDayAverage: { percentReduction: 12.5 }, reliefHeld: false, counted: true },
            ],
            outcome: { code: 'RELIEF_LOST', day: 7, on: '2026-10-08', recordIds: ['r7'] },
            reasons: [],
          },
        }),
      ],
    });
    expect(view.bands).toEqual([]);
    expect(view.relief[0].outcome).toBe('Relief lost');
  });

  it('leaves cancelled courses out', () => {
    const view = timelineView({ timeZone: 'Europe/London', courses: [course({ id: 'c1', status: 'CANCELLED' })] });
    expect(view.rows).toEqual([]);
    expect(view.marks).toEqual([]);
  });
});
