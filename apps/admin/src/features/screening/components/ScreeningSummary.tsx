import { Alert, Card, Group, SimpleGrid, Stack, Table, Text, Title } from '@mantine/core';
import {
  INSTRUMENTS,
  RECHECK_LABELS,
  scoreScreeningInstruments,
  type AnswerValue,
  type InstrumentResult,
  type ScreeningTemplate,
  type TemplateItem,
} from '@cadence/domain';
import type { ReactNode } from 'react';
import { formatDate } from '../../../shared/dates';
import { useClinicClock } from '../../clinic/hooks/useClinicClock';
import { formatClinicDateTime } from '../../clinic/time';
import { isShown } from '../hooks/useScreeningForm';
import type { Screening } from '../api/types';
import { ScoreBadge } from './InstrumentQuestions';
import { ReasonList, ScreeningFlags, StandingBadge } from './ScreeningBadges';

function Field({ label, children }: { label: string; children: ReactNode }) {
  return (
    <div>
      <Text size="xs" c="dimmed" tt="uppercase" fw={600} lts={0.4}>
        {label}
      </Text>
      <Text size="md" component="div">
        {children ?? '—'}
      </Text>
    </div>
  );
}

function formatAnswer(item: Exclude<TemplateItem, { type: 'instrument' }>, value: AnswerValue): string {
  if (value === undefined || value === null || value === '') return '—';
  switch (item.type) {
    case 'yesno':
      return value === true ? 'Yes' : value === false ? 'No' : String(value);
    case 'number':
      return `${String(value)} ${item.unit}`;
    case 'choice':
      return item.options.find((o) => o.value === value)?.label ?? String(value);
    case 'date':
      return formatDate(String(value));
    case 'text':
      return String(value);
  }
}

/** Who did it and when, or a dash when nobody has yet. */
function Who({ person, at }: { person: Screening['decidedBy']; at: string }) {
  if (!person) return <>—</>;
  return (
    <>
      {person.name}
      <Text size="xs" c="dimmed">
        {at}
      </Text>
    </>
  );
}

/** The decision part: result, flags, every fired rule with its reason, and who signed when. */
export function ScreeningDecision({ screening }: { screening: Screening }) {
  const { zone } = useClinicClock();
  return (
    <Card withBorder radius="md" padding="lg">
      <Group justify="space-between" align="flex-start" mb="md">
        <Title order={2} size="h4">
          Result
        </Title>
        <StandingBadge screening={screening} size="lg" withDetail />
      </Group>
      <Stack gap="md">
        <ScreeningFlags suicidalityFlag={screening.suicidalityFlag} noSerialInfusions={screening.noSerialInfusions} />
        {screening.status === 'DRAFT' ? (
          <Text size="sm" c="dimmed">
            Not submitted yet: the result is computed when the nurse submits the screening.
          </Text>
        ) : (
          <ReasonList reasons={screening.reasons ?? []} empty="No contraindication found." />
        )}
        <SimpleGrid cols={{ base: 1, xs: 2, md: 4 }} spacing="lg">
          <Field label="Recorded">
            <Who person={screening.recordedBy} at={formatClinicDateTime(screening.createdAt, zone)} />
          </Field>
          <Field label="Submitted">
            <Who person={screening.submittedBy} at={formatClinicDateTime(screening.submittedAt, zone)} />
          </Field>
          <Field label={screening.status === 'DECLINED' ? 'Declined' : 'Signed'}>
            <Who person={screening.decidedBy} at={formatClinicDateTime(screening.signedAt, zone)} />
          </Field>
          <Field label="Valid until">{formatDate(screening.validUntil)}</Field>
        </SimpleGrid>
        {screening.overrideReason && (
          <Alert color="orange" variant="light" title="Clinician override">
            {screening.overrideReason}
            {screening.rechecks.length > 0 && (
              <Text size="sm" mt={6}>
                Measure again before each infusion: {screening.rechecks.map((c) => RECHECK_LABELS[c]).join(', ')}
              </Text>
            )}
          </Alert>
        )}
        {screening.declineReason && (
          <Alert color="gray" variant="light" title="Declined">
            {screening.declineReason}
          </Alert>
        )}
      </Stack>
    </Card>
  );
}

/** The answers as recorded, question by question, and each instrument's score. */
export function ScreeningAnswers({ screening, template }: { screening: Screening; template: ScreeningTemplate }) {
  // Scores fixed at submission when present; a draft's are computed from its answers.
  const scores: Record<string, InstrumentResult> =
    screening.scores ?? scoreScreeningInstruments(template, screening.answers);
  // Follow-up questions that did not apply (and were not answered) are left out.
  const plain = template.items.filter(
    (i): i is Exclude<TemplateItem, { type: 'instrument' }> => i.type !== 'instrument' && isShown(i, screening.answers),
  );
  const instruments = template.items.filter((i) => i.type === 'instrument');
  return (
    <Stack gap="md">
      <Card withBorder radius="md" padding="lg">
        <Title order={2} size="h4" mb="md">
          Answers
        </Title>
        <Table verticalSpacing="xs" aria-label="Answers">
          <Table.Tbody>
            {plain.map((item) => (
              <Table.Tr key={item.id}>
                <Table.Td w="60%">{item.label}</Table.Td>
                <Table.Td fw={500}>{formatAnswer(item, screening.answers[item.id])}</Table.Td>
              </Table.Tr>
            ))}
          </Table.Tbody>
        </Table>
      </Card>
      {instruments.map((item) => {
        if (item.type !== 'instrument') return null;
        const definition = INSTRUMENTS[item.instrument];
        const given = (screening.answers[item.id] ?? {}) as Record<string, unknown>;
        return (
          <Card key={item.id} withBorder radius="md" padding="lg" component="section" aria-label={item.label}>
            <Group justify="space-between" mb="sm" wrap="wrap">
              <Title order={3} size="h5">
                {item.label}
              </Title>
              {scores[item.id] && <ScoreBadge result={scores[item.id]} />}
            </Group>
            <Table verticalSpacing={4}>
              <Table.Tbody>
                {definition.items.map((sub, index) => {
                  const value = given[sub.id];
                  const label = sub.options.find((o) => o.value === value)?.label;
                  const asked =
                    !sub.askedWhen ||
                    given[sub.askedWhen.itemId] === undefined ||
                    ('equals' in sub.askedWhen
                      ? given[sub.askedWhen.itemId] === sub.askedWhen.equals
                      : given[sub.askedWhen.itemId] !== sub.askedWhen.notEquals);
                  return (
                    <Table.Tr key={sub.id}>
                      <Table.Td w="60%">
                        {index + 1}. {sub.label}
                      </Table.Td>
                      <Table.Td fw={label ? 500 : undefined} c={label ? undefined : 'dimmed'}>
                        {label ?? (asked ? '—' : 'Not asked')}
                      </Table.Td>
                    </Table.Tr>
                  );
                })}
              </Table.Tbody>
            </Table>
          </Card>
        );
      })}
    </Stack>
  );
}
