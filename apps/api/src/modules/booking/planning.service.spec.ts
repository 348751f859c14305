import {
  CHAIR_1,
  CHAIR_2,
  OTHER_PATIENT_ID,
  PATIENT_ID,
  bookingKit,
  catalogue,
  futureMonday,
  session,
} from '../../testing/booking-fakes';
import { CLINIC_ID, refusal } from '../../testing/fakes';
import { normaliseSessions, storedProtocol } from './planning.service';

const fiveDay = catalogue('IV_FIVE_DAY_LOW_DOSE');
const monday = futureMonday();

describe('PlanningService', () => {
  it('offers plans for a protocol from the clinic capacity, with the chairs named', async () => {
    const { planning } = bookingKit();
    const options = await planning.options({
      clinicId: CLINIC_ID,
      patientId: PATIENT_ID,
      protocol: fiveDay,
      earliest: monday,
      k: 2,
    });
    expect(options.plans).toHaveLength(2);
    const first = options.plans[0];
    expect(first.sessions).toHaveLength(5);
    expect(first.sameChair).toBe(true);
    expect(first.sessions[0]).toMatchObject({ chairId: CHAIR_1, chairName: 'Chair 1' });
    expect(first.sessions[0].startsAt).toBe(session(CHAIR_1, monday, 0, '09:00', 0).startsAt);
  });

  it('answers 404 for a clinic it cannot load', async () => {
    const kit = bookingKit();
    kit.capacity.capacity = null;
    const error = await refusal(
      kit.planning.options({ clinicId: CLINIC_ID, patientId: PATIENT_ID, protocol: fiveDay, earliest: monday, k: 1 }),
    );
    expect(error.code).toBe('NOT_FOUND');
  });

  it('turns a session count the pattern does not allow into a 400 naming sessions', async () => {
    const { planning } = bookingKit();
    const error = await refusal(
      planning.options({
        clinicId: CLINIC_ID,
        patientId: PATIENT_ID,
        protocol: catalogue('IV_MULTI_DAY_WEEKDAYS'),
        sessions: 11,
        earliest: monday,
        k: 1,
      }),
    );
    expect(error.code).toBe('VALIDATION_FAILED');
    expect(error.errors[0]).toMatchObject({ field: 'sessions', rule: 'protocolPattern' });
  });

  describe('assertNotPast', () => {
    const now = Date.parse('2031-03-03T10:00:00Z');
    const at = (startsAt: string) => ({ chairId: CHAIR_1, startsAt, endsAt: '2031-03-03T11:00:00.000Z' });

    it('refuses a session starting at or before now, naming it', () => {
      for (const start of ['2031-03-03T10:00:00.000Z', '2031-03-03T09:59:59.999Z']) {
        let thrown: unknown;
        try {
          bookingKit().planning.assertNotPast([at('2031-03-03T12:00:00.000Z'), at(start)], now);
        } catch (error) {
          thrown = error;
        }
        expect(thrown).toMatchObject({
          code: 'PLAN_INFEASIBLE',
          errors: [{ field: 'sessions[1]', rule: 'IN_THE_PAST' }],
        });
      }
    });

    it('accepts a session starting a millisecond after now', () => {
      expect(() => bookingKit().planning.assertNotPast([at('2031-03-03T10:00:00.001Z')], now)).not.toThrow();
    });
  });

  describe('recheck', () => {
    const sessions = [0, 1, 2, 3, 4].map((d) => session(CHAIR_1, monday, d, '09:00', fiveDay.minutesPerSession));
    const window = normaliseSessions(sessions);

    it('accepts a plan the clinic can deliver', async () => {
      const { planning } = bookingKit();
      const reasons = await planning.recheck(CLINIC_ID, window, window.sessions, {
        protocol: fiveDay,
        patientId: PATIENT_ID,
      });
      expect(reasons).toEqual([]);
    });

    it("names the session whose chair another patient's booking holds", async () => {
      const kit = bookingKit();
      const taken = sessions[2];
      kit.capacity.existing = [
        { id: 'other', resourceId: CHAIR_1, patientId: OTHER_PATIENT_ID, start: taken.startsAt, end: taken.endsAt },
      ];
      const reasons = await kit.planning.recheck(CLINIC_ID, window, window.sessions, {
        protocol: fiveDay,
        patientId: PATIENT_ID,
      });
      expect(reasons.map((r) => r.sessionIndex)).toEqual([2]);
    });

    it('leaves the appointment being moved out of what is taken', async () => {
      const kit = bookingKit();
      const own = session(CHAIR_1, monday, 0, '09:00', singleDay().minutesPerSession);
      kit.capacity.existing = [
        { id: 'moving', resourceId: CHAIR_1, patientId: PATIENT_ID, start: own.startsAt, end: own.endsAt },
      ];
      const one = normaliseSessions([own]);
      const ctx = { protocol: singleDay(), patientId: PATIENT_ID };
      expect(await kit.planning.recheck(CLINIC_ID, one, one.sessions, ctx)).not.toEqual([]);
      expect(
        await kit.planning.recheck(CLINIC_ID, one, one.sessions, { ...ctx, excludeAppointmentIds: ['moving'] }),
      ).toEqual([]);
    });

    it('refuses every plan for a clinic it cannot load', async () => {
      const kit = bookingKit();
      kit.capacity.capacity = null;
      const reasons = await kit.planning.recheck(CLINIC_ID, window, window.sessions, {
        protocol: fiveDay,
        patientId: PATIENT_ID,
      });
      expect(reasons).toEqual([{ code: 'UNKNOWN_CLINIC', message: 'no such clinic' }]);
    });
  });

  it('lists every clinic-local day a session touches, once, for the eligibility gate', () => {
    const { planning } = bookingKit();
    // 23:30 to 00:30 London time crosses local midnight; UTC dates would say otherwise in summer.
    const overnight = session(CHAIR_2, '2031-07-07', 0, '23:30', 60);
    const sameDay = session(CHAIR_2, '2031-07-07', 0, '09:00', 60);
    expect(planning.treatmentDates([sameDay, overnight], 'Europe/London')).toEqual(['2031-07-07', '2031-07-08']);
    // A session ending exactly at midnight does not touch the next day.
    expect(planning.treatmentDates([session(CHAIR_2, '2031-07-07', 0, '23:00', 60)], 'Europe/London')).toEqual([
      '2031-07-07',
    ]);
  });

  it('sorts chosen sessions by start in canonical UTC form', () => {
    const { sessions } = normaliseSessions([
      { chairId: CHAIR_1, startsAt: '2031-03-04T10:00:00+01:00', endsAt: '2031-03-04T11:00:00+01:00' },
      { chairId: CHAIR_1, startsAt: '2031-03-03T09:00:00Z', endsAt: '2031-03-03T10:00:00Z' },
    ]);
    expect(sessions.map((s) => s.startsAt)).toEqual(['2031-03-03T09:00:00.000Z', '2031-03-04T09:00:00.000Z']);
  });

  it('reads a stored protocol only when it has the shape of one', () => {
    expect(storedProtocol(JSON.parse(JSON.stringify(fiveDay)))).toEqual(fiveDay);
    expect(() => storedProtocol({ ...fiveDay, pattern: { kind: 'SOMETIMES' } })).toThrow(/not a valid protocol/);
    expect(() => storedProtocol(null)).toThrow(/not a valid protocol/);
  });
});

function singleDay() {
  return catalogue('IV_SINGLE_INFUSION');
}
