import { Alert, Checkbox, Stack, Text, Textarea } from '@mantine/core';
import { OVERRIDE_REASON_MIN_LENGTH } from '@cadence/domain';
import type { Problem } from '../../../api/problem';

export type RefusalReason = NonNullable<Problem['reasons']>[number];

interface OverrideFieldsProps {
  reasons: readonly RefusalReason[];
  canOverride: boolean;
  accepts: string[];
  onAccepts: (codes: string[]) => void;
  reason: string;
  onReason: (text: string) => void;
  reasonError?: string;
}

/**
 * The rules holding a dose, as the API named them. A clinician may accept the relative ones in
 * writing; absolute ones always stand, and a nurse sees that a clinician is needed.
 */
export function OverrideFields({
  reasons,
  canOverride,
  accepts,
  onAccepts,
  reason,
  onReason,
  reasonError,
}: OverrideFieldsProps) {
  const relative = reasons.filter((r) => r.severity === 'RELATIVE' && r.code);
  const absolute = reasons.filter((r) => r.severity !== 'RELATIVE');
  return (
    <Alert color="orange" variant="light" title="Held by the dosing rules" role="alert">
      <Stack gap="xs">
        {absolute.map((r) => (
          <Text key={r.message} size="sm" fw={600}>
            {r.message} (always stands)
          </Text>
        ))}
        {relative.length > 0 &&
          (canOverride ? (
            <>
              <Checkbox.Group value={accepts} onChange={onAccepts} label="Accept in writing">
                <Stack gap={4} mt={4}>
                  {relative.map((r) => (
                    <Checkbox key={r.code} value={r.code ?? ''} label={r.message} size="md" />
                  ))}
                </Stack>
              </Checkbox.Group>
              <Textarea
                label="Clinician's reason"
                description={`At least ${OVERRIDE_REASON_MIN_LENGTH} characters`}
                autosize
                minRows={2}
                size="md"
                value={reason}
                onChange={(e) => onReason(e.currentTarget.value)}
                error={reasonError}
              />
            </>
          ) : (
            relative.map((r) => (
              <Text key={r.message} size="sm">
                {r.message}: a clinician may accept it with a written reason.
              </Text>
            ))
          ))}
      </Stack>
    </Alert>
  );
}
