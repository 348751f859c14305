import { Alert, Anchor, Button, Stack, Text } from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { useQuery } from '@tanstack/react-query';
import { Link, useLocation, useNavigate, useParams } from 'react-router';
import { describeError } from '../api/problem';
import { getPatient } from '../features/patients/api/patients.api';
import { patientKeys } from '../features/patients/hooks/usePatients';
import { hasAnyRole, useCurrentUser } from '../features/auth/hooks/useSession';
import { ReviewActions } from '../features/screening/components/ReviewActions';
import { ScreeningForm } from '../features/screening/components/ScreeningForm';
import { ScreeningAnswers, ScreeningDecision } from '../features/screening/components/ScreeningSummary';
import { SuicidalityAlert, suicidalitySignals } from '../features/screening/components/SuicidalityAlert';
import { useCreateAddendum, useScreening, useScreeningTemplates } from '../features/screening/hooks/useScreenings';
import { screeningStanding } from '@cadence/domain';
import { KIND_LABELS, RECORD_SCREENING_ROLES, REVIEW_ROLES } from '../features/screening/labels';
import { CenteredLoader } from '../shared/CenteredLoader';
import { PageHeader } from '../shared/PageHeader';
import { QueryError } from '../shared/QueryError';
import { isMissingRecord, NotFoundPage } from './NotFoundPage';

/** What the new-screening page hands over when a submission failed after the draft was created. */
export interface ScreeningPageState {
  /** Shown only on that version of the draft: once it is saved again, the message is out of date. */
  notSubmitted?: { version: number; messages: string[] };
}

/** One screening: the form while it is a draft, then its answers, result and the clinician's decision. */
export function ScreeningPage() {
  const { screeningId = '' } = useParams();
  const navigate = useNavigate();
  const handedOver = (useLocation().state ?? {}) as ScreeningPageState;
  const user = useCurrentUser();
  const screening = useScreening(screeningId);
  const addendum = useCreateAddendum();
  const templates = useScreeningTemplates();
  const patientId = screening.data?.patientId ?? '';
  const patient = useQuery({
    queryKey: patientKeys.detail(patientId),
    queryFn: () => getPatient(patientId),
    enabled: patientId !== '',
  });

  const back = (
    <Anchor component={Link} to={patientId ? `/patients/${patientId}` : '/patients'} size="sm">
      ← {patient.data ? `${patient.data.familyName}, ${patient.data.givenName}` : 'Patient'}
    </Anchor>
  );

  if (screening.isPending || templates.isPending || (patientId && patient.isPending)) {
    return <CenteredLoader label="Loading screening" />;
  }
  if (isMissingRecord(screening.error)) {
    return (
      <NotFoundPage
        title="Screening not found"
        message="No screening has this address. The link may be mistyped or incomplete; open it from the patient's record."
        to="/patients"
        action="Go to patients"
      />
    );
  }
  const failed = screening.error ?? templates.error ?? patient.error;
  if (failed || !screening.data || !templates.data || !patient.data) {
    return (
      <>
        <PageHeader above={back} title="Screening" />
        <QueryError
          error={failed}
          onRetry={() => void Promise.all([screening.refetch(), templates.refetch(), patient.refetch()])}
          title="Could not load this screening"
        />
      </>
    );
  }

  const s = screening.data;
  const p = patient.data;
  const template = templates.data.items.find((t) => t.id === s.templateId);
  const who = `${p.familyName}, ${p.givenName} (MRN ${p.mrn})`;
  const title = template?.title ?? `${KIND_LABELS[s.kind]} screening`;
  const description = `${p.familyName}, ${p.givenName} · MRN ${p.mrn} · ${screeningStanding(s).label} · version ${s.templateVersion}`;

  if (!template) {
    return (
      <>
        <PageHeader above={back} title={title} description={description} />
        <Alert color="red" variant="light" role="alert" title="Checklist not found">
          Version {s.templateVersion} of this checklist is not among the published checklists, so it cannot be shown.
        </Alert>
      </>
    );
  }

  if (s.status === 'DRAFT' && hasAnyRole(user, RECORD_SCREENING_ROLES)) {
    return (
      <>
        <PageHeader above={back} title={title} description={description} />
        <ScreeningForm
          // A reloaded version starts the form afresh from what is stored.
          key={`${s.id}:${s.version}`}
          template={template}
          patientId={p.id}
          sex={p.sex}
          screening={s}
          onCreated={() => undefined}
          onSubmitted={() => window.scrollTo({ top: 0 })}
          notSubmitted={handedOver.notSubmitted?.version === s.version ? handedOver.notSubmitted.messages : undefined}
          onReloadLatest={() => void screening.refetch()}
          reloading={screening.isFetching}
        />
      </>
    );
  }

  const canReview = s.status === 'SUBMITTED' && hasAnyRole(user, REVIEW_ROLES);
  const canCorrect = s.status === 'SIGNED' && hasAnyRole(user, RECORD_SCREENING_ROLES);
  const correct = () =>
    addendum.mutate(s.id, {
      onSuccess: (draft) => navigate(`/screenings/${draft.id}`),
      onError: (error) =>
        notifications.show({ color: 'red', title: 'Could not start a correction', message: describeError(error) }),
    });
  const signals = suicidalitySignals(template.definition, s.answers);
  return (
    <>
      <PageHeader
        above={back}
        title={title}
        description={description}
        actions={
          <>
            {canReview && <ReviewActions screening={s} patientLabel={who} onDone={() => navigate('/review-queue')} />}
            {canCorrect && (
              <Button variant="light" onClick={correct} loading={addendum.isPending}>
                Correct with an addendum
              </Button>
            )}
          </>
        }
      />
      <Stack gap="md">
        {s.amendsId && (
          <Text size="sm">
            Corrects an earlier signed screening:{' '}
            <Anchor component={Link} to={`/screenings/${s.amendsId}`}>
              open the original
            </Anchor>
          </Text>
        )}
        {s.status === 'SUBMITTED' && <SuicidalityAlert signals={signals} />}
        <ScreeningDecision screening={s} />
        <ScreeningAnswers screening={s} template={template.definition} />
      </Stack>
    </>
  );
}
