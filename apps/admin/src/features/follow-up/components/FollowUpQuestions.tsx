import {
  ActionIcon,
  Alert,
  Box,
  Button,
  Card,
  Checkbox,
  Group,
  NumberInput,
  Radio,
  SegmentedControl,
  Select,
  SimpleGrid,
  Stack,
  Text,
  Textarea,
  TextInput,
  Title,
} from '@mantine/core';
import { useMediaQuery } from '@mantine/hooks';
import { useId, type ReactNode } from 'react';
import { newId } from '../../../shared/ids';
import type { RecordFormState } from '../hooks/useRecordForm';
import type { FollowUpForm } from '../questions';
import { emptyHomeDose, questionDomId } from '../recordForm';

/** Who answers: the nurse asks (and sees the scores), or the patient reads the questions themself. */
export type Audience = 'staff' | 'patient';

interface QuestionsProps {
  questions: FollowUpForm;
  state: RecordFormState;
  audience: Audience;
  disabled?: boolean;
  /** Beside a section's title: the staff form shows the live score there. */
  scores?: { promis?: ReactNode; phq9?: ReactNode };
}

function Section({
  id,
  title,
  intro,
  aside,
  children,
}: {
  id: string;
  title: string;
  intro?: ReactNode;
  aside?: ReactNode;
  children: ReactNode;
}) {
  const titleId = `${id}-title`;
  return (
    <Card component="section" aria-labelledby={titleId} withBorder radius="md" padding="lg" id={id}>
      <Group justify="space-between" align="flex-start" mb={intro ? 4 : 'md'} wrap="wrap" gap="xs">
        <Title order={2} size="h4" id={titleId}>
          {title}
        </Title>
        {aside}
      </Group>
      {intro && (
        <Text size="sm" c="dimmed" mb="md">
          {intro}
        </Text>
      )}
      {children}
    </Card>
  );
}

/** A numbered question with its answers side by side (wrapping on a phone), its error beneath. */
function Choices({
  path,
  label,
  options,
  state,
  disabled,
  onChange,
}: {
  path: string;
  label: string;
  options: readonly { value: string; label: string }[];
  state: RecordFormState;
  disabled?: boolean;
  onChange?: (value: string) => void;
}) {
  const value = path.split('.').reduce<unknown>((node, key) => (node as Record<string, unknown>)?.[key], state.values);
  // On a phone the answers are a list, one per line, each a whole-width target.
  const narrow = useMediaQuery('(max-width: 36em)') && options.length > 2;
  const Options = narrow ? Stack : Group;
  return (
    <div id={questionDomId(path)}>
      <Radio.Group
        label={label}
        value={typeof value === 'string' ? value : ''}
        onChange={(v) => (onChange ? onChange(v) : state.setValue(path, v))}
        error={state.errors[path]}
        styles={{ label: { fontWeight: 500, marginBottom: 6 } }}
      >
        <Options gap={narrow ? 'sm' : 'md'}>
          {options.map((option) => (
            <Radio key={option.value} value={option.value} label={option.label} disabled={disabled} />
          ))}
        </Options>
      </Radio.Group>
    </div>
  );
}

const YES_NO = [
  { value: 'yes', label: 'Yes' },
  { value: 'no', label: 'No' },
];

/** A 0–10 scale as eleven touch targets, with its anchors; nothing out of range can be given. */
function NrsScale({
  path,
  question,
  state,
  disabled,
}: {
  path: 'painNrsNow' | 'painNrs7DayAverage';
  question: FollowUpForm['painNrs'][number];
  state: RecordFormState;
  disabled?: boolean;
}) {
  const id = useId();
  const error = state.errors[path];
  return (
    <Stack gap={4} id={questionDomId(path)}>
      <Text fw={500} id={id}>
        {question.text}
      </Text>
      <SegmentedControl
        aria-labelledby={id}
        size="md"
        fullWidth
        disabled={disabled}
        value={state.values[path]}
        onChange={(v) => state.setValue(path, v)}
        data={Array.from({ length: question.max - question.min + 1 }, (_, i) => String(question.min + i))}
        // Eleven segments fit a phone's width only without the labels' side padding.
        styles={{ label: { paddingInline: 0 } }}
      />
      <Group justify="space-between" gap="xs" wrap="nowrap">
        <Text size="xs" c="dimmed">
          {question.min} {question.minLabel}
        </Text>
        <Text size="xs" c="dimmed" ta="right">
          {question.max} {question.maxLabel}
        </Text>
      </Group>
      {error && (
        <Text size="sm" c="red">
          {error}
        </Text>
      )}
    </Stack>
  );
}

const options = (choices: readonly { value: unknown; label: string }[]) =>
  choices.map((c) => ({ value: String(c.value), label: c.label }));

/**
 * The follow-up's questions, the same for a call, a visit or the patient's own link: pain now and
 * over the week, PROMIS Pain Interference 6a (as published, with its notice), PHQ-9, the bladder
 * questions, supporting care, ketamine taken at home, a note.
 */
export function FollowUpQuestions({ questions, state, audience, disabled, scores }: QuestionsProps) {
  const patient = audience === 'patient';
  const { values, errors } = state;
  const flags = state.assessment.flags;
  const bladderFlag = flags.find((f) => f.code === 'BLADDER_SYMPTOMS');
  const suicidality = flags.find((f) => f.code === 'SUICIDALITY');
  const promis = questions.painInterference;

  return (
    <Stack gap="md">
      {suicidality && !patient && (
        // As on the screening form: above everything, and in view while the nurse carries on.
        <Box pos="sticky" top={72} style={{ zIndex: 5 }}>
          <StaffSuicidalityAlert message={suicidality.message} />
        </Box>
      )}
      <Section id="follow-up-pain" title="Pain">
        <Stack gap="lg">
          {questions.painNrs.map((question) => (
            <NrsScale
              key={question.field}
              path={question.field as 'painNrsNow' | 'painNrs7DayAverage'}
              question={question}
              state={state}
              disabled={disabled}
            />
          ))}
        </Stack>
      </Section>

      <Section id="follow-up-promis" title={promis.title} intro={`${promis.recall}…`} aside={scores?.promis}>
        <Stack gap="lg">
          {promis.items.map((item, index) => (
            <Choices
              key={item.id}
              path={`painInterference.${item.id}`}
              label={`${index + 1}. ${item.text}`}
              options={options(promis.options)}
              state={state}
              disabled={disabled}
            />
          ))}
          <Text size="xs" c="dimmed" data-testid="promis-notice">
            {promis.copyrightNotice}
          </Text>
        </Stack>
      </Section>

      <Section id="follow-up-phq9" title={questions.phq9.title} intro={questions.phq9.recall} aside={scores?.phq9}>
        <Stack gap="lg">
          {questions.phq9.items.map((item, index) => (
            <Choices
              key={item.id}
              path={`phq9.${item.id}`}
              label={`${index + 1}. ${item.text}`}
              options={options(questions.phq9.options)}
              state={state}
              disabled={disabled}
            />
          ))}
          {suicidality && patient && <PatientSupport />}
        </Stack>
      </Section>

      <Section
        id="follow-up-bladder"
        title={patient ? 'Bladder and passing urine' : 'Bladder symptoms'}
        intro={
          patient
            ? 'Ketamine can affect the bladder, so we ask at every follow-up.'
            : 'Any “yes” flags the course for a clinician’s review before any booster.'
        }
      >
        <Stack gap="lg">
          {questions.bladder.map((question, index) => (
            <Choices
              key={question.symptom}
              path={`bladder.${question.symptom}`}
              label={`${index + 1}. ${question.text}`}
              options={YES_NO}
              state={state}
              disabled={disabled}
            />
          ))}
          {bladderFlag && (
            <Alert color="orange" variant="light" role="status" title="Flagged for a clinician">
              {patient
                ? 'Thank you for telling us. A clinician will look at these answers before any further treatment.'
                : `${bladderFlag.message}.`}
            </Alert>
          )}
        </Stack>
      </Section>

      <Section id="follow-up-care" title="Supporting care">
        <div id={questionDomId('supportingCare')}>
          <Checkbox.Group
            label={questions.supportingCare.text}
            description="Tick all that apply"
            value={values.supportingCare}
            onChange={(v) => {
              state.setValue('supportingCare', v);
              if (v.length > 0) state.setValue('noSupportingCare', false);
            }}
            error={errors.supportingCare}
            styles={{ label: { fontWeight: 500 } }}
          >
            <SimpleGrid cols={{ base: 1, xs: 2 }} spacing="xs" mt={6}>
              {options(questions.supportingCare.options).map((care) => (
                <Checkbox key={care.value} value={care.value} label={care.label} disabled={disabled} />
              ))}
            </SimpleGrid>
          </Checkbox.Group>
          <Checkbox
            mt="sm"
            label="None of these"
            checked={values.noSupportingCare}
            disabled={disabled}
            onChange={(event) => {
              const none = event.currentTarget.checked;
              state.setValue('noSupportingCare', none);
              if (none) state.setValue('supportingCare', []);
            }}
          />
        </div>
      </Section>

      <Section
        id="follow-up-home"
        title="Ketamine taken at home"
        intro={patient ? undefined : 'It counts towards the cumulative dose; IV is given in clinic only.'}
      >
        <Stack gap="md">
          <Choices
            path="tookKetamineAtHome"
            label={questions.homeDoses.text}
            options={YES_NO}
            state={state}
            onChange={(v) => {
              state.setValue('tookKetamineAtHome', v);
              if (v === 'yes' && values.homeDoses.length === 0) state.setValue('homeDoses', [emptyHomeDose(newId())]);
            }}
            disabled={disabled}
          />
          {values.tookKetamineAtHome === 'yes' && (
            <HomeDoseRows state={state} disabled={disabled} routes={options(questions.homeDoses.routes)} />
          )}
        </Stack>
      </Section>

      <Section id="follow-up-note" title={patient ? 'Anything else' : 'Note'}>
        <Textarea
          id={questionDomId('note')}
          label={patient ? 'Anything else you would like the clinic to know (optional)' : 'Note (optional)'}
          description={`${values.note.length} of ${questions.noteMaxLength} characters`}
          value={values.note}
          onChange={(event) => state.setValue('note', event.currentTarget.value)}
          onBlur={() => state.markVisited('note')}
          error={errors.note}
          autosize
          minRows={2}
          maxRows={8}
          disabled={disabled}
        />
      </Section>
    </Stack>
  );
}

function HomeDoseRows({
  state,
  disabled,
  routes,
}: {
  state: RecordFormState;
  disabled?: boolean;
  routes: { value: string; label: string }[];
}) {
  const rows = state.values.homeDoses;
  const remove = (index: number) =>
    state.setValue(
      'homeDoses',
      rows.filter((_, i) => i !== index),
    );
  return (
    <Stack gap="sm" aria-label="Doses taken at home">
      {rows.map((row, index) => {
        const path = (field: string) => `homeDoses.${index}.${field}`;
        return (
          <Card key={row.key} withBorder radius="sm" padding="sm" bg="gray.0" id={questionDomId(`homeDoses.${index}`)}>
            <Group justify="space-between" mb={4} wrap="nowrap">
              <Text size="sm" fw={600}>
                Dose {index + 1}
              </Text>
              <ActionIcon
                variant="subtle"
                color="red"
                aria-label={`Remove dose ${index + 1}`}
                onClick={() => remove(index)}
                disabled={disabled}
              >
                ×
              </ActionIcon>
            </Group>
            <SimpleGrid cols={{ base: 1, sm: 3 }} spacing="sm">
              <Select
                label="Route"
                placeholder="Choose…"
                data={routes}
                value={row.route || null}
                onChange={(v) => state.setValue(path('route'), v ?? '')}
                error={state.errors[path('route')]}
                disabled={disabled}
                allowDeselect={false}
              />
              <NumberInput
                label="Amount (mg)"
                inputMode="decimal"
                clampBehavior="none"
                hideControls
                value={row.mg}
                onChange={(v) => state.setValue(path('mg'), v)}
                onBlur={() => state.markVisited(path('mg'))}
                error={state.errors[path('mg')]}
                disabled={disabled}
              />
              <TextInput
                label="When taken"
                type="datetime-local"
                value={row.takenAt}
                onChange={(event) => state.setValue(path('takenAt'), event.currentTarget.value)}
                onBlur={() => state.markVisited(path('takenAt'))}
                error={state.errors[path('takenAt')]}
                disabled={disabled}
              />
            </SimpleGrid>
          </Card>
        );
      })}
      <Group>
        <Button
          variant="light"
          size="sm"
          onClick={() => state.setValue('homeDoses', [...rows, emptyHomeDose(newId())])}
          disabled={disabled}
        >
          Add another dose
        </Button>
      </Group>
    </Stack>
  );
}

/** As on the screening form: shown the moment item 9 is answered above "not at all". */
function StaffSuicidalityAlert({ message }: { message: string }) {
  return (
    <Alert
      color="red"
      variant="filled"
      role="alert"
      radius="md"
      title="Positive suicidality answer — inform the clinician now"
      styles={{ title: { fontSize: 'var(--mantine-font-size-lg)' } }}
    >
      <Text size="sm" mb={6}>
        Stay with the patient (on the call or in the room) and tell the supervising clinician now; follow the
        clinic&apos;s suicide-risk procedure. The follow-up is flagged for a clinician when it is saved.
      </Text>
      <Text size="sm">{message}</Text>
    </Alert>
  );
}

/** What the patient reads when they answer item 9 above "not at all": where to get help now. */
function PatientSupport() {
  return (
    <Alert color="red" variant="light" role="alert" radius="md" title="If you are thinking of harming yourself">
      <Text size="sm">
        Please do not wait for us to call. Contact your clinic today, or your doctor. If you might act on these
        thoughts, or you are in danger now, call your local emergency number or go to the nearest emergency department.
      </Text>
    </Alert>
  );
}
