import { partOfDay } from '@cadence/domain';
import { DateTime } from 'luxon';
import type { CourseOptionsRequest, CoursePlanOption } from './api/booking.api';

/** A free slot clicked on the chair board: the course's first session should start there. */
export interface ClickedSlot {
  chairId: string;
  chairName: string;
  /** The chair's kind: a bed protocol needs a bed, every other protocol a chair. */
  isBed: boolean;
  startsAt: string;
}

/** The slot named by `?chair=&at=`, when the chair is an active one of the clinic and the instant is to come. */
export function clickedSlotOf(
  params: URLSearchParams,
  chairs: readonly { id: string; name: string; kind: string; active: boolean }[],
  now = Date.now(),
): ClickedSlot | null {
  const chair = chairs.find((c) => c.id === params.get('chair') && c.active);
  const at = DateTime.fromISO(params.get('at') ?? '', { setZone: true });
  if (!chair || !at.isValid || at.toMillis() <= now) return null;
  return { chairId: chair.id, chairName: chair.name, isBed: chair.kind === 'BED', startsAt: at.toUTC().toISO() ?? '' };
}

/**
 * The options search from the clicked slot: from its instant rather than its day's midnight, keeping
 * its chair when the protocol takes that kind. Only while the wizard's earliest date is still the
 * slot's own day (a date chosen by hand is a search of its own).
 */
export function requestFromSlot(
  request: CourseOptionsRequest,
  slot: ClickedSlot | null,
  zone: string,
  protocolNeedsBed: boolean,
): CourseOptionsRequest {
  if (!slot || DateTime.fromISO(slot.startsAt, { zone }).toISODate() !== request.earliest) return request;
  return {
    ...request,
    earliest: slot.startsAt,
    ...(slot.isBed === protocolNeedsBed ? { preferredChairId: slot.chairId } : {}),
  };
}

export type SlotVerdict = { offered: true; rank: number } | { offered: false; reason: string };

/** Whether an option starts exactly at the clicked slot, and if not, why not in the desk's words. */
export function slotVerdict(
  slot: ClickedSlot,
  request: CourseOptionsRequest,
  plans: readonly CoursePlanOption[],
  zone: string,
  protocolNeedsBed: boolean,
): SlotVerdict {
  const index = plans.findIndex(
    (p) => p.sessions[0]?.chairId === slot.chairId && Date.parse(p.sessions[0].startsAt) === Date.parse(slot.startsAt),
  );
  if (index >= 0) return { offered: true, rank: index + 1 };
  const local = DateTime.fromISO(slot.startsAt, { zone });
  if (slot.isBed !== protocolNeedsBed) {
    return {
      offered: false,
      reason: `${slot.chairName} is ${slot.isBed ? 'a bed' : 'a chair'}; this protocol is given ${protocolNeedsBed ? 'on a bed' : 'in a chair'}.`,
    };
  }
  if (Date.parse(request.earliest) !== Date.parse(slot.startsAt)) {
    return { offered: false, reason: 'The search now starts from another date than the clicked slot’s.' };
  }
  if (request.weekdays && !request.weekdays.includes(local.weekday)) {
    return { offered: false, reason: `${local.toFormat('cccc')} is not among the weekdays chosen.` };
  }
  const part = partOfDay(local.hour * 60 + local.minute);
  if (request.timeOfDay && request.timeOfDay !== 'ANY' && request.timeOfDay !== part) {
    return {
      offered: false,
      reason: `The slot is in the ${part.toLowerCase()}; the search asks for the ${request.timeOfDay.toLowerCase()}.`,
    };
  }
  if (request.preferredChairId && request.preferredChairId !== slot.chairId) {
    return { offered: false, reason: 'Another chair is asked for now.' };
  }
  const first = plans[0]?.sessions[0];
  const earliest = first
    ? ` The earliest course from then starts ${DateTime.fromISO(first.startsAt, { zone }).toFormat('ccc d LLL, HH:mm')} on ${first.chairName}.`
    : '';
  return {
    offered: false,
    reason: `The whole course cannot start there: the chair, the nurses on duty or the patient is not free for a session, or a later session of the course does not fit.${earliest}`,
  };
}
