/** Small builders for scheduling tests: each test makes its own clinic, nothing is shared. */
import type { ClinicCapacity, ExistingAppointment, IsoWeekday } from './clinic';
import type { CoursePlanRequest } from './course';
import { findProtocol, type Protocol, type ProtocolSessionPattern } from './protocol';

export const ALL_WEEK: IsoWeekday[] = [1, 2, 3, 4, 5, 6, 7];
export const MON_TO_FRI: IsoWeekday[] = [1, 2, 3, 4, 5];

/** London clinic, two chairs and a ward bed, 09:00–17:00 on the given days, nurses all day. */
export function newClinic(
  overrides: Partial<ClinicCapacity> & { days?: IsoWeekday[]; opensAt?: string; closesAt?: string } = {},
): ClinicCapacity {
  const { days = MON_TO_FRI, opensAt = '09:00', closesAt = '17:00', ...rest } = overrides;
  return {
    timeZone: 'Europe/London',
    openingHours: days.map((weekday) => ({ weekday, opensAt, closesAt })),
    closures: [],
    resources: [
      { id: 'C1', kind: 'CHAIR' },
      { id: 'C2', kind: 'CHAIR' },
      { id: 'B1', kind: 'BED' },
    ],
    nurseShifts: ALL_WEEK.map((weekday) => ({
      kind: 'WEEKLY' as const,
      weekday,
      startsAt: '00:00',
      endsAt: '24:00',
      nurses: 2,
    })),
    maxInfusionsPerNurse: 4,
    ...rest,
  };
}

export function catalogueProtocol(key: string): Protocol {
  const p = findProtocol(key);
  if (!p) throw new Error(`no protocol ${key}`);
  return p;
}

/** A chair protocol with just the calendar shape a test cares about. */
export function chairProtocol(pattern: ProtocolSessionPattern, minutesPerSession: number): Protocol {
  return {
    ...catalogueProtocol('IV_FIVE_DAY_LOW_DOSE'),
    key: 'TEST',
    name: 'Test protocol',
    pattern,
    minutesPerSession,
  };
}

export function bedProtocol(hours: number): Protocol {
  return { ...catalogueProtocol('IV_CONTINUOUS_100H'), key: 'TEST_BED', pattern: { kind: 'CONTINUOUS', hours } };
}

export function appt(resourceId: string, patientId: string, start: string, end: string): ExistingAppointment {
  return { resourceId, patientId, start: new Date(start).toISOString(), end: new Date(end).toISOString() };
}

export function request(
  overrides: Partial<CoursePlanRequest> & Pick<CoursePlanRequest, 'protocol'>,
): CoursePlanRequest {
  return {
    clinic: newClinic(),
    existing: [],
    patientId: 'patient-1',
    earliest: '2025-06-02',
    horizonDays: 21,
    k: 3,
    ...overrides,
  };
}
