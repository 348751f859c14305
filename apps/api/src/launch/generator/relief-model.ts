import type { PainMechanism } from '@prisma/client';
import type { Random } from './random';
import { REALISM, type ProtocolKey } from './realism';

/** How long one course's relief lasts in the synthetic clinic: 0 days for a non-responder. */
export interface DrawnRelief {
  responder: boolean;
  /** Days after the course's last session (the last dose for oral maintenance) relief holds. */
  days: number;
}

/** Draws a course's relief from the realism table: responder or not, then a capped log-normal duration. */
export function drawRelief(protocol: ProtocolKey, mechanism: PainMechanism, random: Random): DrawnRelief {
  const shape = REALISM.relief[protocol];
  const factor = REALISM.mechanism[mechanism];
  const responder = random.chance(Math.min(0.95, shape.responderRate * factor.response));
  if (!responder) return { responder, days: 0 };
  const days = Math.min(shape.maxDays, random.logNormal(shape.medianDays * factor.duration, shape.sigma));
  return { responder, days };
}

/** Pain scores (NRS 0–10) on a follow-up: at least a 35 % reduction while relief holds, at most 20 % once lost. */
export function followUpPain(baseline: number, held: boolean, random: Random): { sevenDay: number; now: number } {
  const [low, high] = held ? REALISM.reductionHeld : REALISM.reductionLost;
  const reduction = random.between(low, high);
  // Rounded away from the 30 % line, so the domain reads the same relief as drawn.
  const raw = baseline * (1 - reduction);
  const sevenDay = clampNrs(held ? Math.floor(raw) : Math.ceil(raw));
  const now = clampNrs(sevenDay + random.int(-1, 1));
  return { sevenDay, now };
}

const clampNrs = (value: number) => Math.max(0, Math.min(10, value));
