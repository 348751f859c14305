import { Badge, Button, Fieldset, Group, Modal, Stack, Text, TextInput, Textarea } from '@mantine/core';
import { TEMPLATE_LIMITS } from '@cadence/domain';
import { useForm } from '@mantine/form';
import { notifications } from '@mantine/notifications';
import { useState } from 'react';
import { FormErrorAlert } from '../../../shared/FormErrorAlert';
import { apiErrorsOnForm } from '../../../shared/forms';
import type { ScreeningTemplateRecord } from '../../screening/api/types';
import { usePublishChecklist } from '../hooks/useChecklists';
import {
  describeAnswer,
  toPublishBody,
  toWordingValues,
  withItemMessages,
  wordingErrorPath,
  wordingFields,
  type WordingValues,
} from '../wordingForm';

// The record's member names in the domain's messages, as the editor labels them.
const LABELS: Record<string, string> = { title: 'Title', label: 'Question', help: 'Help text' };

interface NewChecklistVersionModalProps {
  checklist: ScreeningTemplateRecord | null;
  onClose: () => void;
}

/** A new version of a checklist, prefilled from the latest one; screenings started earlier keep theirs. */
export function NewChecklistVersionModal({ checklist, onClose }: NewChecklistVersionModalProps) {
  return (
    <Modal
      opened={checklist !== null}
      onClose={onClose}
      title={checklist ? `New version of ${checklist.title}` : ''}
      size="xl"
      centered
    >
      {checklist && <WordingForm key={checklist.id} checklist={checklist} onPublished={onClose} />}
    </Modal>
  );
}

function WordingForm({ checklist, onPublished }: { checklist: ScreeningTemplateRecord; onPublished: () => void }) {
  const publish = usePublishChecklist();
  const [formErrors, setFormErrors] = useState<string[]>([]);
  const form = useForm<WordingValues>({ initialValues: toWordingValues(checklist.definition) });
  const fields = wordingFields(form.values);

  const submit = form.onSubmit((values) => {
    setFormErrors([]);
    publish.mutate(toPublishBody(checklist, values), {
      onSuccess: (published) => {
        notifications.show({
          color: 'teal',
          title: 'Version published',
          message: `${published.title}, version ${published.version}: new screenings use it.`,
        });
        onPublished();
      },
      onError: (error) =>
        setFormErrors(
          apiErrorsOnForm(form, withItemMessages(error), (path) => fields.has(path), LABELS, wordingErrorPath),
        ),
    });
  });

  return (
    <form onSubmit={submit} noValidate aria-label="New checklist version">
      <Stack gap="md">
        <Text size="sm" c="dimmed">
          {checklist.key} · now version {checklist.version}. Publishing makes version {checklist.version + 1};
          screenings already started keep the version they were started on. Answers, ranges and options stay as they
          are.
        </Text>
        <FormErrorAlert messages={formErrors} title="The version was not published" />
        <TextInput label="Title" description="Up to 200 characters" maw={520} {...form.getInputProps('title')} />
        {checklist.definition.items.map((item, i) => (
          <Fieldset key={item.id} legend={`${i + 1}. ${item.label}`} aria-label={`Item ${i + 1}: ${item.label}`}>
            <Stack gap="xs">
              <Group gap="xs" wrap="wrap">
                <Text size="xs" c="dimmed">
                  {item.id} · {describeAnswer(item)}
                </Text>
                {form.values.items[i].locked && (
                  <Badge size="sm" variant="light" color="orange">
                    used by an eligibility rule: wording only
                  </Badge>
                )}
              </Group>
              <TextInput
                label="Question"
                description={`Required, up to ${TEMPLATE_LIMITS.label} characters`}
                {...form.getInputProps(`items.${i}.label`)}
              />
              <Textarea
                label="Help text"
                description={`Shown under the question; empty for none, up to ${TEMPLATE_LIMITS.help} characters`}
                autosize
                minRows={1}
                {...form.getInputProps(`items.${i}.help`)}
              />
            </Stack>
          </Fieldset>
        ))}
        <Group justify="flex-end">
          <Button type="submit" loading={publish.isPending}>
            Publish version {checklist.version + 1}
          </Button>
        </Group>
      </Stack>
    </form>
  );
}
