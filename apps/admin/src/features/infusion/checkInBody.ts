import type { CheckInBody } from './api/infusion.api';
import { clinicTimeToday, entered } from './forms';

/** The check-in form as typed: numbers or '' (not recorded), segments as strings. */
export interface CheckInValues {
  /** When the first reading was taken today ("HH:mm"); empty: when the API receives it. */
  bpTime: string;
  systolic: number | string;
  diastolic: number | string;
  heartRate: number | string;
  spo2: number | string;
  weightKg: number | string;
  pregnancy: string;
  lastFood: string;
  lastClearFluids: string;
  escortArranged: string;
  willDrive: string;
  painBefore: string;
  supervisingClinicianId: string | null;
  identityConfirmed: boolean;
}

/** The API's field names → this form's paths: `bloodPressure.systolic` → `systolic`. */
export function checkInFieldPath(field: string): string {
  const path = field.replace(/^(body|dto)\./, '').replace(/^bloodPressure\./, '');
  if (path === 'takenAt') return 'bpTime';
  if (path === 'lastFoodAt') return 'lastFood';
  if (path === 'lastClearFluidsAt') return 'lastClearFluids';
  return path;
}

const yesNo = (value: string) => (value === '' ? undefined : value === 'yes');

export function toCheckInBody(values: CheckInValues, today: string, zone: string): CheckInBody {
  const systolic = entered(values.systolic);
  const diastolic = entered(values.diastolic);
  const heartRate = entered(values.heartRate);
  const anyBp = [systolic, diastolic, heartRate].some((v) => v !== undefined);
  return {
    // Sent as typed, incomplete or not: the API names what is missing beside its input.
    ...(anyBp
      ? {
          bloodPressure: {
            systolic,
            diastolic,
            heartRate,
            takenAt: clinicTimeToday(values.bpTime, today, zone),
          } as NonNullable<CheckInBody['bloodPressure']>,
        }
      : {}),
    spo2: entered(values.spo2),
    weightKg: entered(values.weightKg),
    pregnancy: (values.pregnancy || undefined) as CheckInBody['pregnancy'],
    lastFoodAt: clinicTimeToday(values.lastFood, today, zone),
    lastClearFluidsAt: clinicTimeToday(values.lastClearFluids, today, zone),
    escortArranged: yesNo(values.escortArranged),
    willDrive: yesNo(values.willDrive),
    painBefore: values.painBefore === '' ? undefined : Number(values.painBefore),
    supervisingClinicianId: values.supervisingClinicianId ?? '',
    identityConfirmed: values.identityConfirmed as true,
  };
}
