import { Button, Group, Modal, Text } from '@mantine/core';
import { useEffect, useRef } from 'react';
import { useBlocker, type Blocker } from 'react-router';

export interface LeaveGuard {
  blocker: Blocker;
  /** The answers on screen are stored now: leaving (e.g. to the saved draft's own page) is fine. */
  saved: () => void;
}

/**
 * Holds a move to another page while answers on screen are not saved, and warns the browser's own
 * reload or close. The flag is a ref so a navigation right after a save (which has not re-rendered
 * yet) is not held.
 */
export function useLeaveGuard(dirty: boolean): LeaveGuard {
  const unsaved = useRef(dirty);
  unsaved.current = dirty;
  const blocker = useBlocker(
    ({ currentLocation, nextLocation }) => unsaved.current && currentLocation.pathname !== nextLocation.pathname,
  );
  useEffect(() => {
    if (!dirty) return;
    const warn = (event: BeforeUnloadEvent) => event.preventDefault();
    window.addEventListener('beforeunload', warn);
    return () => window.removeEventListener('beforeunload', warn);
  }, [dirty]);
  return {
    blocker,
    saved: () => {
      unsaved.current = false;
    },
  };
}

/** Asks before a half-filled screening is left: stay (answers kept on screen) or leave without saving. */
export function UnsavedAnswersGuard({ guard }: { guard: LeaveGuard }) {
  const { blocker } = guard;
  return (
    <Modal
      opened={blocker.state === 'blocked'}
      onClose={() => blocker.reset?.()}
      title="Leave this screening without saving?"
      centered
    >
      <Text size="sm" mb="lg">
        The answers you have entered since the last save are not stored. Stay to save them as a draft or submit them;
        leaving discards them.
      </Text>
      <Group justify="flex-end">
        <Button variant="default" onClick={() => blocker.proceed?.()}>
          Leave without saving
        </Button>
        <Button onClick={() => blocker.reset?.()} data-autofocus>
          Stay on the screening
        </Button>
      </Group>
    </Modal>
  );
}
