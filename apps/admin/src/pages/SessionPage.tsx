import { Anchor, Button, Card, Group, Modal, Stack, Text } from '@mantine/core';
import { useState, type ReactNode } from 'react';
import { Link, useParams } from 'react-router';
import { hasAnyRole, useCurrentUser } from '../features/auth/hooks/useSession';
import { useClinicClock } from '../features/clinic/hooks/useClinicClock';
import { formatClinicDate, formatClinicTimeRange } from '../features/clinic/time';
import type { InfusionSession } from '../features/infusion/api/infusion.api';
import { useClinicians } from '../features/infusion/api/clinicians.api';
import { CheckInPanel } from '../features/infusion/components/CheckInPanel';
import { DischargeForm } from '../features/infusion/components/DischargeForm';
import { OverdueMarks, SessionStateBadge } from '../features/infusion/components/SessionBadges';
import { SignaturesPanel } from '../features/infusion/components/SignaturesPanel';
import { StatusTiles } from '../features/infusion/components/StatusTiles';
import { useDischarge, useSession } from '../features/infusion/hooks/useInfusion';
import { DoseEventForm, type DoseStep } from '../features/dosing/components/DoseEventForm';
import { DosingPanel } from '../features/dosing/components/DosingPanel';
import { OrderForm } from '../features/dosing/components/OrderForm';
import { useCreateOrder, useDoseEvent, useDosing } from '../features/dosing/hooks/useDosing';
import { VitalsChart } from '../features/infusion/components/VitalsChart';
import { VitalsEntryForm } from '../features/infusion/components/VitalsEntryForm';
import { AdverseEvents } from '../features/monitoring/components/AdverseEvents';
import { AlertsPanel } from '../features/monitoring/components/AlertsPanel';
import { FlowsheetTable } from '../features/monitoring/components/FlowsheetTable';
import { useFlowsheet, useRecordVitals } from '../features/monitoring/hooks/useVitals';
import { CenteredLoader } from '../shared/CenteredLoader';
import { PageHeader } from '../shared/PageHeader';
import { QueryError } from '../shared/QueryError';
import { isMissingRecord } from './NotFoundPage';
import { formatMg } from '../features/dosing/mg';

const STEP_TITLES: Record<DoseStep, string> = {
  START: 'Start the infusion',
  RATE: 'Change the rate',
  STOP: 'Stop',
  BOLUS: 'Give the dose',
};

type Dialog = 'discharge' | 'vitals' | 'order' | DoseStep | null;

/** The session screen, for a tablet at arm's length: large targets, the clock and the next step first. */
export function SessionPage() {
  const { sessionId = '' } = useParams();
  const session = useSession(sessionId);
  const back = (
    <Anchor component={Link} to="/today" size="sm">
      ← Today
    </Anchor>
  );
  if (session.isPending) return <CenteredLoader label="Loading the session" />;
  if (session.isError) {
    return (
      <>
        <PageHeader above={back} title="Session" />
        <QueryError
          error={session.error}
          onRetry={() => session.refetch()}
          title={isMissingRecord(session.error) ? 'This session was not found' : 'Could not load the session'}
        />
      </>
    );
  }
  return <SessionScreen session={session.data} back={back} />;
}

function SessionScreen({ session, back }: { session: InfusionSession; back: ReactNode }) {
  const user = useCurrentUser();
  const { zone, today } = useClinicClock();
  const clinicians = useClinicians();
  const [dialog, setDialog] = useState<Dialog>(null);
  const discharge = useDischarge(session.id);
  const dosing = useDosing(session.id);
  const flowsheet = useFlowsheet(session.id);
  const recordVitals = useRecordVitals(session.id);
  const order = useCreateOrder(session.id);
  const doseEvent = useDoseEvent(session.id);
  const isNurse = hasAnyRole(user, ['NURSE']);
  const isClinician = hasAnyRole(user, ['CLINICIAN']);
  const action = (name: InfusionSession['actions'][number]['action']) => session.actions.find((a) => a.action === name);
  const clinicianName = (id: string | null) => clinicians.data?.find((c) => c.id === id)?.displayName;
  const close = () => setDialog(null);
  const { appointment, patient, protocol } = session;

  const start = action('start');
  const vitalsOpen = action('record_vitals')?.open ?? false;
  const rateOpen = action('change_rate')?.open ?? false;
  const stopOpen = action('stop')?.open ?? false;
  const hasOrder = (dosing.data?.orders.length ?? 0) > 0;
  const bolus = dosing.data?.form === 'BOLUS';
  const canOrder = isClinician && (session.state === 'CHECKED_IN' || session.state === 'INFUSING');
  const fs = flowsheet.data;
  const dosingData = dosing.data;
  // Before the start the day's checks are the work in hand; afterwards they are the record.
  const checkingIn = session.state === 'CHECKED_IN';
  // Once discharged, the signatures are what is left to do.
  const signing = session.state === 'DISCHARGED';
  const signaturesPanel = (
    <SignaturesPanel
      session={session}
      zone={zone}
      isNurse={isNurse}
      isClinician={isClinician}
      clinicianName={clinicianName}
    />
  );
  const checkInPanel = (
    <CheckInPanel session={session} zone={zone} today={today} isNurse={isNurse} isClinician={isClinician} />
  );

  return (
    <>
      <PageHeader
        above={back}
        title={patient.name}
        description={`MRN ${patient.mrn} · born ${formatClinicDate(`${patient.dateOfBirth}T12:00:00Z`, 'UTC')} · ${
          appointment.chairName ?? 'No chair'
        } · ${formatClinicTimeRange(appointment.startsAt, appointment.endsAt, zone)} · ${protocol.name}, session ${
          appointment.sessionNumber
        } of ${appointment.sessionCount}`}
        actions={
          <Group gap="sm">
            <Button component={Link} to={`/patients/${patient.id}`} variant="subtle" size="md">
              Patient record
            </Button>
            <SessionStateBadge state={session.state} size="xl" />
          </Group>
        }
      />
      <Stack gap="md">
        <OverdueMarks overdue={session.overdue} />
        <StatusTiles
          zone={zone}
          startedAt={session.startedAt}
          stoppedAt={session.stoppedAt}
          vitalsDueAt={session.state === 'INFUSING' || session.state === 'IN_RECOVERY' ? fs?.due?.dueAt : null}
          vitalsGraceMinutes={fs?.graceMinutes}
          rate={
            dosingData && (
              <Text fz={24} fw={700} lh={1.2} data-testid="current-rate">
                {dosingData.currentRateMgPerHour} mg/h
              </Text>
            )
          }
          given={
            dosingData && (
              <Text fz={24} fw={700} lh={1.2}>
                {formatMg(dosingData.mgGiven)}
                {dosingData.expectedMg !== null && (
                  <Text span size="sm" c="dimmed" fw={400}>
                    {' '}
                    of {formatMg(dosingData.expectedMg)}
                  </Text>
                )}
              </Text>
            )
          }
        />
        {session.state !== 'DISCHARGED' && (
          <Card withBorder radius="md" padding="md" component="section" aria-label="Actions">
            <Group gap="sm" wrap="wrap">
              {vitalsOpen && (
                <Button size="xl" onClick={() => setDialog('vitals')}>
                  Enter vitals
                </Button>
              )}
              {canOrder && dosingData && (
                <Button size="xl" variant="light" onClick={() => setDialog('order')}>
                  {hasOrder ? 'New order' : 'Order the dose'}
                </Button>
              )}
              {session.state === 'CHECKED_IN' && dosingData && (
                <Button
                  size="xl"
                  color="cadence"
                  disabled={!start?.open || !hasOrder}
                  onClick={() => setDialog(bolus ? 'BOLUS' : 'START')}
                >
                  {bolus ? 'Give the dose' : 'Start the infusion'}
                </Button>
              )}
              {rateOpen && !bolus && dosingData && (
                <Button size="xl" variant="light" onClick={() => setDialog('RATE')}>
                  Change the rate
                </Button>
              )}
              {stopOpen && dosingData && (
                <Button size="xl" color="red" variant="light" onClick={() => setDialog('STOP')}>
                  {bolus ? 'End the dosing' : 'Stop the infusion'}
                </Button>
              )}
              {isNurse && session.state === 'IN_RECOVERY' && (
                <Button size="xl" color="green" onClick={() => setDialog('discharge')}>
                  Discharge
                </Button>
              )}
            </Group>
            {start?.refusal && session.state === 'CHECKED_IN' && (
              <Text size="sm" c="red.8" mt="xs">
                {start.refusal.reason}
              </Text>
            )}
            {session.state === 'CHECKED_IN' && dosingData && !hasOrder && (
              <Text size="sm" c="dimmed" mt="xs">
                The start waits for the clinician&apos;s order.
              </Text>
            )}
          </Card>
        )}
        {checkingIn && checkInPanel}
        {signing && signaturesPanel}
        {fs && (
          <AlertsPanel alerts={fs.alerts} zone={zone}>
            <AdverseEvents
              sessionId={session.id}
              zone={zone}
              today={today}
              canRecord={(action('record_adverse_event')?.open ?? false) && !session.signatures.nurseSignedAt}
            />
          </AlertsPanel>
        )}
        {fs && (
          <VitalsChart
            readings={fs.readings.map((r) => ({ ...r, voided: r.voided !== null }))}
            thresholds={fs.thresholds}
            zone={zone}
          />
        )}
        {fs && <FlowsheetTable readings={fs.readings} zone={zone} />}
        {dosingData && <DosingPanel dosing={dosingData} zone={zone} />}
        {!checkingIn && checkInPanel}
        {!signing && signaturesPanel}
      </Stack>
      <Modal opened={dialog === 'vitals'} onClose={close} title="Vitals" size="lg">
        <VitalsEntryForm
          zone={zone}
          today={today}
          saving={recordVitals.isPending}
          onSave={(entry) => recordVitals.mutateAsync(entry)}
          onDone={close}
        />
      </Modal>
      {dosingData && (
        <Modal opened={dialog === 'order'} onClose={close} title="Dose order" size="lg">
          <OrderForm
            dosing={dosingData}
            saving={order.isPending}
            onOrder={(body) => order.mutateAsync(body)}
            onDone={close}
          />
        </Modal>
      )}
      {dosingData &&
        (['START', 'RATE', 'STOP', 'BOLUS'] as const).map((step) => (
          <Modal key={step} opened={dialog === step} onClose={close} title={STEP_TITLES[step]} size="lg">
            <DoseEventForm
              step={step}
              dosing={dosingData}
              zone={zone}
              today={today}
              isClinician={isClinician}
              saving={doseEvent.isPending}
              onRecord={(body) => doseEvent.mutateAsync(body)}
              onDone={close}
            />
          </Modal>
        ))}
      <Modal opened={dialog === 'discharge'} onClose={close} title="Discharge" size="lg">
        <DischargeForm
          version={session.version}
          aldreteMinimum={session.settings.discharge.aldreteMinimum}
          saving={discharge.isPending}
          onDischarge={(body) => discharge.mutateAsync(body)}
          onDone={close}
        />
      </Modal>
    </>
  );
}
