import { Alert, List, Text, ThemeIcon } from '@mantine/core';
import { RECHECK_LABELS, type RecheckCheck } from '@cadence/domain';

interface Recheck {
  check: RecheckCheck;
  reason: string;
  /** Known once checked in: measured on the check-in's day. */
  done?: boolean;
  message?: string;
}

/**
 * What a clinician asked to be measured again before the infusion when overriding a screening,
 * with their reason: a task at check-in, ticked once today's check-in has measured it.
 */
export function ClinicianRechecks({ rechecks }: { rechecks: readonly Recheck[] }) {
  if (rechecks.length === 0) return null;
  const open = rechecks.some((r) => !r.done);
  return (
    <Alert
      color={open ? 'orange' : 'teal'}
      variant="light"
      title="Clinician's rechecks before the infusion"
      role="region"
      aria-label="Clinician's rechecks"
    >
      <List size="sm" spacing={6} center>
        {rechecks.map((r) => (
          <List.Item
            key={r.check}
            icon={
              <ThemeIcon size={18} radius="xl" color={r.done ? 'teal' : 'orange'} aria-hidden>
                {r.done ? '✓' : '!'}
              </ThemeIcon>
            }
          >
            <Text size="sm" fw={600} span>
              {r.message ?? `Measure the ${RECHECK_LABELS[r.check].toLowerCase()} before the infusion`}
            </Text>
            <Text size="xs" c="dimmed">
              Asked because: {r.reason}
            </Text>
          </List.Item>
        ))}
      </List>
    </Alert>
  );
}
