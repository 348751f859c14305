import type { Role, SessionUser } from '../api/types';
import { ADMIN_ROLES, PATIENT_ROLES } from '../features/auth/roles';
import { REVIEW_ROLES } from '../features/screening/labels';

export interface NavItem {
  label: string;
  to: string;
  roles: readonly Role[];
}

/** What each role works with; the API enforces the same rules. */
export const NAV_ITEMS: NavItem[] = [
  { label: 'Patients', to: '/patients', roles: PATIENT_ROLES },
  { label: 'Review queue', to: '/review-queue', roles: REVIEW_ROLES },
  { label: 'Staff', to: '/staff', roles: ADMIN_ROLES },
  { label: 'Audit log', to: '/audit', roles: ADMIN_ROLES },
];

export function navFor(user: SessionUser): NavItem[] {
  return NAV_ITEMS.filter((item) => item.roles.some((role) => user.roles.includes(role)));
}

/** The first page a user can use, where they land after signing in. */
export function homeFor(user: SessionUser): string {
  return navFor(user)[0]?.to ?? '/no-access';
}
