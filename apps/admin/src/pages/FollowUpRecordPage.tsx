import { Anchor, Button, Card, Group, List, Stack, Text, Title } from '@mantine/core';
import { useState } from 'react';
import { Link, useParams } from 'react-router';
import { useClinicClock } from '../features/clinic/hooks/useClinicClock';
import type { FollowUpRecorded } from '../features/follow-up/api/followUps.api';
import { FollowUpForm } from '../features/follow-up/components/FollowUpForm';
import { FollowUpStatusBadges } from '../features/follow-up/components/FollowUpStatusBadges';
import { useFollowUp } from '../features/follow-up/hooks/useFollowUps';
import { useQuery } from '@tanstack/react-query';
import { getPatient } from '../features/patients/api/patients.api';
import { patientKeys } from '../features/patients/hooks/usePatients';
import { CenteredLoader } from '../shared/CenteredLoader';
import { formatDate } from '../shared/dates';
import { PageHeader } from '../shared/PageHeader';
import { QueryError } from '../shared/QueryError';
import { isMissingRecord, NotFoundPage } from './NotFoundPage';

export function FollowUpRecordPage() {
  const { followUpId = '' } = useParams();
  const { zone, today } = useClinicClock();
  const followUp = useFollowUp(followUpId);
  const patientId = followUp.data?.patientId;
  const patient = useQuery({
    queryKey: patientKeys.detail(patientId ?? ''),
    queryFn: () => getPatient(patientId!),
    enabled: !!patientId,
  });
  const [recorded, setRecorded] = useState<FollowUpRecorded | null>(null);
  const back = (
    <Anchor component={Link} to="/follow-ups" size="sm">
      ← Follow-ups
    </Anchor>
  );

  if (followUp.isPending || (followUp.data && patient.isPending))
    return <CenteredLoader label="Loading the follow-up" />;
  if (isMissingRecord(followUp.error))
    return <NotFoundPage title="Follow-up not found" to="/follow-ups" action="Back to the follow-ups" />;
  if (followUp.isError || patient.isError)
    return (
      <>
        <PageHeader above={back} title="Follow-up" />
        <QueryError
          error={followUp.error ?? patient.error}
          onRetry={() => void (followUp.refetch(), patient.refetch())}
          title="Could not load this follow-up"
        />
      </>
    );

  const f = followUp.data;
  const p = patient.data!;
  const title = `${p.familyName}, ${p.givenName}`;
  return (
    <>
      <PageHeader
        above={back}
        title={`Follow-up · ${title}`}
        description={`MRN ${p.mrn} · day ${f.window.offsetDays} · due ${formatDate(f.window.dueOn)} · window ${formatDate(f.window.opensOn)} to ${formatDate(f.window.closesOn)}`}
        actions={<FollowUpStatusBadges state={recorded?.followUp.state ?? f.state} />}
      />
      {recorded ? (
        <Card withBorder radius="md" padding="lg" role="status">
          <Stack gap="sm">
            <Title order={2} size="h3">
              Follow-up recorded
            </Title>
            <Text>
              Pain now {recorded.record.painNrsNow}, 7-day average {recorded.record.painNrs7DayAverage} · pain
              interference T {recorded.record.painInterference.tScore.toFixed(1)} · PHQ-9 {recorded.record.phq9.total}
              {recorded.record.phq9.bandLabel ? ` (${recorded.record.phq9.bandLabel})` : ''}
            </Text>
            {!recorded.record.insideWindow && (
              <Text c="orange.8">It was taken outside the window, so it does not complete this follow-up.</Text>
            )}
            {recorded.record.flags.length > 0 && (
              <List size="sm">
                {recorded.record.flags.map((flag) => (
                  <List.Item key={flag.code}>{flag.message}</List.Item>
                ))}
              </List>
            )}
            {recorded.cliniciansAlerted > 0 && (
              <Text size="sm" c="red.8">
                {recorded.cliniciansAlerted} clinician{recorded.cliniciansAlerted === 1 ? ' was' : 's were'} alerted.
              </Text>
            )}
            <Group>
              <Button component={Link} to={`/patients/${p.id}#timeline`}>
                Open the patient&apos;s timeline
              </Button>
              <Button component={Link} to="/follow-ups" variant="default">
                Back to the follow-ups
              </Button>
            </Group>
          </Stack>
        </Card>
      ) : (
        <FollowUpForm followUpId={f.id} zone={zone} today={today} onRecorded={setRecorded} />
      )}
    </>
  );
}
