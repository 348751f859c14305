import { Alert, Button, Group, Modal, Stack, Text, Textarea } from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { OVERRIDE_REASON_MIN_LENGTH, overrideApplies } from '@cadence/domain';
import { useState } from 'react';
import { describeError } from '../../../api/problem';
import type { ReviewQueueItem, Screening } from '../api/types';
import { isStaleVersion, useReviewDecision } from '../hooks/useScreenings';
import { RESULT_LABELS } from '../labels';

type Action = 'sign' | 'override' | 'decline';

/**
 * Shortest reason the API accepts: an override's is the domain's constant, shared with the API's
 * DTO; a decline needs only a reason that is not blank, as the API asks.
 */
const MIN_REASON: Record<Exclude<Action, 'sign'>, number> = { override: OVERRIDE_REASON_MIN_LENGTH, decline: 1 };

const COPY: Record<Action, { title: string; confirm: string; color: string }> = {
  sign: { title: 'Sign screening', confirm: 'Sign', color: 'cadence' },
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
  const decision = useReviewDecision();
  const canOverride = overrideApplies(screening.result);

  const open = (next: Action) => {
    decision.reset();
    setReason('');
    setReasonError(null);
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
    const request = action === 'sign' ? { action, id, version } : { action, id, version, reason: trimmed };
    decision.mutate(request, {
      onSuccess: (updated) => {
        setAction(null);
        notifications.show({
          color: action === 'decline' ? 'gray' : 'teal',
          title: action === 'decline' ? 'Screening declined' : 'Screening signed',
          message: patientLabel,
        });
        onDone?.(updated, action);
      },
    });
  };

  const copy = action ? COPY[action] : null;
  const label = `${screening.kind.charAt(0)}${screening.kind.slice(1).toLowerCase()} screening`;

  return (
    <>
      <Group gap="xs">
        {/* A result that needs review is cleared only by a written override, or declined: signing
            it as it stands would leave the patient blocked with nothing left to review. */}
        {!canOverride && (
          <Button size="sm" onClick={() => open('sign')} aria-label={`Sign ${label} for ${patientLabel}`}>
            Sign
          </Button>
        )}
        {canOverride && (
          <Button
            size="sm"
            variant="light"
            color="orange"
            onClick={() => open('override')}
            aria-label={`Override ${label} for ${patientLabel}`}
          >
            Override…
          </Button>
        )}
        <Button
          size="sm"
          variant="subtle"
          color="red"
          onClick={() => open('decline')}
          aria-label={`Decline ${label} for ${patientLabel}`}
        >
          Decline…
        </Button>
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
            {action === 'sign' && (
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
