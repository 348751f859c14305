import { Anchor, Badge, Button, Card, Group, Pagination, SimpleGrid, Stack, Text } from '@mantine/core';
import { Link } from 'react-router';
import { formatDate } from '../../../shared/dates';
import { clinicMinute, clinicUntil } from '../time';
import type { WorklistEntry, WorklistPage } from '../api/followUps.api';
import { FollowUpStatusBadges } from './FollowUpStatusBadges';
import { SendLinkButton } from './SendLinkButton';

const REACH_LABELS: Record<string, string> = {
  PHONE: "Call the patient's phone",
  PATIENT_LINK: 'Send the link by email',
  ESCORT_PHONE: "Call the escort's phone",
  NONE: 'No phone or email on file',
};

interface WorklistProps {
  page: WorklistPage;
  zone: string;
  /** Nurses record follow-ups and send links; a clinician reads the list. */
  canAct: boolean;
  pageSize: number;
  onPage: (page: number) => void;
}

/** The clinic's follow-ups in the API's order of urgency, each with how to reach the patient. */
export function Worklist({ page, zone, canAct, pageSize, onPage }: WorklistProps) {
  if (page.items.length === 0)
    return (
      <Card withBorder padding="lg">
        <Text c="dimmed">No follow-up is due, overdue or recently missed.</Text>
      </Card>
    );
  return (
    <Stack gap="sm">
      <Stack gap="sm" aria-label="Follow-ups to make">
        {page.items.map((entry) => (
          <WorklistCard key={entry.followUpId} entry={entry} zone={zone} canAct={canAct} />
        ))}
      </Stack>
      {page.total > pageSize && (
        <Pagination total={Math.ceil(page.total / pageSize)} value={page.page} onChange={onPage} aria-label="Pages" />
      )}
    </Stack>
  );
}

function WorklistCard({ entry, zone, canAct }: { entry: WorklistEntry; zone: string; canAct: boolean }) {
  const { patient, course, window, state, reach, lastScores } = entry;
  const name = `${patient.familyName}, ${patient.givenName}`;
  const missed = state.status === 'MISSED';
  return (
    <Card withBorder radius="md" padding="md" data-testid="worklist-entry" component="article" aria-label={name}>
      <Stack gap="sm">
        <Group justify="space-between" align="flex-start" wrap="wrap" gap="sm">
          <Stack gap={4} style={{ flex: '1 1 300px', minWidth: 0 }}>
            <FollowUpStatusBadges state={state} />
            <Anchor component={Link} to={`/patients/${patient.id}`} fw={650} size="lg" c="dark">
              {name}
            </Anchor>
            <Text size="sm" c="dimmed">
              MRN {patient.mrn} · born {formatDate(patient.dateOfBirth)}
            </Text>
          </Stack>
          {canAct && (
            <Group gap="xs">
              <Button component={Link} to={`/follow-ups/${entry.followUpId}/record`}>
                Record follow-up
              </Button>
              <SendLinkButton
                followUpId={entry.followUpId}
                patientName={name}
                zone={zone}
                disabledReason={missed ? 'The window has closed: a link can no longer be answered' : undefined}
              />
            </Group>
          )}
        </Group>
        <Text size="sm">
          <b>Day {window.offsetDays}</b> after {course.kind === 'BOOSTER' ? 'the booster' : 'the course'} ·{' '}
          {course.protocolName}
          {course.lastSessionOn ? ` · last session ${formatDate(course.lastSessionOn)}` : ''}
        </Text>
        <Stack gap={2}>
          {state.reasons.map((reason) => (
            <Text key={`${reason.code}-${reason.message}`} size="sm" c={reason.code === 'LAST_DAY' ? 'red' : 'dimmed'}>
              {reason.message}
            </Text>
          ))}
        </Stack>
        <SimpleGrid cols={{ base: 1, sm: 2 }} spacing="sm">
          <Card withBorder radius="sm" padding="sm" bg="gray.0" aria-label="How to reach them">
            <Text size="xs" fw={700} c="dimmed" tt="uppercase" mb={4}>
              Contact · {REACH_LABELS[reach.suggested] ?? reach.suggested}
            </Text>
            <Contact label="Phone" value={reach.phone} href={reach.phone ? `tel:${reach.phone}` : undefined} />
            <Contact label="Email" value={reach.email} href={reach.email ? `mailto:${reach.email}` : undefined} />
            <Contact
              label="Escort"
              value={
                reach.escortName || reach.escortPhone
                  ? [reach.escortName, reach.escortPhone].filter(Boolean).join(', ')
                  : null
              }
              href={reach.escortPhone ? `tel:${reach.escortPhone}` : undefined}
            />
            {reach.lastLink && (
              <Text size="xs" c="dimmed" mt={4}>
                Link sent {clinicMinute(reach.lastLink.createdAt, zone)}
                {reach.lastLink.usedAt
                  ? `, answered ${clinicMinute(reach.lastLink.usedAt, zone)}`
                  : `, open until ${clinicUntil(reach.lastLink.expiresAt, zone)}`}
              </Text>
            )}
          </Card>
          <Card withBorder radius="sm" padding="sm" bg="gray.0" aria-label="Last scores">
            <Text size="xs" fw={700} c="dimmed" tt="uppercase" mb={4}>
              Last scores
            </Text>
            {lastScores ? (
              <Stack gap={2}>
                <Text size="sm">
                  Pain now {lastScores.painNrsNow} · 7-day average {lastScores.painNrs7DayAverage}
                </Text>
                <Text size="sm">
                  Pain interference T {lastScores.promisT.toFixed(1)} · PHQ-9 {lastScores.phq9Total}
                </Text>
                <Group gap={6}>
                  <Text size="xs" c="dimmed">
                    {clinicMinute(lastScores.recordedAt, zone)}
                  </Text>
                  {lastScores.bladderFlag && (
                    <Badge size="sm" color={lastScores.bladderReviewed ? 'gray' : 'orange'} variant="light">
                      {lastScores.bladderReviewed ? 'Bladder symptoms reviewed' : 'Bladder symptoms to review'}
                    </Badge>
                  )}
                </Group>
              </Stack>
            ) : (
              <Text size="sm" c="dimmed">
                No follow-up recorded yet.
              </Text>
            )}
          </Card>
        </SimpleGrid>
      </Stack>
    </Card>
  );
}

function Contact({ label, value, href }: { label: string; value: string | null; href?: string }) {
  return (
    <Text size="sm">
      <Text span c="dimmed" size="sm">
        {label}:{' '}
      </Text>
      {value ? (
        href ? (
          <Anchor href={href} size="sm" style={{ overflowWrap: 'anywhere' }}>
            {value}
          </Anchor>
        ) : (
          value
        )
      ) : (
        '—'
      )}
    </Text>
  );
}
