import { useId, type ReactNode } from 'react';
import { SegmentedControl, Stack, Text } from '@mantine/core';

interface PainScaleProps {
  label: string;
  value?: string;
  onChange?: (value: string) => void;
  error?: ReactNode;
}

/** Pain NRS 0–10 as eleven touch targets (and "not asked"), so nothing out of range can be typed. */
export function PainScale({ label, value, onChange, error }: PainScaleProps) {
  const id = useId();
  return (
    <Stack gap={4}>
      <Text fw={500} size="md" id={id}>
        {label}
      </Text>
      <SegmentedControl
        aria-labelledby={id}
        size="md"
        fullWidth
        value={value ?? ''}
        onChange={onChange}
        data={[
          { value: '', label: '—' },
          ...Array.from({ length: 11 }, (_, n) => ({ value: String(n), label: String(n) })),
        ]}
      />
      {error && (
        <Text size="sm" c="red">
          {error}
        </Text>
      )}
    </Stack>
  );
}
