import type { ProtocolRecord } from '../protocols/api/protocols.api';
import type { Course, CourseOptionsRequest, CoursePlanOption } from './api/booking.api';

/**
 * Where the booking wizard is. Each step carries what it needs, so "confirm without a plan" or
 * "booked without a course" cannot be represented. The patient lives in the URL (?patient=).
 */
export type WizardStep =
  | { name: 'patient' }
  | { name: 'protocol' }
  | { name: 'dates'; request: CourseOptionsRequest; selected: number | null }
  /** The chosen plan is kept as it was shown, even if a later search reorders the list. */
  | { name: 'confirm'; request: CourseOptionsRequest; plan: CoursePlanOption }
  | { name: 'booked'; plan: CoursePlanOption; course: Course };

export type StepName = WizardStep['name'];

/** What the patient asks of the options: a time of day, the weekdays they can come, a chair. */
export type OptionFilters = Pick<CourseOptionsRequest, 'timeOfDay' | 'weekdays' | 'preferredChairId'>;

/** The request with these filters instead of its own; a filter left empty is not sent. */
export function withFilters(request: CourseOptionsRequest, filters: OptionFilters): CourseOptionsRequest {
  const { timeOfDay: _t, weekdays: _w, preferredChairId: _c, ...rest } = request;
  return {
    ...rest,
    ...(filters.timeOfDay && filters.timeOfDay !== 'ANY' ? { timeOfDay: filters.timeOfDay } : {}),
    ...(filters.weekdays && filters.weekdays.length > 0 ? { weekdays: [...filters.weekdays].sort() } : {}),
    ...(filters.preferredChairId ? { preferredChairId: filters.preferredChairId } : {}),
  };
}

/** The Stepper's order; 'booked' is its completed state. */
export const STEP_ORDER: readonly StepName[] = ['patient', 'protocol', 'dates', 'confirm', 'booked'];

export interface WizardState {
  step: WizardStep;
  protocol: ProtocolRecord | null;
  /** Chosen for a WEEKDAYS protocol (the others fix their session count). */
  sessions: number | null;
  /** The earliest clinic-local date the first session may fall on. */
  earliest: string;
  /** Optional baseline scores (0–10), recorded with the course. */
  painNrs: number | null;
  interference: number | null;
}

export type WizardAction =
  | { type: 'patientChanged' }
  | { type: 'protocolConfirmed' }
  | { type: 'protocolChosen'; protocol: ProtocolRecord }
  | { type: 'sessionsChanged'; sessions: number | null }
  | { type: 'earliestChanged'; earliest: string }
  | { type: 'datesRequested'; request: CourseOptionsRequest }
  | { type: 'filtersChanged'; filters: OptionFilters }
  | { type: 'optionSelected'; index: number }
  | { type: 'planChosen'; plan: CoursePlanOption }
  | { type: 'searchAgain' }
  | { type: 'baselineChanged'; painNrs?: number | null; interference?: number | null }
  | { type: 'booked'; course: Course }
  | { type: 'back' }
  | { type: 'goTo'; step: 'patient' | 'protocol' | 'dates' }
  | { type: 'startOver'; today: string };

export function initialWizardState(today: string): WizardState {
  return {
    step: { name: 'patient' },
    protocol: null,
    sessions: null,
    earliest: today,
    painNrs: null,
    interference: null,
  };
}

export const stepIndex = (step: WizardStep) => STEP_ORDER.indexOf(step.name);

/** The step before this one, keeping the search so going back and forward does not lose it. */
function previous(step: WizardStep): WizardStep {
  switch (step.name) {
    case 'patient':
    case 'protocol':
      return { name: 'patient' };
    case 'dates':
      return { name: 'protocol' };
    case 'confirm':
      return { name: 'dates', request: step.request, selected: null };
    case 'booked':
      return step; // a booking is not undone by going back
  }
}

export function wizardReducer(state: WizardState, action: WizardAction): WizardState {
  const { step } = state;
  switch (action.type) {
    case 'patientChanged':
      return { ...state, step: { name: 'patient' } };
    case 'protocolConfirmed':
      return step.name === 'patient' ? { ...state, step: { name: 'protocol' } } : state;
    case 'protocolChosen': {
      const pattern = action.protocol.definition.pattern;
      return {
        ...state,
        protocol: action.protocol,
        sessions: pattern.kind === 'WEEKDAYS' ? pattern.minSessions : null,
      };
    }
    case 'sessionsChanged':
      return { ...state, sessions: action.sessions };
    case 'earliestChanged':
      return { ...state, earliest: action.earliest };
    case 'datesRequested':
      return step.name === 'protocol'
        ? { ...state, step: { name: 'dates', request: action.request, selected: null } }
        : state;
    case 'filtersChanged':
      return step.name === 'dates'
        ? { ...state, step: { name: 'dates', request: withFilters(step.request, action.filters), selected: null } }
        : state;
    case 'optionSelected':
      return step.name === 'dates' ? { ...state, step: { ...step, selected: action.index } } : state;
    case 'planChosen':
      return step.name === 'dates'
        ? { ...state, step: { name: 'confirm', request: step.request, plan: action.plan } }
        : state;
    case 'searchAgain':
      return step.name === 'confirm' || step.name === 'dates'
        ? { ...state, step: { name: 'dates', request: step.request, selected: null } }
        : state;
    case 'baselineChanged':
      return {
        ...state,
        ...(action.painNrs !== undefined ? { painNrs: action.painNrs } : {}),
        ...(action.interference !== undefined ? { interference: action.interference } : {}),
      };
    case 'booked':
      return step.name === 'confirm'
        ? { ...state, step: { name: 'booked', plan: step.plan, course: action.course } }
        : state;
    case 'back':
      return { ...state, step: previous(step) };
    case 'goTo': {
      // Only back to a step already passed, and never out of a finished booking.
      if (step.name === 'booked' || STEP_ORDER.indexOf(action.step) >= stepIndex(step)) return state;
      let next: WizardStep = step;
      while (next.name !== action.step) next = previous(next);
      return { ...state, step: next };
    }
    case 'startOver':
      return initialWizardState(action.today);
  }
}
