import { Alert, Button, Checkbox, Group, Modal, Stack, Text, Textarea } from '@mantine/core';
import { notifications } from '@mantine/notifications';
import {
  OVERRIDE_REASON_MIN_LENGTH,
  RECHECK_LABELS,
  RECHECKABLE,
  reviewChoices,
  type EligibilityReason,
  type RecheckCheck,
  type ReviewAction,
} from '@cadence/domain';
import { useState } from 'react';
import { describeError } from '../../../api/problem';
import type { ReviewQueueItem, Screening } from '../api/types';
import { isStaleVersion, useReviewDecision } from '../hooks/useScreenings';
import { RESULT_LABELS } from '../labels';

type Action = ReviewAction;

/**
 * Shortest reason the API accepts: an override's is the domain's constant, shared with the API's
 * DTO; a decline needs only a reason that is not blank, as the API asks.
 */
const MIN_REASON: Record<Exclude<Action, 'sign'>, number> = { override: OVERRIDE_REASON_MIN_LENGTH, decline: 1 };

const COPY: Record<Exclude<Action, 'sign'>, { title: string; confirm: string; color: string }> = {
  override: { title: 'Override relative contraindications', confirm: 'Override and sign', color: 'orange' },
  decline: { title: 'Decline screening', confirm: 'Decline', color: 'red' },
};

interface ReviewActionsProps {
  screening: Screening | ReviewQueueItem;
  /** Who it is for, in the modal ("Doe, Jane (MRN 123)"). */
  patientLabel: string;
  onDone?: (screening: Screening, action: Action) => void;
}

/**
 * Sign, override (NEEDS_REVIEW only) or decline a submitted screening, each confirmed in a modal;
 * override and decline need a written reason, kept with the record.
 */
export function ReviewActions({ screening, patientLabel, onDone }: ReviewActionsProps) {
  const [action, setAction] = useState<Action | null>(null);
  const [reason, setReason] = useState('');
  const [reasonError, setReasonError] = useState<string | null>(null);
  const [rechecks, setRechecks] = useState<RecheckCheck[]>([]);
  const decision = useReviewDecision();
  // The decisions open now and their words, from the domain's workflow (as the API enforces it).
  const choices = reviewChoices({
    status: screening.status,
    result: screening.result,
    reasons: (screening.reasons ?? []) as EligibilityReason[],
  });
  const choice = (a: Action | null) => choices.find((c) => c.action === a);

  const open = (next: Action) => {
    decision.reset();
    setReason('');
    setReasonError(null);
    setRechecks([]);
    setAction(next);
  };
  const close = () => {
    decision.reset();
    setAction(null);
  };

  const confirm = () => {
    if (!action) return;
    const trimmed = reason.trim();
    if (action !== 'sign' && trimmed.length < MIN_REASON[action]) {
      const atLeast = MIN_REASON[action] > 1 ? ` (at least ${MIN_REASON[action]} characters)` : '';
      setReasonError(`Write the reason${atLeast}; it is kept with the screening.`);
      return;
    }
    const { id, version } = screening;
    const request =
      action === 'sign'
        ? { action, id, version }
        : action === 'override'
          ? { action, id, version, reason: trimmed, rechecks }
          : { action, id, version, reason: trimmed };
    decision.mutate(request, {
      onSuccess: (updated) => {
        setAction(null);
        notifications.show({
          color: action === 'decline' ? 'gray' : 'teal',
          title: choice(action)?.done ?? 'Screening decided',
          message: patientLabel,
        });
        onDone?.(updated, action);
      },
    });
  };

  const chosen = choice(action);
  const confirmsContraindication = action === 'sign' && screening.result === 'CONTRAINDICATED';
  // A signature is worded by what it records: "Sign as eligible" or "Confirm contraindication".
  const copy =
    action && chosen
      ? action === 'sign'
        ? { title: chosen.label, confirm: chosen.label, color: confirmsContraindication ? 'red' : 'cadence' }
        : COPY[action]
      : null;
  const label = `${screening.kind.charAt(0)}${screening.kind.slice(1).toLowerCase()} screening`;

  return (
    <>
      <Group gap="xs">
        {/* A result that needs review is cleared only by a written override, or declined; a
            contraindication is confirmed by signing, never offered as the primary action. */}
        {choices.map((c) => (
          <Button
            key={c.action}
            size="sm"
            variant={c.primary ? 'filled' : c.action === 'decline' ? 'subtle' : 'light'}
            color={c.action === 'override' ? 'orange' : c.action === 'decline' || !c.primary ? 'red' : undefined}
            onClick={() => open(c.action)}
            aria-label={`${c.label.replace('…', '')} — ${label} for ${patientLabel}`}
          >
            {c.label}
          </Button>
        ))}
      </Group>

      <Modal opened={action !== null} onClose={close} title={copy?.title} centered size="lg">
        {action && copy && (
          <Stack gap="md">
            <Text>
              {label} for <strong>{patientLabel}</strong>
              {screening.result && (
                <>
                  {' '}
                  — computed result <strong>{RESULT_LABELS[screening.result]}</strong>
                </>
              )}
              .
            </Text>
            {confirmsContraindication && (
              <Text size="sm">
                Signing confirms the contraindication: the patient is not cleared for treatment on this screening.
              </Text>
            )}
            {action === 'sign' && !confirmsContraindication && (
              <Text size="sm">
                Signing confirms you have reviewed the answers and the reasons. A signed screening cannot be changed;
                corrections are made as an addendum.
              </Text>
            )}
            {action === 'override' && (
              <Text size="sm">
                You accept the relative contraindications listed and sign the screening. Absolute contraindications
                cannot be overridden.
              </Text>
            )}
            {action === 'decline' && (
              <Text size="sm">The patient is not cleared on this screening. It stays on record with your reason.</Text>
            )}
            {screening.suicidalityFlag && (
              <Alert color="red" variant="light" title="Suicidality flag">
                This screening has a positive suicidality answer.
              </Alert>
            )}
            {action !== 'sign' && (
              <Textarea
                label={action === 'override' ? 'Reason for override' : 'Reason for declining'}
                description="Kept with the screening and shown wherever it is used."
                required
                withAsterisk={false}
                autosize
                minRows={3}
                maxLength={2000}
                value={reason}
                error={reasonError}
                onChange={(e) => {
                  setReason(e.currentTarget.value);
                  setReasonError(null);
                }}
                data-autofocus
              />
            )}
            {action === 'override' && (
              <Checkbox.Group
                label="Measure again before each infusion"
                description="Each check chosen becomes a task at every check-in this screening covers, with your reason."
                value={rechecks}
                onChange={(value) => setRechecks(value as RecheckCheck[])}
              >
                <Group gap="md" mt="xs">
                  {RECHECKABLE.map((check) => (
                    <Checkbox key={check} value={check} label={RECHECK_LABELS[check]} />
                  ))}
                </Group>
              </Checkbox.Group>
            )}
            {decision.isError && (
              <Alert color={isStaleVersion(decision.error) ? 'orange' : 'red'} variant="light" role="alert">
                {isStaleVersion(decision.error)
                  ? 'This screening was changed by someone else since you opened it. The latest version has been loaded; review it again before deciding.'
                  : describeError(decision.error)}
              </Alert>
            )}
            <Group justify="flex-end">
              <Button variant="default" onClick={close}>
                Cancel
              </Button>
              <Button
                color={copy.color}
                onClick={confirm}
                loading={decision.isPending}
                disabled={decision.isError && isStaleVersion(decision.error)}
              >
                {copy.confirm}
              </Button>
            </Group>
          </Stack>
        )}
      </Modal>
    </>
  );
}
