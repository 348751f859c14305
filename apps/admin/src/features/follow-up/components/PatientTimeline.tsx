import { Badge, Card, Group, List, Stack, Table, Text, Title } from '@mantine/core';
import { DateTime } from 'luxon';
import { minuteOf } from '../time';
import { Fragment, useMemo } from 'react';
import { CenteredLoader } from '../../../shared/CenteredLoader';
import { QueryError } from '../../../shared/QueryError';
import { usePatientTimeline } from '../hooks/useFollowUps';
import { CHANNEL_LABELS } from '../labels';
import { timelineView, type TimelineRow } from '../timeline';
import { BladderReviewButton } from './BladderReview';
import { TimelineChart } from './TimelineChart';

const round = (value: number) => Math.round(value * 10) / 10;

/** "2 Dec 2026 14:47" on the clinic's clock. */
const when = (atMs: number, zone: string) => minuteOf(DateTime.fromMillis(atMs, { zone }));

function painText(row: TimelineRow): string {
  if (row.kind === 'SESSION')
    return (
      [
        row.painBefore !== null ? `before ${row.painBefore}` : null,
        row.painAfter !== null ? `after ${row.painAfter}` : null,
      ]
        .filter(Boolean)
        .join(' · ') || '—'
    );
  if (row.kind === 'BASELINE') return row.painAverage !== null ? String(row.painAverage) : '—';
  return `now ${row.painNow} · 7-day ${row.painAverage}`;
}

function againstBaseline(row: TimelineRow): string {
  if (row.percentReduction === null) return row.kind === 'FOLLOW_UP' ? 'not measured' : '';
  const change = row.percentReduction >= 0 ? `−${round(row.percentReduction)} %` : `+${round(-row.percentReduction)} %`;
  return `${change}${row.reliefHeld === true ? ' · relief held' : row.reliefHeld === false ? ' · below the line' : ''}`;
}

/**
 * The patient's pain and pain interference across every course, booster, infusion and follow-up:
 * the chart with relief shaded, each course's relief in the API's words, and the numbers as a table.
 */
export function PatientTimeline({
  patientId,
  zone,
  canReview,
}: {
  patientId: string;
  zone: string;
  canReview: boolean;
}) {
  const timeline = usePatientTimeline(patientId);
  const view = useMemo(() => (timeline.data ? timelineView(timeline.data) : null), [timeline.data]);

  return (
    <Card withBorder radius="md" padding="lg" id="timeline" component="section" aria-labelledby="timeline-title">
      <Title order={3} size="h4" mb="md" id="timeline-title">
        Follow-up timeline
      </Title>
      {timeline.isPending ? (
        <CenteredLoader label="Loading the timeline" />
      ) : timeline.isError ? (
        <QueryError error={timeline.error} onRetry={() => timeline.refetch()} title="Could not load the timeline" />
      ) : !view || view.rows.length === 0 ? (
        <Text c="dimmed">No course, infusion or follow-up yet.</Text>
      ) : (
        <Stack gap="lg">
          <TimelineChart view={view} zone={zone} />
          {view.relief.length > 0 && (
            <Stack gap="xs" aria-label="Relief by course">
              {view.relief.map((course) => (
                <div key={course.courseId}>
                  <Group gap="xs">
                    <Text fw={600} size="sm">
                      {course.courseLabel}
                    </Text>
                    <Badge variant="light" color={course.outcome === 'Relief lost' ? 'orange' : 'gray'}>
                      {course.outcome}
                    </Badge>
                  </Group>
                  <List size="sm" c="dimmed">
                    {course.reasons.map((reason) => (
                      <List.Item key={reason}>{reason}</List.Item>
                    ))}
                  </List>
                </div>
              ))}
            </Stack>
          )}
          <Table fz="sm" verticalSpacing={6} aria-label="Timeline scores" data-testid="timeline-table">
            <Table.Thead>
              <Table.Tr>
                <Table.Th style={{ whiteSpace: 'nowrap' }}>When</Table.Th>
                <Table.Th style={{ whiteSpace: 'nowrap', minWidth: 200 }}>What</Table.Th>
                <Table.Th style={{ whiteSpace: 'nowrap' }}>Pain (NRS)</Table.Th>
                <Table.Th style={{ whiteSpace: 'nowrap' }}>PROMIS T</Table.Th>
                <Table.Th style={{ whiteSpace: 'nowrap' }}>PHQ-9</Table.Th>
                <Table.Th style={{ whiteSpace: 'nowrap' }}>Against baseline</Table.Th>
              </Table.Tr>
            </Table.Thead>
            <Table.Tbody>
              {view.rows.map((row, i) => (
                <Fragment key={row.key}>
                  {/* A heading row wherever the course changes, so each row need not repeat it. */}
                  {view.rows[i - 1]?.courseId !== row.courseId && (
                    <Table.Tr bg="gray.0">
                      <Table.Td colSpan={6}>
                        <Text size="sm" fw={650}>
                          {row.courseLabel}
                        </Text>
                      </Table.Td>
                    </Table.Tr>
                  )}
                  <Table.Tr data-kind={row.kind}>
                    <Table.Td style={{ whiteSpace: 'nowrap' }}>{when(row.atMs, zone)}</Table.Td>
                    <Table.Td>
                      <Text size="sm" fw={row.kind === 'FOLLOW_UP' ? 600 : 400}>
                        {row.event}
                        {row.channel ? ` · ${CHANNEL_LABELS[row.channel] ?? row.channel}` : ''}
                      </Text>
                      {row.baselineInterference != null && (
                        <Text size="xs" c="dimmed">
                          Pain interference {row.baselineInterference} of 10 at booking
                        </Text>
                      )}
                      {row.insideWindow === false && (
                        <Text size="xs" c="orange.8">
                          Outside the window
                        </Text>
                      )}
                      {row.bladderPositive && row.bladderPositive.length > 0 && (
                        <Group gap={6} mt={2}>
                          <Text size="xs" fw={600} c={row.bladderReviewed ? 'dimmed' : 'orange.8'}>
                            {row.bladderReviewed ? 'Bladder symptoms reviewed' : 'Bladder symptoms to review'}
                          </Text>
                          {canReview && !row.bladderReviewed && row.recordId && (
                            <BladderReviewButton recordId={row.recordId} symptoms={row.bladderPositive} />
                          )}
                        </Group>
                      )}
                    </Table.Td>
                    <Table.Td style={{ whiteSpace: 'nowrap' }}>{painText(row)}</Table.Td>
                    <Table.Td>{row.promisT !== null ? row.promisT.toFixed(1) : '—'}</Table.Td>
                    <Table.Td>{row.phq9 ?? '—'}</Table.Td>
                    <Table.Td>{againstBaseline(row)}</Table.Td>
                  </Table.Tr>
                </Fragment>
              ))}
            </Table.Tbody>
          </Table>
        </Stack>
      )}
    </Card>
  );
}
