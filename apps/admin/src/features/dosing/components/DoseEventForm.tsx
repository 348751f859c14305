import { Button, Group, NumberInput, Stack, Text, TextInput } from '@mantine/core';
import { useForm } from '@mantine/form';
import { useState } from 'react';
import { isApiError } from '../../../api/problem';
import { FormErrorAlert } from '../../../shared/FormErrorAlert';
import { apiErrorsOnForm } from '../../../shared/forms';
import { clinicTimeOrNow, entered } from '../../infusion/forms';
import { useEntryNow } from '../../infusion/hooks/useNow';
import type { DoseEventBody, SessionDosing } from '../api/dosing.api';
import { OverrideFields, type RefusalReason } from './OverrideFields';
import { formatMg } from '../mg';
import { newId } from '../../../shared/ids';

export type DoseStep = 'START' | 'RATE' | 'STOP' | 'BOLUS';

const STEP_LABELS: Record<DoseStep, string> = {
  START: 'Start the infusion',
  RATE: 'Change the rate',
  STOP: 'Stop the infusion',
  BOLUS: 'Give the dose',
};

interface DoseEventFormProps {
  step: DoseStep;
  dosing: SessionDosing;
  zone: string;
  today: string;
  isClinician: boolean;
  saving: boolean;
  onRecord: (body: DoseEventBody) => Promise<unknown>;
  onDone: () => void;
}

/**
 * A start, rate change, stop or bolus, with its time. The entry's id is made when the form opens
 * and sent again on a retry, so a step whose answer was lost is recorded once.
 */
export function DoseEventForm({
  step,
  dosing,
  zone,
  today,
  isClinician,
  saving,
  onRecord,
  onDone,
}: DoseEventFormProps) {
  const [id] = useState(() => newId());
  const entryNow = useEntryNow();
  const [messages, setMessages] = useState<string[]>([]);
  const [held, setHeld] = useState<RefusalReason[]>([]);
  const [accepts, setAccepts] = useState<string[]>([]);
  const [reason, setReason] = useState('');
  const form = useForm({ initialValues: { time: '', rate: '' as number | string } });
  const order = dosing.orders[dosing.orders.length - 1];
  const range = dosing.allowed ? `${dosing.allowed.min}–${dosing.allowed.max} mg/h` : undefined;

  const submit = form.onSubmit(async (values) => {
    setMessages([]);
    const body: DoseEventBody = {
      id,
      kind: step,
      at: clinicTimeOrNow(values.time, today, zone, entryNow),
      ...(step === 'RATE' ? { rateMgPerHour: entered(values.rate) } : {}),
      ...(accepts.length > 0
        ? { override: { reason, accepts: accepts as NonNullable<DoseEventBody['override']>['accepts'] } }
        : {}),
    };
    try {
      await onRecord(body);
      onDone();
    } catch (error) {
      const reasons = isApiError(error) ? error.problem.reasons : undefined;
      if (isApiError(error, 422) && reasons?.length) setHeld(reasons);
      else
        setMessages(
          apiErrorsOnForm(
            form,
            error,
            (path) => path in values,
            {},
            (field) => (field === 'at' ? 'time' : field === 'rateMgPerHour' ? 'rate' : field),
          ),
        );
    }
  });

  return (
    <form onSubmit={submit} noValidate aria-label={STEP_LABELS[step]}>
      <Stack gap="sm">
        <FormErrorAlert messages={messages} title="Not recorded" />
        {order && (
          <Text size="sm">
            Order: {order.perKg} {order.form === 'INFUSION' ? 'mg/kg/h' : 'mg/kg'} ·{' '}
            {order.rateMgPerHour !== null ? `${order.rateMgPerHour} mg/h` : formatMg(order.doseMg ?? 0)}
            {order.plannedMinutes !== null ? ` for ${order.plannedMinutes} min` : ''} · expected{' '}
            {formatMg(order.expectedMg)}
          </Text>
        )}
        <Group grow align="flex-start">
          <TextInput label="At" description="Empty: now" type="time" size="md" {...form.getInputProps('time')} />
          {step === 'RATE' && (
            <NumberInput
              label="New rate (mg/h)"
              description={range ? `Protocol range ${range}; 0 pauses` : '0 pauses'}
              size="md"
              inputMode="decimal"
              clampBehavior="none"
              hideControls
              {...form.getInputProps('rate')}
            />
          )}
        </Group>
        {held.length > 0 && (
          <OverrideFields
            reasons={held}
            canOverride={isClinician}
            accepts={accepts}
            onAccepts={setAccepts}
            reason={reason}
            onReason={setReason}
          />
        )}
        <Group justify="flex-end" gap="sm">
          <Button variant="default" size="lg" onClick={onDone}>
            Cancel
          </Button>
          <Button type="submit" size="lg" color={step === 'STOP' ? 'red' : undefined} loading={saving}>
            {accepts.length > 0 ? `${STEP_LABELS[step]} with override` : STEP_LABELS[step]}
          </Button>
        </Group>
      </Stack>
    </form>
  );
}
