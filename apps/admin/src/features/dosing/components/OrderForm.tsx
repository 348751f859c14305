import { Button, Group, NumberInput, SimpleGrid, Stack, Text } from '@mantine/core';
import { useForm } from '@mantine/form';
import { useState } from 'react';
import { isApiError } from '../../../api/problem';
import { FormErrorAlert } from '../../../shared/FormErrorAlert';
import { apiErrorsOnForm } from '../../../shared/forms';
import { entered } from '../../infusion/forms';
import type { OrderBody, SessionDosing } from '../api/dosing.api';
import { OverrideFields, type RefusalReason } from './OverrideFields';

interface OrderFormProps {
  dosing: SessionDosing;
  saving: boolean;
  onOrder: (body: OrderBody) => Promise<unknown>;
  onDone: () => void;
}

/** The clinician's order: per kg on today's weight; the API plans and checks it against every cap. */
export function OrderForm({ dosing, saving, onOrder, onDone }: OrderFormProps) {
  const infusion = dosing.form === 'INFUSION';
  const unit = infusion ? 'mg/kg/h' : 'mg/kg';
  const [messages, setMessages] = useState<string[]>([]);
  const [held, setHeld] = useState<RefusalReason[]>([]);
  const [accepts, setAccepts] = useState<string[]>([]);
  const [reason, setReason] = useState('');
  const form = useForm({ initialValues: { perKg: '' as number | string, plannedMinutes: '' as number | string } });

  const submit = form.onSubmit(async (values) => {
    setMessages([]);
    const body: OrderBody = {
      perKg: entered(values.perKg) as number,
      ...(infusion ? { plannedMinutes: entered(values.plannedMinutes) } : {}),
      ...(accepts.length > 0
        ? { override: { reason, accepts: accepts as NonNullable<OrderBody['override']>['accepts'] } }
        : {}),
    };
    try {
      await onOrder(body);
      onDone();
    } catch (error) {
      const reasons = isApiError(error) ? error.problem.reasons : undefined;
      if (isApiError(error, 422) && reasons?.length) {
        setHeld(reasons);
        setAccepts((current) => current.filter((c) => reasons.some((r) => r.code === c)));
      } else setMessages(apiErrorsOnForm(form, error, (path) => path in values));
    }
  });

  return (
    <form onSubmit={submit} noValidate aria-label="Dose order">
      <Stack gap="sm">
        <FormErrorAlert messages={messages} title="Not ordered" />
        <Text size="sm">
          Protocol range {dosing.rangeMin}–{dosing.rangeMax} {unit} · today&apos;s weight{' '}
          {dosing.weightKg === null ? 'not recorded' : `${dosing.weightKg} kg`}
        </Text>
        <SimpleGrid cols={2} spacing="sm">
          <NumberInput
            label={`Dose (${unit})`}
            description="Up to three decimals"
            size="md"
            inputMode="decimal"
            clampBehavior="none"
            hideControls
            {...form.getInputProps('perKg')}
          />
          {infusion && (
            <NumberInput
              label="Planned infusion minutes"
              description="1–10080"
              size="md"
              inputMode="numeric"
              clampBehavior="none"
              hideControls
              {...form.getInputProps('plannedMinutes')}
            />
          )}
        </SimpleGrid>
        {held.length > 0 && (
          <OverrideFields
            reasons={held}
            canOverride
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
          <Button type="submit" size="lg" loading={saving}>
            {accepts.length > 0 ? 'Order with override' : 'Order'}
          </Button>
        </Group>
      </Stack>
    </form>
  );
}
