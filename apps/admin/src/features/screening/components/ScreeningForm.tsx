import { Alert, Box, Button, Card, Divider, Grid, Group, SimpleGrid, Stack, Text, Title } from '@mantine/core';
import { notifications } from '@mantine/notifications';
import type { ScreeningSex, TemplateItem } from '@cadence/domain';
import { useState, type ReactNode } from 'react';
import { UnsavedAnswersGuard, useLeaveGuard } from './UnsavedAnswersGuard';
import { describeError, isApiError } from '../../../api/problem';
import { FormErrorAlert } from '../../../shared/FormErrorAlert';
import type { Screening, ScreeningTemplateRecord } from '../api/types';
import { isStaleVersion, useCreateScreening, useSaveScreening, useSubmitScreening } from '../hooks/useScreenings';
import { focusFirst, isShown, useScreeningForm } from '../hooks/useScreeningForm';
import { InstrumentQuestions, ScoreBadge } from './InstrumentQuestions';
import { RuleFeedback } from './RuleFeedback';
import { ScreeningQuestion } from './ScreeningQuestion';
import { SuicidalityAlert, suicidalitySignals } from './SuicidalityAlert';

interface ScreeningFormProps {
  template: ScreeningTemplateRecord;
  patientId: string;
  sex: ScreeningSex | undefined;
  /** The stored draft, or null for a screening not saved yet. */
  screening: Screening | null;
  /** A new screening was saved for the first time (as a draft). */
  onCreated: (screening: Screening) => void;
  /**
   * Submitting a new screening saved it as a draft, then the submission itself failed: the page
   * opens that draft's form with these messages, so the answers are kept and the draft is not silent.
   */
  onCreatedNotSubmitted?: (draft: Screening, messages: string[]) => void;
  onSubmitted: (screening: Screening) => void;
  /** Why the last submission of this draft failed, when the page was opened after one. */
  notSubmitted?: string[];
  /** Load the stored version again, discarding what is on screen. */
  onReloadLatest: () => void;
  reloading: boolean;
}

/** Consecutive plain questions share a card; each instrument has its own. */
function sections(items: readonly TemplateItem[]): TemplateItem[][] {
  const out: TemplateItem[][] = [];
  for (const item of items) {
    const last = out[out.length - 1];
    if (item.type !== 'instrument' && last && last[0].type !== 'instrument') last.push(item);
    else out.push([item]);
  }
  return out;
}

/** Why a submission failed, in sentences that survive a move to another page. */
function submitFailure(error: unknown): string[] {
  const fields = isApiError(error) ? error.fieldErrors.map((f) => f.message) : [];
  return [
    describeError(error),
    ...fields,
    'Your answers are kept in this draft. Correct anything needed, then submit again.',
  ];
}

type PlainItem = Exclude<TemplateItem, { type: 'instrument' }>;

/** Consecutive measurements (systolic beside diastolic) sit side by side; other questions alone. */
function runs(items: readonly TemplateItem[]): PlainItem[][] {
  const out: PlainItem[][] = [];
  for (const item of items) {
    if (item.type === 'instrument') continue;
    const last = out[out.length - 1];
    if (item.type === 'number' && last && last[0].type === 'number') last.push(item);
    else out.push([item]);
  }
  return out;
}

export function ScreeningForm({
  template: record,
  patientId,
  sex,
  screening,
  onCreated,
  onCreatedNotSubmitted,
  onSubmitted,
  notSubmitted: notSubmittedBefore,
  onReloadLatest,
  reloading,
}: ScreeningFormProps) {
  const template = record.definition;
  const state = useScreeningForm(template, screening?.answers, sex);
  const [current, setCurrent] = useState<Screening | null>(screening);
  const [formErrors, setFormErrors] = useState<string[]>([]);
  const [notSubmitted, setNotSubmitted] = useState<string[]>(notSubmittedBefore ?? []);
  const [stale, setStale] = useState(false);
  const create = useCreateScreening(patientId);
  const save = useSaveScreening();
  const submit = useSubmitScreening();
  const busy = create.isPending || save.isPending || submit.isPending;
  const guard = useLeaveGuard(state.isDirty);

  const signals = suicidalitySignals(template, state.answers);
  const unanswered = Object.values(
    // Count questions, not messages: one per path.
    Object.fromEntries(
      Object.entries(state.errors).filter(([path]) => path.includes('.') || template.items.some((i) => i.id === path)),
    ),
  ).length;

  const persist = async (): Promise<Screening> => {
    const saved = current
      ? await save.mutateAsync({ id: current.id, version: current.version, answers: state.answers })
      : await create.mutateAsync({ templateId: record.id, answers: state.answers });
    setCurrent(saved);
    state.resetDirty();
    guard.saved();
    return saved;
  };

  const onFailure = (error: unknown) => {
    if (isStaleVersion(error)) {
      setStale(true);
      return;
    }
    const unplaced = state.applyServerErrors(error);
    const placedAny = isApiError(error) && error.fieldErrors.length > unplaced.length;
    if (unplaced.length > 0) setFormErrors(unplaced);
    else if (!placedAny) setFormErrors([describeError(error)]);
  };

  const saveDraft = async () => {
    setFormErrors([]);
    setNotSubmitted([]);
    const problems = state.checkDraft();
    if (Object.keys(problems).length > 0) {
      requestAnimationFrame(() => focusFirst(template, problems));
      setFormErrors(['Some answers are not valid. Correct the marked questions, then save again.']);
      return;
    }
    try {
      const wasNew = current === null;
      const saved = await persist();
      notifications.show({ color: 'teal', title: 'Draft saved', message: 'You can finish this screening later.' });
      if (wasNew) onCreated(saved);
    } catch (error) {
      onFailure(error);
    }
  };

  const submitForReview = async () => {
    setFormErrors([]);
    setNotSubmitted([]);
    const problems = state.checkSubmit();
    if (Object.keys(problems).length > 0) {
      requestAnimationFrame(() => focusFirst(template, problems));
      const count = Object.keys(problems).length;
      setFormErrors([
        `${count} ${count === 1 ? 'question needs' : 'questions need'} an answer or a correction before submitting.`,
      ]);
      return;
    }
    const wasNew = current === null;
    let saved: Screening | null = null;
    try {
      saved = await persist();
      const submitted = await submit.mutateAsync({ id: saved.id, version: saved.version });
      onSubmitted(submitted);
    } catch (error) {
      if (!saved) onFailure(error);
      // A brand-new screening is stored by now: hand over to its own form, answers and reason kept.
      else if (wasNew && onCreatedNotSubmitted) onCreatedNotSubmitted(saved, submitFailure(error));
      else if (isStaleVersion(error)) onFailure(error);
      else {
        // The answers were saved; only the submission failed. Say so, not "Not saved".
        state.applyServerErrors(error);
        setNotSubmitted(submitFailure(error));
      }
    }
  };

  const body: ReactNode[] = sections(template.items).map((group) => {
    const first = group[0];
    if (first.type === 'instrument') {
      return <InstrumentQuestions key={first.id} item={first} state={state} disabled={stale} />;
    }
    return (
      <Card key={first.id} withBorder radius="md" padding="lg">
        <Stack gap="lg">
          {runs(group.filter((item) => isShown(item, state.answers))).map((run) =>
            run.length > 1 ? (
              <SimpleGrid key={run[0].id} cols={{ base: 1, sm: 2 }} spacing="lg" verticalSpacing="lg">
                {run.map((item) => (
                  <ScreeningQuestion key={item.id} item={item} state={state} disabled={stale} />
                ))}
              </SimpleGrid>
            ) : (
              <ScreeningQuestion key={run[0].id} item={run[0]} state={state} disabled={stale} />
            ),
          )}
        </Stack>
      </Card>
    );
  });

  const instruments = template.items.filter((i) => i.type === 'instrument');

  return (
    <>
      <UnsavedAnswersGuard guard={guard} />
      <form
        aria-label={record.title}
        noValidate
        onSubmit={(event) => {
          event.preventDefault();
          void submitForReview();
        }}
      >
        <Grid gap="lg" align="flex-start">
          <Grid.Col span={{ base: 12, md: 7, lg: 8 }}>
            <Stack gap="md">
              {signals.length > 0 && (
                // On a narrow screen the side panel comes after the form: a one-line banner stays in view
                // above the questions instead of the full alert covering them.
                <Box pos="sticky" top={72} style={{ zIndex: 5 }} hiddenFrom="md">
                  <SuicidalityAlert signals={signals} compact />
                </Box>
              )}
              {body}
            </Stack>
          </Grid.Col>
          <Grid.Col span={{ base: 12, md: 5, lg: 4 }} style={{ position: 'sticky', top: 80 }}>
            {/* The panel scrolls within the window's height, so its buttons are always reachable. */}
            <Stack gap="md" style={{ maxHeight: 'calc(100dvh - 96px)', overflowY: 'auto' }}>
              {signals.length > 0 && (
                <Box visibleFrom="md">
                  <SuicidalityAlert signals={signals} />
                </Box>
              )}
              <Card withBorder radius="md" padding="lg" component="aside" aria-label="Scores and actions">
                {instruments.length > 0 && (
                  <>
                    <Title order={2} size="h5" mb="sm">
                      Scores
                    </Title>
                    <Text size="xs" c="dimmed" mb="sm">
                      Calculated as you answer, with the same scoring the clinic uses when the screening is submitted.
                    </Text>
                    <Stack gap="sm" mb="md">
                      {instruments.map((item) => (
                        <div key={item.id}>
                          <Text size="sm" fw={500} mb={4}>
                            {item.label}
                          </Text>
                          {state.scores[item.id] && <ScoreBadge result={state.scores[item.id]} />}
                        </div>
                      ))}
                    </Stack>
                  </>
                )}
                <RuleFeedback answers={state.validAnswers} sex={sex} hasInvalidAnswers={state.hasInvalidAnswers} />
                <Divider my="md" />
                {state.strict && unanswered > 0 && (
                  <Text size="sm" c="red" mb="sm">
                    {unanswered} {unanswered === 1 ? 'question needs' : 'questions need'} attention.
                  </Text>
                )}
                <Stack gap="sm" mb={stale || formErrors.length > 0 ? 'sm' : 0}>
                  {stale && (
                    <Alert
                      color="orange"
                      variant="light"
                      role="alert"
                      title="Changed by someone else since you opened it"
                    >
                      <Stack gap="sm">
                        <Text size="sm">
                          Your latest answers have not been saved. Reload the stored version to see what changed, then
                          enter your answers again. Nothing is merged automatically.
                        </Text>
                        <Group>
                          <Button color="orange" size="xs" onClick={onReloadLatest} loading={reloading}>
                            Reload stored version
                          </Button>
                        </Group>
                      </Stack>
                    </Alert>
                  )}
                  <FormErrorAlert messages={notSubmitted} title="Saved as a draft, not submitted" />
                  <FormErrorAlert messages={formErrors} title="Not saved" />
                </Stack>
                <Stack gap="xs">
                  <Button
                    type="submit"
                    size="md"
                    loading={submit.isPending}
                    disabled={(busy && !submit.isPending) || stale}
                  >
                    Submit for review
                  </Button>
                  <Button
                    variant="default"
                    onClick={() => void saveDraft()}
                    loading={(create.isPending || save.isPending) && !submit.isPending}
                    disabled={stale || submit.isPending}
                  >
                    Save draft
                  </Button>
                </Stack>
                <Text size="xs" c="dimmed" mt="sm">
                  A draft may be incomplete. Submitting checks every required answer and sends the screening to a
                  clinician to sign.
                </Text>
              </Card>
            </Stack>
          </Grid.Col>
        </Grid>
      </form>
    </>
  );
}
