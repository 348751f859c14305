import { Button, Card, Group, Stack, Stepper } from '@mantine/core';
import { DateTime } from 'luxon';
import { useMediaQuery } from '@mantine/hooks';
import { useEffect, useReducer } from 'react';
import { useSearchParams } from 'react-router';
import { isCalendarDate } from '../../../shared/dates';
import { useClinic } from '../../clinic/hooks/useClinic';
import { useClinicClock } from '../../clinic/hooks/useClinicClock';
import { useBoosterChecks } from '../../follow-up/hooks/useBoosters';
import { useProtocols } from '../../protocols/hooks/useProtocols';
import { bookingProblem } from '../bookingErrors';
import { clickedSlotOf, requestFromSlot } from '../clickedSlot';
import { useBookCourse, useCourseOptions, useEligibility } from '../hooks/useBooking';
import { initialWizardState, stepIndex, wizardReducer, type WizardState } from '../wizard';
import { BookedStep } from './BookedStep';
import { BoosterPanel } from './BoosterPanel';
import { ClickedSlotNotice, ClickedSlotVerdict } from './ClickedSlotNotice';
import { ConfirmStep, scoreError } from './ConfirmStep';
import { OpenCoursesAlert } from './OpenCoursesAlert';
import { OptionsStep } from './OptionsStep';
import { ChosenPatient, PatientSearch } from './PatientStep';
import { isBookable, ProtocolStep, sessionsError } from './ProtocolStep';

const OPTION_COUNT = 5;

/** Whether the protocol step is complete: a bookable protocol, a valid session count and a date. */
function protocolReady({ protocol, sessions, earliest }: WizardState, today: string): boolean {
  if (!protocol || !isBookable(protocol) || !isCalendarDate(earliest) || earliest < today) return false;
  // Only a weekday course sends its count; the other patterns fix theirs.
  const pattern = protocol.definition.pattern;
  return pattern.kind !== 'WEEKDAYS' || sessionsError(pattern, sessions) === null;
}

/**
 * Patient → protocol → ranked dates → confirm. The API decides eligibility and capacity. With
 * `?boosterOf=<course>` it books a booster of that course through the same search and booking,
 * showing the pre-booster checks for the chosen protocol and day and going on only when they allow it.
 */
export function BookingWizard() {
  const { zone, today } = useClinicClock();
  const [params, setParams] = useSearchParams();
  const patientId = params.get('patient');
  const boosterOf = patientId ? params.get('boosterOf') : null;
  // Opened from a free slot on the chair board (?chair=&at=): searched from that slot.
  const clinic = useClinic();
  const slot = clickedSlotOf(params, clinic.data?.chairs ?? []);
  const slotDay = DateTime.fromISO(params.get('at') ?? '', { zone }).toISODate();
  const [state, dispatch] = useReducer(wizardReducer, slotDay && slotDay > today ? slotDay : today, initialWizardState);
  // Below this width the four steps fit on one line only without their descriptions.
  const wide = useMediaQuery('(min-width: 80em)', true);
  const { step, protocol, sessions } = state;

  const eligibility = useEligibility(patientId);
  const options = useCourseOptions(step.name === 'dates' || step.name === 'confirm' ? step.request : null);
  const book = useBookCourse();
  const protocols = useProtocols();
  const boosterChecks = useBoosterChecks(boosterOf ? patientId : null, {
    ...(protocol ? { protocolId: protocol.id } : {}),
    ...(isCalendarDate(state.earliest) ? { on: state.earliest } : {}),
  });
  // A booster is offered under the last course's protocol (its newest version), from the first day its
  // policy allows, unless the desk picks otherwise: both are only defaults, set once.
  const suggested = boosterChecks.data?.protocol.id;
  const policyEarliest = boosterChecks.data?.earliestOn;
  useEffect(() => {
    if (protocol || !suggested) return;
    const record = protocols.data?.find((p) => p.id === suggested && p.active);
    if (!record) return;
    dispatch({ type: 'protocolChosen', protocol: record });
    if (policyEarliest && policyEarliest > state.earliest)
      dispatch({ type: 'earliestChanged', earliest: policyEarliest });
  }, [protocol, suggested, policyEarliest, protocols.data, state.earliest]);
  const booster = boosterOf
    ? {
        boosterOfCourseId: boosterOf,
        ...(boosterChecks.data?.approval && boosterChecks.data.decision.accepted.length > 0
          ? { boosterApprovalId: boosterChecks.data.approval.id }
          : {}),
      }
    : {};

  const choosePatient = (id: string | null) => {
    setParams(
      (current) => {
        const next = new URLSearchParams(current);
        if (id) next.set('patient', id);
        else next.delete('patient');
        next.delete('boosterOf'); // a booster belongs to the patient it was opened for
        return next;
      },
      { replace: true },
    );
    dispatch({ type: 'patientChanged' });
    book.reset();
  };

  const searchAgain = () => {
    book.reset();
    dispatch({ type: 'searchAgain' });
    void options.refetch();
  };

  const next = () => {
    switch (step.name) {
      case 'patient':
        return dispatch({ type: 'protocolConfirmed' });
      case 'protocol':
        if (!patientId || !protocol) return undefined;
        return dispatch({
          type: 'datesRequested',
          request: requestFromSlot(
            {
              patientId,
              protocolId: protocol.id,
              ...(protocol.definition.pattern.kind === 'WEEKDAYS' && sessions ? { sessions } : {}),
              earliest: state.earliest,
              k: OPTION_COUNT,
              ...(boosterOf ? { boosterOfCourseId: boosterOf } : {}),
            },
            slot,
            zone,
            protocol.definition.setting === 'BED',
          ),
        });
      case 'dates': {
        const plan = step.selected === null ? undefined : options.data?.plans[step.selected];
        if (!plan) return undefined;
        book.reset();
        return dispatch({ type: 'planChosen', plan });
      }
      case 'confirm':
      case 'booked':
        return undefined;
    }
  };

  const confirm = () => {
    if (step.name !== 'confirm' || !patientId || !protocol) return;
    book.mutate(
      {
        patientId,
        protocolId: protocol.id,
        sessions: step.plan.sessions.map(({ chairId, startsAt, endsAt }) => ({ chairId, startsAt, endsAt })),
        ...(state.painNrs !== null ? { baselinePainNrs: state.painNrs } : {}),
        ...(state.interference !== null ? { baselinePainInterference: state.interference } : {}),
        ...booster,
      },
      { onSuccess: (course) => dispatch({ type: 'booked', course }) },
    );
  };

  const forgetSlot = () =>
    setParams(
      (current) => {
        const next = new URLSearchParams(current);
        next.delete('chair');
        next.delete('at');
        return next;
      },
      { replace: true },
    );

  const startOver = () => {
    book.reset();
    choosePatient(null);
    forgetSlot();
    dispatch({ type: 'startOver', today });
  };

  const canLeave = (() => {
    switch (step.name) {
      case 'patient':
        return !!patientId && eligibility.data?.status === 'ELIGIBLE';
      case 'protocol':
        return protocolReady(state, today) && (!boosterOf || boosterChecks.data?.decision.allowed === true);
      case 'dates':
        return step.selected !== null && !!options.data?.plans[step.selected];
      case 'confirm':
        return scoreError(state.painNrs) === null && scoreError(state.interference) === null;
      case 'booked':
        return false;
    }
  })();
  const active = stepIndex(step);

  return (
    <Card withBorder radius="md" padding="xl">
      {slot && step.name !== 'booked' && <ClickedSlotNotice slot={slot} zone={zone} onForget={forgetSlot} />}
      <Stepper
        active={active}
        onStepClick={(index) => {
          const target = (['patient', 'protocol', 'dates'] as const)[index];
          if (target) dispatch({ type: 'goTo', step: target });
        }}
        allowNextStepsSelect={false}
        size="sm"
      >
        <Stepper.Step label="Patient" description={wide ? 'Find and check eligibility' : undefined}>
          <Stack mt="lg" gap="md">
            {patientId ? (
              <ChosenPatient patientId={patientId} onChange={() => choosePatient(null)} />
            ) : (
              <PatientSearch onChoose={choosePatient} />
            )}
          </Stack>
        </Stepper.Step>
        <Stepper.Step label="Protocol" description={wide ? 'What to book' : undefined}>
          <Stack mt="lg">
            <ProtocolStep
              protocolId={protocol?.id ?? null}
              onProtocolChange={(p) => dispatch({ type: 'protocolChosen', protocol: p })}
              sessions={sessions}
              onSessionsChange={(value) => dispatch({ type: 'sessionsChanged', sessions: value })}
              earliest={state.earliest}
              onEarliestChange={(value) => dispatch({ type: 'earliestChanged', earliest: value })}
              minEarliest={today}
            />
            {boosterOf && (
              <BoosterPanel
                checks={boosterChecks}
                boosterOf={boosterOf}
                onUseDate={(value) => dispatch({ type: 'earliestChanged', earliest: value })}
              />
            )}
          </Stack>
        </Stepper.Step>
        <Stepper.Step label="Dates" description={wide ? 'Choose chair and times' : undefined}>
          <Stack mt="lg">
            {step.name === 'dates' && slot && options.data && protocol && (
              <ClickedSlotVerdict
                slot={slot}
                request={step.request}
                plans={options.data.plans}
                zone={zone}
                protocolNeedsBed={protocol.definition.setting === 'BED'}
              />
            )}
            {step.name === 'dates' && (
              <OptionsStep
                query={options}
                zone={zone}
                earliest={step.request.earliest}
                selected={step.selected}
                onSelect={(index) => dispatch({ type: 'optionSelected', index })}
                filters={step.request}
                resourceKind={protocol?.definition.setting === 'BED' ? 'BED' : 'CHAIR'}
                onFiltersChange={(filters) => dispatch({ type: 'filtersChanged', filters })}
              />
            )}
          </Stack>
        </Stepper.Step>
        <Stepper.Step label="Confirm" description={wide ? 'Book every session' : undefined}>
          {step.name === 'confirm' && options.data && (
            <Stack mt="lg">
              <OpenCoursesAlert courses={options.data.openCourses} zone={zone} />
            </Stack>
          )}
          {step.name === 'confirm' && protocol && patientId && (
            <ConfirmStep
              patientId={patientId}
              protocol={protocol}
              plan={step.plan}
              zone={zone}
              painNrs={state.painNrs}
              interference={state.interference}
              onBaseline={(change) => dispatch({ type: 'baselineChanged', ...change })}
              error={book.error}
              onSearchAgain={searchAgain}
            />
          )}
        </Stepper.Step>
        <Stepper.Completed>
          {step.name === 'booked' && (
            <BookedStep course={step.course} plan={step.plan} zone={zone} onAnother={startOver} />
          )}
        </Stepper.Completed>
      </Stepper>

      {step.name !== 'booked' && (
        <Group justify="space-between" mt="xl" pt="md" style={{ borderTop: '1px solid var(--mantine-color-gray-2)' }}>
          <Button
            variant="default"
            onClick={() => dispatch({ type: 'back' })}
            disabled={step.name === 'patient' || book.isPending}
          >
            Back
          </Button>
          {step.name === 'confirm' ? (
            <Button
              onClick={confirm}
              loading={book.isPending}
              disabled={!canLeave || (book.isError && bookingProblem(book.error).searchAgain)}
              size="md"
            >
              {step.plan.sessions.length > 1 ? `Book ${step.plan.sessions.length} sessions` : 'Book course'}
            </Button>
          ) : (
            <Button onClick={next} disabled={!canLeave} size="md">
              {step.name === 'protocol' ? 'Find dates' : 'Next'}
            </Button>
          )}
        </Group>
      )}
    </Card>
  );
}
