import { Button, Checkbox, Modal, Stack, Text, Textarea } from '@mantine/core';
import { useForm } from '@mantine/form';
import { notifications } from '@mantine/notifications';
import { OVERRIDE_REASON_MIN_LENGTH } from '@cadence/domain';
import { useState } from 'react';
import { FormErrorAlert } from '../../../shared/FormErrorAlert';
import { apiErrorsOnForm } from '../../../shared/forms';
import type { BoosterChecks } from '../api/boosters.api';
import { useApproveBooster } from '../hooks/useBoosters';

const REASON_MAX = 2000;

/**
 * A clinician's written approval of the relative reasons holding a booster (a cap the booster could
 * cross, no measured response, relief not yet lost), for the front desk's booking to cite. Offered
 * only when nothing absolute holds it: no approval lifts an absolute reason, as the API enforces.
 */
export function BoosterApprovalButton({ checks, patientName }: { checks: BoosterChecks; patientName: string }) {
  const [open, setOpen] = useState(false);
  const [messages, setMessages] = useState<string[]>([]);
  const approve = useApproveBooster();
  const relative = checks.decision.standing.filter((r) => r.severity === 'RELATIVE');
  const form = useForm({
    initialValues: { reason: '', accepts: relative.map((r) => r.code as string) },
    validate: {
      reason: (v) =>
        v.trim().length < OVERRIDE_REASON_MIN_LENGTH
          ? `Write at least ${OVERRIDE_REASON_MIN_LENGTH} characters`
          : v.length > REASON_MAX
            ? `At most ${REASON_MAX} characters`
            : null,
      accepts: (v) => (v.length === 0 ? 'Tick at least one reason you accept' : null),
    },
  });
  const absolute = checks.decision.standing.some((r) => r.severity === 'ABSOLUTE');
  if (checks.decision.allowed || absolute || relative.length === 0 || !checks.lastCourse) return null;
  const lastCourseId = checks.lastCourse.id;

  const submit = form.onSubmit(async (values) => {
    setMessages([]);
    try {
      await approve.mutateAsync({
        patientId: checks.patientId,
        courseId: lastCourseId,
        protocolId: checks.protocol.id,
        on: checks.on,
        reason: values.reason,
        accepts: values.accepts as BoosterChecks['decision']['standing'][number]['code'][],
      });
      notifications.show({
        color: 'teal',
        title: 'Booster approved',
        message: `${patientName}: the front desk may book it`,
      });
      setOpen(false);
    } catch (error) {
      setMessages(apiErrorsOnForm(form, error, (path) => path === 'reason' || path === 'accepts'));
    }
  });

  return (
    <>
      <Button variant="light" onClick={() => setOpen(true)}>
        Approve
      </Button>
      <Modal opened={open} onClose={() => setOpen(false)} title={`Approve a booster for ${patientName}`} size="lg">
        <form onSubmit={submit} noValidate aria-label="Approve the booster">
          <Stack gap="sm">
            <Checkbox.Group
              label="Reasons you accept"
              description="Relative reasons standing now; the booking re-runs every check and cites this approval once"
              {...form.getInputProps('accepts')}
            >
              <Stack gap={6} mt={6}>
                {relative.map((r) => (
                  <Checkbox key={r.code} value={r.code} label={r.message} />
                ))}
              </Stack>
            </Checkbox.Group>
            <Textarea
              label="Reason"
              description={`Why the booster is right despite them · ${form.values.reason.length} of ${REASON_MAX}`}
              autosize
              minRows={3}
              {...form.getInputProps('reason')}
            />
            <FormErrorAlert messages={messages} title="Not approved" />
            <Button type="submit" loading={approve.isPending}>
              Approve the booster
            </Button>
            <Text size="xs" c="dimmed">
              For a booster starting {checks.on} under {checks.protocol.name}. It expires unused after the clinic&apos;s
              approval window.
            </Text>
          </Stack>
        </form>
      </Modal>
    </>
  );
}
