import { Button, Group, SegmentedControl, SimpleGrid, Stack, Switch, Text } from '@mantine/core';
import { useForm } from '@mantine/form';
import type { AldreteItem } from '@cadence/domain';
import { useState } from 'react';
import { isApiError } from '../../../api/problem';
import { FormErrorAlert } from '../../../shared/FormErrorAlert';
import { apiErrorsOnForm } from '../../../shared/forms';
import type { DischargeBody } from '../api/infusion.api';
import { ALDRETE_LABELS } from '../labels';
import { PainScale } from './PainScale';

/** The nurse scores four items; the API scores O2 saturation from the latest SpO2 reading. */
const SCORED = ['activity', 'respiration', 'circulation', 'consciousness'] as const satisfies readonly AldreteItem[];
type Values = Record<(typeof SCORED)[number], string> & {
  onRoomAir: string;
  escortPresent: boolean;
  painAfter: string;
};

interface DischargeFormProps {
  version: number;
  aldreteMinimum: number;
  saving: boolean;
  onDischarge: (body: DischargeBody) => Promise<unknown>;
  onDone: () => void;
}

/** The discharge check: a refusal comes back from the API with its reasons, shown here; nothing overrides it. */
export function DischargeForm({ version, aldreteMinimum, saving, onDischarge, onDone }: DischargeFormProps) {
  const [messages, setMessages] = useState<string[]>([]);
  const [refused, setRefused] = useState<string[]>([]);
  const form = useForm<Values>({
    initialValues: {
      activity: '',
      respiration: '',
      circulation: '',
      consciousness: '',
      onRoomAir: 'yes',
      escortPresent: false,
      painAfter: '',
    },
    validate: {
      activity: scoredItem,
      respiration: scoredItem,
      circulation: scoredItem,
      consciousness: scoredItem,
      painAfter: (v) => (v === '' ? 'Ask the patient for their pain now' : null),
    },
  });
  const scored = SCORED.every((item) => form.values[item] !== '');
  const subtotal = scored ? SCORED.reduce((sum, item) => sum + Number(form.values[item]), 0) : null;

  const submit = form.onSubmit(async (values) => {
    setMessages([]);
    setRefused([]);
    const body: DischargeBody = {
      version,
      aldrete: {
        activity: Number(values.activity),
        respiration: Number(values.respiration),
        circulation: Number(values.circulation),
        consciousness: Number(values.consciousness),
      },
      onRoomAir: values.onRoomAir === 'yes',
      escortPresent: values.escortPresent,
      painAfter: Number(values.painAfter),
    };
    try {
      await onDischarge(body);
      onDone();
    } catch (error) {
      const reasons = isApiError(error) ? error.problem.reasons : undefined;
      if (reasons?.length) setRefused(reasons.map((r) => r.message));
      else
        setMessages(
          apiErrorsOnForm(
            form,
            error,
            (path) => path in values,
            {},
            (field) => field.replace(/^(body\.)?aldrete\./, ''),
          ),
        );
    }
  });

  return (
    <form onSubmit={submit} noValidate aria-label="Discharge">
      <Stack gap="sm">
        <FormErrorAlert messages={messages} title="Not discharged" />
        <FormErrorAlert messages={refused} title="The discharge check did not pass" />
        <Text size="sm" c="dimmed">
          Modified Aldrete: each item 0–2, {aldreteMinimum} or more of 10 to go home. O2 saturation is scored from the
          latest SpO2 reading.
        </Text>
        <SimpleGrid cols={2} spacing="sm" verticalSpacing="xs">
          {SCORED.map((item) => (
            <Stack key={item} gap={4}>
              <div>
                <Text fw={600} id={`aldrete-${item}`}>
                  {ALDRETE_LABELS[item]}
                </Text>
                {form.errors[item] && (
                  <Text size="sm" c="red">
                    {form.errors[item]}
                  </Text>
                )}
              </div>
              <SegmentedControl
                aria-labelledby={`aldrete-${item}`}
                size="md"
                fullWidth
                data={['0', '1', '2']}
                {...form.getInputProps(item)}
              />
            </Stack>
          ))}
        </SimpleGrid>
        <Text fw={650} aria-live="polite">
          Scored here: {subtotal ?? '—'} of 8
        </Text>
        <Group justify="space-between" wrap="nowrap">
          <Text fw={600} id="discharge-room-air">
            Breathing room air
          </Text>
          <SegmentedControl
            aria-labelledby="discharge-room-air"
            size="md"
            w={200}
            data={[
              { value: 'yes', label: 'Yes' },
              { value: 'no', label: 'On oxygen' },
            ]}
            {...form.getInputProps('onRoomAir')}
          />
        </Group>
        <Switch
          size="lg"
          label="The escort home is here"
          {...form.getInputProps('escortPresent', { type: 'checkbox' })}
        />
        <PainScale label="Pain after (NRS 0–10)" {...form.getInputProps('painAfter')} />
        <Group justify="flex-end" gap="sm">
          <Button variant="default" size="lg" onClick={onDone}>
            Cancel
          </Button>
          <Button type="submit" size="lg" loading={saving}>
            Discharge
          </Button>
        </Group>
      </Stack>
    </form>
  );
}

const scoredItem = (value: string) => (value === '' ? 'Score this item' : null);
