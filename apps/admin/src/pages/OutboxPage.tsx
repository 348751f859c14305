import { hasAnyRole, useCurrentUser } from '../features/auth/hooks/useSession';
import { useClinicClock } from '../features/clinic/hooks/useClinicClock';
import { Outbox } from '../features/follow-up/components/Outbox';
import { OUTBOX_ACT_ROLES } from '../features/follow-up/labels';
import { PageHeader } from '../shared/PageHeader';

export function OutboxPage() {
  const { zone } = useClinicClock();
  const user = useCurrentUser();
  return (
    <>
      <PageHeader
        title="Outbox"
        description="Follow-up links and appointment reminders: what could not be emailed is listed here to send by hand."
      />
      <Outbox zone={zone} canAct={hasAnyRole(user, OUTBOX_ACT_ROLES)} />
    </>
  );
}
