import type { InfusionSettings } from '@cadence/domain';
import { DateTime } from 'luxon';

export interface ReminderFacts {
  givenName: string;
  clinicName: string;
  /** Printed under the time when the clinic has one. */
  clinicAddress: string | null;
  startsAt: Date;
  /** The clinic's zone: the time is the one on the clinic's clocks that day. */
  timeZone: string;
  /** The fasting the appointment's protocol asks for (the clinic's infusion settings under the protocol's). */
  fastingHours: InfusionSettings['fastingHours'];
}

/**
 * The email reminding a patient of an appointment: when (the date spelled out, so it reads right
 * whenever it arrives), where, what to do about eating and drinking, and that they must not drive
 * after ketamine and need an adult to take them home.
 */
export function appointmentReminder(facts: ReminderFacts): { subject: string; body: string } {
  const local = DateTime.fromJSDate(facts.startsAt, { zone: facts.timeZone }).setLocale('en-GB');
  const day = local.toFormat('cccc d LLLL yyyy');
  const time = local.toFormat('HH:mm');
  const lines = [
    `Dear ${facts.givenName},`,
    '',
    `This is a reminder of your appointment at ${facts.clinicName} on ${day} at ${time}.`,
    ...(facts.clinicAddress ? [`Address: ${facts.clinicAddress}`] : []),
    '',
    fastingAdvice(facts.fastingHours),
    '',
    'You must not drive after your treatment: please arrange for an adult to take you home.',
    '',
    `If you cannot come, please contact ${facts.clinicName} as soon as you can.`,
  ];
  return { subject: `Reminder: your appointment at ${facts.clinicName} on ${day} at ${time}`, body: lines.join('\n') };
}

function fastingAdvice({ food, clearFluids }: InfusionSettings['fastingHours']): string {
  const hours = (n: number) => `${n} hour${n === 1 ? '' : 's'}`;
  // 0 hours asks for nothing, as null does.
  const foodHours = food || null;
  const fluidHours = clearFluids || null;
  if (foodHours && fluidHours)
    return `Before you come: do not eat for ${hours(foodHours)} before your appointment; you may drink clear fluids until ${hours(fluidHours)} before it.`;
  if (foodHours) return `Before you come: do not eat for ${hours(foodHours)} before your appointment.`;
  if (fluidHours)
    return `Before you come: do not drink, even clear fluids, for ${hours(fluidHours)} before your appointment.`;
  return 'You do not need to fast before this appointment.';
}
