import { createBrowserRouter } from 'react-router';
import { ADMIN_ROLES, PATIENT_ROLES, REGISTER_PATIENT_ROLES } from '../features/auth/roles';
import { AlertsPage } from '../pages/AlertsPage';
import { AccessReportPage } from '../pages/AccessReportPage';
import { AuditPage } from '../pages/AuditPage';
import { BoardPage } from '../pages/BoardPage';
import { CheckInPage } from '../pages/CheckInPage';
import { ChecklistsPage } from '../pages/ChecklistsPage';
import { BookingPage } from '../pages/BookingPage';
import { BoosterQueuePage } from '../pages/BoosterQueuePage';
import { ClinicPage } from '../pages/ClinicPage';
import { EditPatientPage } from '../pages/EditPatientPage';
import { FollowUpRecordPage } from '../pages/FollowUpRecordPage';
import { FollowUpWorklistPage } from '../pages/FollowUpWorklistPage';
import { HomeRedirect } from '../pages/HomeRedirect';
import { LoginPage } from '../pages/LoginPage';
import { NewPatientPage } from '../pages/NewPatientPage';
import { NoAccessPage } from '../pages/NoAccessPage';
import { NotFoundPage } from '../pages/NotFoundPage';
import { OutboxPage } from '../pages/OutboxPage';
import { OutcomesPage } from '../pages/OutcomesPage';
import { PatientLinkPage } from '../pages/PatientLinkPage';
import { PatientDetailPage } from '../pages/PatientDetailPage';
import { PatientsPage } from '../pages/PatientsPage';
import { ProtocolsPage } from '../pages/ProtocolsPage';
import { ReviewQueuePage } from '../pages/ReviewQueuePage';
import { ScreeningNewPage } from '../pages/ScreeningNewPage';
import { ScreeningPage } from '../pages/ScreeningPage';
import { SessionPage } from '../pages/SessionPage';
import { StaffPage } from '../pages/StaffPage';
import { TodayPage } from '../pages/TodayPage';
import { ALERT_ROLES, INFUSION_ROLES } from '../features/infusion/labels';
import { OUTCOMES_ROLES } from '../features/outcomes/labels';
import { RECORD_SCREENING_ROLES, REVIEW_ROLES, SCREENING_ROLES } from '../features/screening/labels';
import { BOARD_ROLES, BOOKING_ROLES } from '../features/booking/roles';
import {
  BOOSTER_QUEUE_ROLES,
  OUTBOX_ROLES,
  RECORD_FOLLOW_UP_ROLES,
  WORKLIST_ROLES,
} from '../features/follow-up/labels';
import { AppLayout } from './AppLayout';
import { RequireRole, RequireSession } from './guards';

export const router = createBrowserRouter([
  { path: '/login', element: <LoginPage /> },
  // The patient's own follow-up link: public, outside the session guard and the app's frame.
  { path: '/follow-up/:token', element: <PatientLinkPage /> },
  {
    element: <RequireSession />,
    children: [
      {
        element: <AppLayout />,
        children: [
          { index: true, element: <HomeRedirect /> },
          {
            element: <RequireRole roles={INFUSION_ROLES} />,
            children: [
              { path: 'today', element: <TodayPage /> },
              { path: 'check-in/:appointmentId', element: <CheckInPage /> },
              { path: 'sessions/:sessionId', element: <SessionPage /> },
            ],
          },
          {
            element: <RequireRole roles={PATIENT_ROLES} />,
            children: [
              { path: 'patients', element: <PatientsPage /> },
              {
                element: <RequireRole roles={REGISTER_PATIENT_ROLES} />,
                children: [{ path: 'patients/new', element: <NewPatientPage /> }],
              },
              { path: 'patients/:patientId', element: <PatientDetailPage /> },
              { path: 'patients/:patientId/edit', element: <EditPatientPage /> },
              {
                element: <RequireRole roles={RECORD_SCREENING_ROLES} />,
                children: [{ path: 'patients/:patientId/screenings/new', element: <ScreeningNewPage /> }],
              },
            ],
          },
          {
            element: <RequireRole roles={SCREENING_ROLES} />,
            children: [{ path: 'screenings/:screeningId', element: <ScreeningPage /> }],
          },
          {
            element: <RequireRole roles={REVIEW_ROLES} />,
            children: [{ path: 'review-queue', element: <ReviewQueuePage /> }],
          },
          {
            element: <RequireRole roles={BOOKING_ROLES} />,
            children: [{ path: 'booking', element: <BookingPage /> }],
          },
          {
            element: <RequireRole roles={BOARD_ROLES} />,
            children: [{ path: 'board', element: <BoardPage /> }],
          },
          {
            element: <RequireRole roles={ADMIN_ROLES} />,
            children: [
              { path: 'staff', element: <StaffPage /> },
              { path: 'audit', element: <AuditPage /> },
              { path: 'audit/patients/:patientId', element: <AccessReportPage /> },
              { path: 'protocols', element: <ProtocolsPage /> },
              { path: 'checklists', element: <ChecklistsPage /> },
              { path: 'clinic', element: <ClinicPage /> },
            ],
          },
          {
            element: <RequireRole roles={WORKLIST_ROLES} />,
            children: [{ path: 'follow-ups', element: <FollowUpWorklistPage /> }],
          },
          {
            element: <RequireRole roles={RECORD_FOLLOW_UP_ROLES} />,
            children: [{ path: 'follow-ups/:followUpId/record', element: <FollowUpRecordPage /> }],
          },
          {
            element: <RequireRole roles={BOOSTER_QUEUE_ROLES} />,
            children: [{ path: 'boosters', element: <BoosterQueuePage /> }],
          },
          {
            element: <RequireRole roles={OUTCOMES_ROLES} />,
            children: [{ path: 'outcomes', element: <OutcomesPage /> }],
          },
          {
            element: <RequireRole roles={OUTBOX_ROLES} />,
            children: [{ path: 'outbox', element: <OutboxPage /> }],
          },
          {
            element: <RequireRole roles={ALERT_ROLES} />,
            children: [{ path: 'alerts', element: <AlertsPage /> }],
          },
          { path: 'no-access', element: <NoAccessPage /> },
          { path: '*', element: <NotFoundPage /> },
        ],
      },
    ],
  },
]);
