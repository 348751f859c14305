import type { Role, SessionUser } from '../api/types';
import { ADMIN_ROLES, PATIENT_ROLES } from '../features/auth/roles';
import { BOARD_ROLES, BOOKING_ROLES } from '../features/booking/roles';
import { BOOSTER_QUEUE_ROLES, OUTBOX_ACT_ROLES, WORKLIST_NAV_ROLES } from '../features/follow-up/labels';
import { ALERT_ROLES, INFUSION_ROLES } from '../features/infusion/labels';
import { OUTCOMES_ROLES } from '../features/outcomes/labels';
import { REVIEW_ROLES } from '../features/screening/labels';

export interface NavItem {
  label: string;
  to: string;
  roles: readonly Role[];
  /** Other paths that belong to this section, e.g. a patient's screening under Patients. */
  also?: readonly string[];
}

/** What each role works with; the API enforces the same rules. */
export const NAV_ITEMS: NavItem[] = [
  // The nurse's landing page: the infusion day's sessions, each opening its check-in or its screen.
  { label: 'Today', to: '/today', roles: INFUSION_ROLES, also: ['/sessions', '/check-in'] },
  // A screening is opened from its patient's record, so its page is part of Patients.
  { label: 'Patients', to: '/patients', roles: PATIENT_ROLES, also: ['/screenings'] },
  // After the infusion day, the calls that measure how long relief lasts; a record is taken from here.
  { label: 'Follow-ups', to: '/follow-ups', roles: WORKLIST_NAV_ROLES },
  { label: 'Book a course', to: '/booking', roles: BOOKING_ROLES },
  { label: 'Chair board', to: '/board', roles: BOARD_ROLES },
  { label: 'Review queue', to: '/review-queue', roles: REVIEW_ROLES },
  { label: 'Booster queue', to: '/boosters', roles: BOOSTER_QUEUE_ROLES },
  // Clinicians may read it (from a link), but it is the work of those who contact patients.
  { label: 'Outbox', to: '/outbox', roles: OUTBOX_ACT_ROLES },
  { label: 'Staff', to: '/staff', roles: ADMIN_ROLES },
  { label: 'Audit log', to: '/audit', roles: ADMIN_ROLES },
  { label: 'Protocols', to: '/protocols', roles: ADMIN_ROLES },
  { label: 'Screening checklists', to: '/checklists', roles: ADMIN_ROLES },
  { label: 'Clinic capacity', to: '/clinic', roles: ADMIN_ROLES },
  // What the clinic achieves (relief curves, responders, safety): after each role's daily work.
  { label: 'Outcomes', to: '/outcomes', roles: OUTCOMES_ROLES },
  { label: 'Alerts', to: '/alerts', roles: ALERT_ROLES },
];

export function navFor(user: Pick<SessionUser, 'roles'>): NavItem[] {
  return NAV_ITEMS.filter((item) => item.roles.some((role) => user.roles.includes(role)));
}

/** Whether `pathname` is in the item's section: its own path, a page below it, or one it claims. */
export function isInSection(item: NavItem, pathname: string): boolean {
  return [item.to, ...(item.also ?? [])].some((path) => pathname === path || pathname.startsWith(`${path}/`));
}

/**
 * Where each role's work is, in the order a person with several roles needs it: a clinician's
 * review queue (it holds up others' bookings), a nurse's day list. The front desk starts from
 * Patients, the first page it can use.
 */
const LANDING: readonly { role: Role; to: string }[] = [
  { role: 'CLINICIAN', to: '/review-queue' },
  { role: 'NURSE', to: '/today' },
];

/** Where a user lands after signing in: their role's work, else the first page they can use. */
export function homeFor(user: Pick<SessionUser, 'roles'>): string {
  const landing = LANDING.find((l) => user.roles.includes(l.role));
  if (landing && NAV_ITEMS.some((item) => item.to === landing.to && item.roles.includes(landing.role)))
    return landing.to;
  return navFor(user)[0]?.to ?? '/no-access';
}
